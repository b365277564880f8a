// A settings save that changes nothing a banner shows (the poll interval) still refreshes the registry sources
// that are due; when that refresh brings a different document, the open task pages are told to ask again.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { setClockOffset } = await import('../../../src/background/clock');
const { writeSettings, readSettings } = await import('../../../src/background/settings-store');
const { handlers } = await import('../../../src/background/handlers');
const { refreshRegistry } = await import('../../../src/background/registry');

const ORIGIN = 'https://phabricator.example.org';
const REGISTRY_URL = 'https://owners.example.org/registry.yaml';
const example = readFileSync(new URL('../../fixtures/registry/example.yaml', import.meta.url), 'utf8');
const edited = example.replace(
  /(- name: CentralAuth\n(?:.*\n)*?\s+)stewards: \[\]/,
  '$1stewards: [Release Engineering]',
);
let served = example;
let fetched = 0;
const realFetch = globalThis.fetch;

const options = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};
const sent: { tabId: number; message: unknown }[] = [];
const settingsWith = (pollMinutes: number) => ({
  version: 1,
  instances: [{ url: ORIGIN, authMode: 'session' }],
  registry: { sources: [{ kind: 'url', id: 'owners', name: 'Owners', url: REGISTRY_URL }] },
  pollMinutes,
});

beforeAll(async () => {
  expect(edited).not.toBe(example);
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url === REGISTRY_URL) {
      fetched += 1;
      return new Response(served, { status: 200 });
    }
    return realFetch(input, init);
  }) as typeof fetch;
  fake.current!.grant(ORIGIN);
  const tabs = fake.current!.browser.tabs as unknown as Record<string, unknown>;
  tabs.query = async () => [{ id: 7, url: `${ORIGIN}/T14` }];
  tabs.sendMessage = async (tabId: number, message: unknown) => {
    sent.push({ tabId, message });
  };
  const saved = await writeSettings(settingsWith(5));
  if (!saved.ok) throw new Error(saved.errors.join('\n'));
  await refreshRegistry(saved.settings);
});

afterAll(() => {
  globalThis.fetch = realFetch;
});

describe('a settings save whose due registry refresh brings another document', () => {
  it('tells the open task page to ask again (its owners changed)', async () => {
    // Seven hours later (the source is due after six) the document has been edited upstream; the alarm's
    // refresh has not run yet (the browser was asleep) when the user changes the poll interval.
    setClockOffset(7 * 3600);
    served = edited;
    sent.length = 0;
    fetched = 0;
    await handlers['settings/save']({ type: 'settings/save', settings: settingsWith(10) }, options as never);
    // The save's refresh read the edited document (and stored it: the alarm's next refresh finds it the same).
    expect(fetched).toBeGreaterThan(0);
    const toldBySave = [...sent];
    await refreshRegistry(await readSettings());
    expect(sent).toEqual(toldBySave);
    // ...so nothing later will tell the page: only this save could have.
    expect(sent, 'task/changed to the open T14 page').toEqual([
      { tabId: 7, message: { type: 'task/changed', taskId: 14 } },
    ]);
  });
});
