// Phorge dates edits to the second: a history read in the second of the task's last edit may lack a
// second edit of that second, which leaves dateModified as it was. Such a history is read again (its new
// end) whichever way it was stored: by a poll before a full read, by a poll that failed later, by a page.
// Without a Date header (a proxy that drops it), the newest dateModified seen stands for the poll's clock.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';
import { tokenSettings } from './token-settings';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { pollInstance } = await import('../../../src/background/poll');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { taskContext } = await import('../../../src/background/context');
const { clientFor } = await import('../../../src/background/instance-client');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');
const ALICE = TOKENS.alice;

let site: Standin;
let settings: ReturnType<typeof tokenSettings>;

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

// The stand-in's own fetch: a test below takes the Date header off the worker's replies.
const realFetch = globalThis.fetch;

async function edit(task: string, transactions: unknown[]): Promise<void> {
  const reply = await realFetch(`${site.url}/api/maniphest.edit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: task, transactions, __conduit__: { token: ALICE } }))}`,
  });
  const json = (await reply.json()) as { error_code: string | null };
  if (json.error_code) throw new Error(json.error_code);
}

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  settings = tokenSettings(site.url, REGISTRY);
  fake.current!.grant(site.url);
  await writeToken(site.url, ALICE);
  syncClock();
});

afterAll(() => site.close());

describe('a history read in the second of the last edit', () => {
  it('a declaration posted in the same second as the poll that read the history survives a later full read', async () => {
    await pollInstance(settings, site.url, { force: true });
    site.clock.advance(5);
    syncClock();
    // Someone comments on T6; the next poll reads its new history in this same second.
    await edit('T6', [{ type: 'comment', value: 'Looking into it.' }]);
    await pollInstance(settings, site.url, { force: true });
    // A moment later, still in that second, alice declares herself process owner.
    await edit('T6', [{ type: 'comment', value: 'Process owner: @alice' }]);
    // The laptop sleeps for 6 hours: the next poll is a full read (FULL_READ_SECONDS).
    site.clock.advance(6 * 3600 + 10);
    syncClock();
    const full = await pollInstance(settings, site.url, { force: true });
    const after = await pollInstance(settings, site.url, { force: true });
    expect(full.state.rows.find((r) => r.task.id === 6)?.processOwner?.person?.username).toBe('alice');
    expect(after.state.rows.find((r) => r.task.id === 6)?.processOwner?.person?.username).toBe('alice');
  });
});

describe('a history stored by a poll that then failed', () => {
  it('a declaration posted in the same second as a failed poll read the history is seen by the next poll', async () => {
    // Cached accounts expire, so the next poll asks user.search after it has read T14's new history.
    site.clock.advance(11 * 60);
    syncClock();
    await pollInstance(settings, site.url, { force: true });
    site.clock.advance(11 * 60);
    syncClock();
    await edit('T14', [{ type: 'comment', value: 'Still looking.' }]);
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'user.search', kind: 'malformed', times: 10 }),
    });
    site.requests.clear();
    const failed = await pollInstance(settings, site.url, { force: true });
    expect(failed.state.connection).not.toBe('ok');
    // It had read (and stored) T14's new history before it failed.
    expect(site.requests.conduitCalls('transaction.search').length).toBeGreaterThan(0);
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"clear":true}',
    });
    // Same second: alice declares herself.
    await edit('T14', [{ type: 'comment', value: 'Process owner: @alice' }]);
    site.clock.advance(30);
    syncClock();
    const next = await pollInstance(settings, site.url, { force: true });
    expect(next.state.connection).toBe('ok');
    const later = await pollInstance(settings, site.url, { force: true });
    expect(next.state.rows.find((r) => r.task.id === 14)?.processOwner?.person?.username).toBe('alice');
    expect(later.state.rows.find((r) => r.task.id === 14)?.processOwner?.person?.username).toBe('alice');
  });
});

describe('a history stored by a page view', () => {
  it('a declaration posted in the same second as a page view read the task is seen by the next poll', async () => {
    site.clock.advance(11 * 60);
    syncClock();
    await pollInstance(settings, site.url, { force: true });
    site.clock.advance(5);
    syncClock();
    // Someone comments on T1 and the user opens its page in that second: the banner stores the history.
    await edit('T1', [{ type: 'comment', value: 'Looking into it.' }]);
    const client = await clientFor(settings, site.url);
    await taskContext(settings, site.url, client, 1, false);
    // Still in that second, alice declares herself.
    await edit('T1', [{ type: 'comment', value: 'Process owner: @alice' }]);
    site.clock.advance(30);
    syncClock();
    const next = await pollInstance(settings, site.url, { force: true });
    expect(next.state.rows.find((r) => r.task.id === 1)?.processOwner?.person?.username).toBe('alice');
    // The page, opened again later, still misses it too.
    const again = await taskContext(settings, site.url, client, 1, false);
    expect(again.processOwner?.person?.username).toBe('alice');
  });
});

describe('replies without a Date header', () => {
  it('sees a second edit to the same task in the second its history was read', async () => {
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const reply = await realFetch(input, init);
      const headers = new Headers(reply.headers);
      headers.delete('date');
      return new Response(await reply.text(), { status: reply.status, headers });
    });
    try {
      await pollInstance(settings, site.url, { force: true });
      site.clock.advance(5);
      syncClock();
      await edit('T11', [{ type: 'comment', value: 'Looking into it.' }]);
      await pollInstance(settings, site.url, { force: true });
      // Same second, after that poll read T11's history.
      await edit('T11', [{ type: 'comment', value: 'Process owner: @alice' }]);
      site.clock.advance(30);
      syncClock();
      const { state } = await pollInstance(settings, site.url, { force: true });
      expect(state.rows.find((r) => r.task.id === 11)?.processOwner?.person?.username).toBe('alice');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
