// A registry address inside the user's network is accepted by the settings only on an instance's host,
// and read by the worker only once the user granted that host's access: a settings file (or, in Firefox,
// a page's script writing storage) can name an instance the user never granted, and would otherwise make
// every install fetch an internal address on a schedule.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { refreshRegistry, forgetRememberedRegistry } = await import('../../../src/background/registry');
const { parseSettings } = await import('../../../src/shared/settings');

const ROUTER = 'http://192.168.1.1';
const INTERNAL = `${ROUTER}/cgi-bin/owners.yaml`;

afterEach(() => {
  vi.unstubAllGlobals();
  forgetRememberedRegistry();
});

function settingsNaming(instance: string) {
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: instance, authMode: 'session' }],
    registry: { sources: [{ kind: 'url', id: 'x', name: 'Owners', url: INTERNAL }] },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.settings;
}

async function refreshWith(settings: ReturnType<typeof settingsNaming>) {
  const requested: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL | Request) => {
      requested.push(String(input));
      return new Response('components: []\n', { status: 200, headers: { 'content-type': 'text/yaml' } });
    }),
  );
  const [entry] = await refreshRegistry(settings, true);
  return { requested, entry };
}

describe('a registry on an instance host inside the network', () => {
  it('is not fetched while the instance host has no granted access, and says why', async () => {
    const { requested, entry } = await refreshWith(settingsNaming(ROUTER));
    expect(requested.filter((url) => url.startsWith(ROUTER))).toEqual([]);
    expect(entry?.error).toMatch(/inside your network.*granted access/);
  });

  it('is fetched once the user granted the instance host', async () => {
    fake.current!.grant(ROUTER);
    const { requested, entry } = await refreshWith(settingsNaming(ROUTER));
    expect(requested).toContain(INTERNAL);
    expect(entry?.error).toBeNull();
  });
});
