// The owners registry, its project overrides or the thresholds edited in the options page: a page opened
// afterwards is answered under the new settings, and a task page already open is told to ask again (its
// task did not move, so no poll would tell it).
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TaskContext } from '../../../src/messages';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';
import { pageFactsOf } from './page-facts-of';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { setClockOffset } = await import('../../../src/background/clock');
const { writeSettings } = await import('../../../src/background/settings-store');
const { handlers } = await import('../../../src/background/handlers');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');
// CentralAuth, the component of the incident, gets a steward.
const EDITED = REGISTRY.replace(
  /(- name: CentralAuth\n(?:.*\n)*?\s+)stewards: \[\]/,
  '$1stewards: [Release Engineering]',
);

let site: Standin;
const options = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};
const sent: { tabId: number; message: unknown }[] = [];

const pageOf = (task: number) => pageFactsOf(site, task);

async function view(taskId: number) {
  const page = await pageOf(taskId);
  const sender = {
    kind: 'content-script' as const,
    origin: site.url,
    tabId: 7,
    url: `${site.url}/T${taskId}`,
  };
  const ask = (settle: boolean) =>
    handlers['task/context'](
      { type: 'task/context', taskId, page, ...(settle ? { settle } : {}) },
      sender as never,
    ) as Promise<TaskContext>;
  const first = await ask(false);
  return first.pending ? ask(true) : first;
}

const settingsWith = (text: string, overrides: Record<string, string[]> = {}) => ({
  version: 1,
  instances: [{ url: site.url, authMode: 'token' }],
  watch: { allUbn: true },
  registry: { sources: [{ kind: 'inline', id: 'pasted', name: 'Pasted registry', text }], overrides },
});

const stewardsOf = (context: Awaited<ReturnType<typeof view>>, component: string) =>
  context.ownership.components.find((c) => c.name === component)?.stewards.map((s) => s.name) ?? null;

beforeAll(async () => {
  expect(EDITED).not.toBe(REGISTRY);
  site = await startStandin({ port: 0 });
  fake.current!.grant(site.url);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
  const saved = await writeSettings(settingsWith(REGISTRY));
  if (!saved.ok) throw new Error(saved.errors.join('\n'));
  await handlers['token/set'](
    { type: 'token/set', instance: site.url, token: TOKENS.alice },
    options as never,
  );
  // One tab shows T14; the worker can see it and message it.
  const tabs = fake.current!.browser.tabs as unknown as Record<string, unknown>;
  tabs.query = async () => [{ id: 7, url: `${site.url}/T14` }];
  tabs.sendMessage = async (tabId: number, message: unknown) => {
    sent.push({ tabId, message });
  };
});

afterAll(() => site.close());

describe('the pasted registry edited while a task page is open', () => {
  it('a page opened afterwards shows the new owners (the cached answer follows the registry)', async () => {
    await handlers['poll/now']({ type: 'poll/now' }, options as never);
    const before = await view(14);
    expect(stewardsOf(before, 'CentralAuth')).toEqual([]);
    await handlers['settings/save'](
      { type: 'settings/save', settings: settingsWith(EDITED) },
      options as never,
    );
    const after = await view(14);
    expect(stewardsOf(after, 'CentralAuth')).toEqual(['Release Engineering']);
  });

  it('the page already open is told to ask again (by the save, or at the latest by the next poll)', async () => {
    sent.length = 0;
    await handlers['settings/save'](
      { type: 'settings/save', settings: settingsWith(REGISTRY) },
      options as never,
    );
    // Even a poll afterwards (the registry is part of its basis: it evaluates every task again).
    site.clock.advance(600);
    setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
    await handlers['poll/now']({ type: 'poll/now' }, options as never);
    const told = sent.filter((s) => s.tabId === 7);
    expect(told, 'messages to the open T14 page after its owners changed').not.toEqual([]);
  });

  it('a project override edited in the options page reaches the open page too', async () => {
    sent.length = 0;
    await handlers['settings/save'](
      { type: 'settings/save', settings: settingsWith(REGISTRY, { Echo: ['CentralAuth'] }) },
      options as never,
    );
    const now = await view(14);
    expect(now.ownership.components.map((c) => c.name)).toContain('Echo');
    expect(
      sent.filter((s) => s.tabId === 7),
      'messages to the open T14 page',
    ).not.toEqual([]);
  });

  it('a save that changes nothing a banner shows (the poll interval) tells no page', async () => {
    sent.length = 0;
    await handlers['settings/save'](
      {
        type: 'settings/save',
        settings: { ...settingsWith(REGISTRY, { Echo: ['CentralAuth'] }), pollMinutes: 10 },
      },
      options as never,
    );
    expect(sent).toEqual([]);
  });

  it('the page is told with its own task, as the banner listens for it', async () => {
    sent.length = 0;
    await handlers['settings/save'](
      { type: 'settings/save', settings: settingsWith(REGISTRY) },
      options as never,
    );
    expect(sent).toEqual([{ tabId: 7, message: { type: 'task/changed', taskId: 14 } }]);
  });
});
