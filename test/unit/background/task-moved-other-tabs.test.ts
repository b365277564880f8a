// Two tabs of the same task, edited in one. Tab A's banner reads the task again and stores it; tab B, whose
// banner still shows the old state, is told: by that read at once, and by the next poll, also when the task
// left the poll's list (lowered from Unbreak Now!, closed) after the banner had stored its new snapshot.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
const { writeSettings } = await import('../../../src/background/settings-store');
const { handlers } = await import('../../../src/background/handlers');

let site: Standin;
const options = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};
const sent: { tabId: number; message: unknown }[] = [];

const pageOf = (task: number) => pageFactsOf(site, task);

async function view(taskId: number, tabId: number, page: PageFacts) {
  const sender = { kind: 'content-script' as const, origin: site.url, tabId, url: `${site.url}/T${taskId}` };
  const ask = (settle: boolean) =>
    handlers['task/context'](
      { type: 'task/context', taskId, page, ...(settle ? { settle } : {}) },
      sender as never,
    ) as Promise<TaskContext>;
  const first = await ask(false);
  return first.pending ? ask(true) : first;
}

async function edit(task: number, transactions: unknown[]): Promise<void> {
  await fetch(`${site.url}/api/maniphest.edit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: `T${task}`, transactions, __conduit__: { token: TOKENS.alice } }))}`,
  });
}

function later(seconds: number): void {
  site.clock.advance(seconds);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

const toldTab = (tabId: number, taskId: number) =>
  sent.filter(
    (s) => s.tabId === tabId && (s.message as { type?: string; taskId?: number }).taskId === taskId,
  );

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  fake.current!.grant(site.url);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
  const saved = await writeSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    watch: { allUbn: true },
  });
  if (!saved.ok) throw new Error(saved.errors.join('\n'));
  await handlers['token/set'](
    { type: 'token/set', instance: site.url, token: TOKENS.alice },
    options as never,
  );
  const tabs = fake.current!.browser.tabs as unknown as Record<string, unknown>;
  tabs.query = async () => [
    { id: 1, url: `${site.url}/T14` },
    { id: 2, url: `${site.url}/T14` },
    { id: 3, url: `${site.url}/T16` },
    { id: 4, url: `${site.url}/T16` },
  ];
  tabs.sendMessage = async (tabId: number, message: unknown) => {
    sent.push({ tabId, message });
  };
  await handlers['poll/now']({ type: 'poll/now' }, options as never);
});

afterAll(() => site.close());

describe('two tabs of the same task, edited in one', () => {
  it('a declaration made in tab A reaches tab B at the next poll', async () => {
    const pageB = await pageOf(16);
    expect((await view(16, 4, pageB)).task.isUbn).toBe(true);
    later(30);
    await edit(16, [{ type: 'comment', value: 'Process owner: @alice' }]);
    const pageA = await pageOf(16);
    expect((await view(16, 3, pageA)).processOwner?.declaredAt).not.toBeNull();
    sent.length = 0;
    later(6 * 60);
    await handlers['poll/now']({ type: 'poll/now' }, options as never);
    expect(toldTab(4, 16)).not.toEqual([]);
  });

  it('the task lowered from Unbreak Now! in tab A: tab B is told, at the latest by the next poll', async () => {
    const pageB = await pageOf(14);
    const before = await view(14, 2, pageB);
    expect(before.task.isUbn).toBe(true);
    expect(before.escalation).not.toBeNull();

    later(30);
    await edit(14, [{ type: 'priority', value: 'high' }]);
    const pageA = await pageOf(14);
    const inA = await view(14, 1, pageA);
    expect(inA.task.isUbn).toBe(false);

    sent.length = 0;
    later(6 * 60);
    await handlers['poll/now']({ type: 'poll/now' }, options as never);
    expect(toldTab(2, 14), 'task/changed for T14 to tab B, whose banner still shows a UBN!').not.toEqual([]);
    // Told, tab B asks with its older page and is answered from the cache: lowered.
    const inB = await view(14, 2, pageB);
    expect(inB.task.isUbn).toBe(false);
  });

  it('tab A’s read that stores the moved task tells tab B at once, and not tab A, which has the answer', async () => {
    const pageB = await pageOf(16);
    await view(16, 4, pageB);
    later(30);
    await edit(16, [{ type: 'comment', value: 'Rolled back on group1.' }]);
    sent.length = 0;
    const pageA = await pageOf(16);
    await view(16, 3, pageA);
    await vi.waitFor(() => expect(toldTab(4, 16)).not.toEqual([]));
    expect(toldTab(3, 16)).toEqual([]);
  });
});
