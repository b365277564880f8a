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

const ADMIN_TOKEN = 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc';

/** Calls the stand-in's Conduit as admin (a token from the captures), as a second observer would. */
export async function conduit<T = unknown>(
  site: Standin,
  method: string,
  params: Record<string, unknown>,
): Promise<T> {
  const body = `params=${encodeURIComponent(JSON.stringify({ ...params, __conduit__: { token: ADMIN_TOKEN } }))}`;
  const response = await fetch(`${site.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const reply = (await response.json()) as {
    result: T;
    error_code: string | null;
    error_info: string | null;
  };
  if (reply.error_code) throw new Error(`${method}: ${reply.error_code} ${reply.error_info}`);
  return reply.result;
}

/** What Phabricator now says about a task: its owner, subscribers and the declaration comments on it. */
export async function taskFacts(site: Standin, taskId: number, username: string) {
  const search = await conduit<{
    data: {
      fields: { ownerPHID: string | null };
      attachments: { subscribers: { subscriberPHIDs: string[] } };
    }[];
  }>(site, 'maniphest.search', { constraints: { ids: [taskId] }, attachments: { subscribers: true } });
  const users = await conduit<{ data: { phid: string; fields: { username: string } }[] }>(
    site,
    'user.search',
    {
      constraints: { usernames: [username] },
    },
  );
  const phid = users.data[0]?.phid;
  const history = await conduit<{
    data: { type: string | null; comments: { content: { raw: string } }[] }[];
  }>(site, 'transaction.search', { objectIdentifier: `T${taskId}` });
  const declarations = history.data.filter(
    (tx) =>
      tx.type === 'comment' && tx.comments.some((c) => c.content.raw.includes(`Process owner: @${username}`)),
  ).length;
  const task = search.data[0]!;
  return {
    ownerIsUser: task.fields.ownerPHID === phid,
    subscribed: phid !== undefined && task.attachments.subscribers.subscriberPHIDs.includes(phid),
    declarations,
  };
}

export { editAs } from '../../standin/edits';

/**
 * Waits until the stand-in has had no request for `quietMs`: the worker's own start-up work (a poll after
 * the settings were written, a registry read) is over, so what a test counts next is what it caused.
 */
export async function settled(site: Standin, quietMs = 1000, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let count = site.requests.all().length;
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error('the stand-in never went quiet');
    await new Promise((done) => setTimeout(done, 100));
    const now = site.requests.all().length;
    if (now !== count) {
      count = now;
      since = Date.now();
    }
  }
}
