// The local Phabricator stand-in for e2e tests, started in-process on an ephemeral port.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startStandin, type Standin } from '../../standin/server';

export type { Standin };

export async function standin(scenario?: string): Promise<Standin> {
  return startStandin({ port: 0, ...(scenario ? { scenario } : {}) });
}

export const EXAMPLE_REGISTRY = readFileSync(
  resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'),
  'utf8',
);

/** Settings as the options page would save them: one instance in session mode, the example registry. */
export function settingsFor(origin: string, overrides: Record<string, unknown> = {}) {
  return {
    version: 1,
    instances: [{ url: origin, authMode: 'session' }],
    registry: {
      sources: [
        { kind: 'inline', id: 'example', name: 'Example registry', text: EXAMPLE_REGISTRY, enabled: true },
      ],
    },
    watch: { allUbn: true, projects: [], myComponents: true },
    ...overrides,
  };
}

export async function control(site: Standin, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${site.url}/__standin/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return response.json();
}
