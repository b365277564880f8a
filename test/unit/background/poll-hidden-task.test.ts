// A task that becomes invisible to the user (made private, or deleted) must not break the polling
// of every other task on the instance. Phorge answers transaction.search on such a task with
// ERR-INVALID-OBJECT-PHID (fixture error.transaction.search-unknown-object).
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';
import { tokenSettings } from './token-settings';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { pollInstance } = await import('../../../src/background/poll');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');

let site: Standin;
const realFetch = globalThis.fetch;

const syncClock = () => setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));

async function edit(task: string, transactions: unknown[], token: string): Promise<void> {
  const reply = await realFetch(`${site.url}/api/maniphest.edit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: task, transactions, __conduit__: { token } }))}`,
  });
  const json = (await reply.json()) as { error_code: string | null };
  if (json.error_code) throw new Error(json.error_code);
}

async function fault(body: unknown): Promise<void> {
  await realFetch(`${site.url}/__standin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** An administrator restricts the task to administrators: alice (not an admin) no longer sees it. */
function makePrivate(id: number): void {
  const task = site.state.world.taskById(id)!;
  task.policy = { view: 'admin', interact: 'admin', edit: 'admin' };
}

beforeEach(async () => {
  site = await startStandin({ port: 0 });
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  syncClock();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await site.close();
});
afterAll(() => vi.unstubAllGlobals());

describe('a task made private', () => {
  it('while a poll reads it: the poll still succeeds for every other task', async () => {
    const settings = tokenSettings(`${site.url}`);
    await pollInstance(settings, site.url, { force: true });
    site.clock.advance(120);
    syncClock();
    await edit('T14', [{ type: 'comment', value: 'Moving this to the security queue.' }], TOKENS.bob);
    // Between the maniphest.search that listed T14 as changed and the read of its new history, an
    // administrator restricts it.
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/api/transaction.search')) makePrivate(14);
      return realFetch(input, init);
    });
    try {
      const { state } = await pollInstance(settings, site.url, { force: true });
      // One ERR-INVALID-OBJECT-PHID used to fail the whole poll: the popup said the instance was unreachable
      // ("T14 does not exist on 127.0.0.1:…"), and no other task was updated or reminded about.
      expect(state.message).toBeNull();
      expect(state.connection).toBe('ok');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('after a poll failed on its history: later polls of the instance keep failing on it', async () => {
    const settings = tokenSettings(`${site.url}`);
    await pollInstance(settings, site.url, { force: true });
    site.clock.advance(120);
    syncClock();
    await edit('T14', [{ type: 'comment', value: 'Moving this to the security queue.' }], TOKENS.bob);
    site.clock.advance(30);
    syncClock();
    // A one-off broken reply while reading T14's new history: that poll fails (fine, it keeps everything).
    await fault({ method: 'transaction.search', kind: 'malformed', times: 1 });
    const blip = await pollInstance(settings, site.url, { force: true });
    expect(blip.state.connection).not.toBe('ok');
    // Then T14 is restricted to administrators.
    makePrivate(14);
    site.clock.advance(60);
    syncClock();
    expect((await pollInstance(settings, site.url, { force: true })).state.connection).toBe('ok');
    // T14's "no process owner after 2 h" threshold falls due: the poll evaluates it again.
    site.clock.advance(2 * 3600);
    syncClock();
    const later = await pollInstance(settings, site.url, { force: true });
    // The snapshot the failed poll stored makes the worker re-read T14's history, which Phorge now
    // refuses: that must not fail every poll until the 6-hourly full read and stop the reminders for the
    // other watched UBN! tasks (T1, T6, T7, …).
    expect(later.state.message).toBeNull();
    expect(later.state.connection).toBe('ok');
  });
});
