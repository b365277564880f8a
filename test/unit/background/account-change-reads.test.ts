// The token replaced while several task pages are open: the pages told to ask again read who "you" are once
// between them, and a whoami made with a client of the token before (a poll's) never becomes "you".
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PageFacts, TaskContext } from '../../../src/messages';
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
const { writeSettings, readSettings } = await import('../../../src/background/settings-store');
const { handlers } = await import('../../../src/background/handlers');
const { clientFor } = await import('../../../src/background/instance-client');
const { cachedInstance, viewer: readViewer } = await import('../../../src/background/metadata');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');

let site: Standin;
const options = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};
const sent: { tabId: number; message: unknown }[] = [];
const TABS = [
  { id: 1, task: 14 },
  { id: 2, task: 16 },
  { id: 3, task: 13 },
];

const pageOf = (task: number) => pageFactsOf(site, task);

async function view(taskId: number, tabId: number, page: PageFacts): Promise<TaskContext> {
  const sender = { kind: 'content-script' as const, origin: site.url, tabId, url: `${site.url}/T${taskId}` };
  const ask = (settle: boolean) =>
    handlers['task/context'](
      { type: 'task/context', taskId, page, ...(settle ? { settle } : {}) },
      sender as never,
    ) as Promise<TaskContext>;
  const first = await ask(false);
  return first.pending ? ask(true) : first;
}

function later(seconds: number): void {
  site.clock.advance(seconds);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  fake.current!.grant(site.url);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
  const saved = await writeSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
  });
  if (!saved.ok) throw new Error(saved.errors.join('\n'));
  await handlers['token/set'](
    { type: 'token/set', instance: site.url, token: TOKENS.alice },
    options as never,
  );
  const tabs = fake.current!.browser.tabs as unknown as Record<string, unknown>;
  tabs.query = async () => TABS.map((t) => ({ id: t.id, url: `${site.url}/T${t.task}` }));
  tabs.sendMessage = async (tabId: number, message: unknown) => {
    sent.push({ tabId, message });
  };
  // Every tab's task seen once: cached, current.
  for (const tab of TABS) await view(tab.task, tab.id, await pageOf(tab.task));
});

afterAll(() => site.close());

describe('the token replaced while three task pages are open', () => {
  it('the pages told to ask again read who "you" are once, not once per tab', async () => {
    const pages = await Promise.all(TABS.map((t) => pageOf(t.task)));
    later(30);
    // A cached, unchanged page view costs nothing (the README's promise), as a baseline.
    site.requests.clear();
    await view(TABS[0]!.task, TABS[0]!.id, pages[0]!);
    expect(site.requests.conduitCalls()).toEqual([]);

    sent.length = 0;
    await handlers['token/set'](
      { type: 'token/set', instance: site.url, token: TOKENS.bob },
      options as never,
    );
    expect(sent.map((s) => s.tabId).sort()).toEqual([1, 2, 3]);
    // Each told page asks again at once, as the banner does on task/changed.
    site.requests.clear();
    const answers = await Promise.all(TABS.map((t, i) => view(t.task, t.id, pages[i]!)));
    for (const answer of answers) expect(answer.viewer?.username).toBe('bob');
    expect(
      site.requests.conduitCalls('user.whoami').length,
      'user.whoami calls after one token change with three tabs open',
    ).toBe(1);
  });

  it('a whoami answered for the replaced token does not become "you" (a read whose client predates token/set)', async () => {
    // Back to alice; a read (a poll, a banner's) gets its client now, with alice's token...
    await handlers['token/set'](
      { type: 'token/set', instance: site.url, token: TOKENS.alice },
      options as never,
    );
    const settings = await readSettings();
    const oldClient = await clientFor(settings, site.url);
    // ...the user stores bob's token meanwhile (the client's first request, say the vocabulary, is on its way)...
    await handlers['token/set'](
      { type: 'token/set', instance: site.url, token: TOKENS.bob },
      options as never,
    );
    // ...and the read goes on to ask who "you" are (poll.ts: vocabulary, then viewer), with alice's token.
    await readViewer(site.url, oldClient);
    const cached = (await cachedInstance(site.url))?.viewer ?? null;
    expect(cached?.username ?? null, 'the cached viewer after bob’s token was stored').not.toBe('alice');
    // What the user sees: a cached page view now names alice as "you", with no request to correct it.
    later(30);
    const shown = await view(14, 1, await pageOf(14));
    expect(shown.viewer?.username).toBe('bob');
  });

  it('the same through a poll: its vocabulary read is slow, the token is replaced meanwhile', async () => {
    await handlers['token/set'](
      { type: 'token/set', instance: site.url, token: TOKENS.alice },
      options as never,
    );
    await view(14, 1, await pageOf(14));
    // A day later the poll reads the vocabulary again (two calls) before it asks who "you" are.
    later(25 * 3600);
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      body: JSON.stringify({ method: 'maniphest.priority.search', kind: 'latency', ms: 600 }),
    });
    site.requests.clear();
    const polling = handlers['poll/now']({ type: 'poll/now' }, options as never);
    await new Promise((done) => setTimeout(done, 200));
    await handlers['token/set'](
      { type: 'token/set', instance: site.url, token: TOKENS.bob },
      options as never,
    );
    await polling;
    expect((await cachedInstance(site.url))?.viewer?.username ?? null).not.toBe('alice');
    later(30);
    site.requests.clear();
    const shown = await view(14, 1, await pageOf(14));
    expect(shown.viewer?.username, '"you" in the banner, an hour after bob’s token was stored').toBe('bob');
  });
});
