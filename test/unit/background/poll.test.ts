// The worker's poll, reminders and process-owner action in node, against the stand-in, with the clocks
// of both moved by the test. IndexedDB is fake-indexeddb; the WebExtension APIs are an in-memory fake.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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

const { pollInstance, pollState } = await import('../../../src/background/poll');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { assignProcessOwner } = await import('../../../src/background/assign');
const { clientFor } = await import('../../../src/background/instance-client');
const { parseSettings } = await import('../../../src/shared/settings');
const { db } = await import('../../../src/background/db');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');
const ALICE = TOKENS.alice;

let site: Standin;
let settings: ReturnType<typeof tokenSettings>;

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

const shownFor = (task: number) => fake.current!.shown.filter((n) => n.title.startsWith(`T${task}:`));

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  settings = tokenSettings(site.url, REGISTRY);
  fake.current!.grant(site.url);
  await writeToken(site.url, ALICE);
  syncClock();
});

afterAll(() => site.close());

beforeEach(() => {
  site.requests.clear();
});

describe('poll', () => {
  it('lists every open UBN! the rules watch and reminds once per threshold', async () => {
    const { state, reminders } = await pollInstance(settings, site.url, { force: true });
    expect(state.connection).toBe('ok');
    expect(state.rows.map((r) => r.task.id).sort((a, b) => a - b)).toEqual([1, 6, 7, 11, 14, 15, 16]);
    // Seven histories never read before: one legacy call for all of them, not one call per task.
    expect(site.requests.conduitCalls('maniphest.gettasktransactions')).toHaveLength(1);
    expect(site.requests.conduitCalls('transaction.search')).toHaveLength(0);
    // Many due at once: one summary for them all and the three most important on their own.
    expect(reminders).toBeGreaterThan(3);
    const shown = fake.current!.shown;
    expect(shown.filter((n) => /^T\d+:/.test(n.title))).toHaveLength(3);
    expect(shown.filter((n) => n.title === 'Steward').map((n) => n.message)).toEqual([
      expect.stringMatching(new RegExp(`^${reminders} watched UBN! tasks need attention`)),
    ]);
    expect(shownFor(7)).toHaveLength(1);
    expect(shownFor(7)[0]!.message).toMatch(/^Unbreak Now! for 20 days\. Reach Security Team /);
    const before = fake.current!.shown.length;
    await pollInstance(settings, site.url, { force: true });
    expect(fake.current!.shown).toHaveLength(before);
  });

  it('costs two small maniphest.search calls and no history read when nothing changed', async () => {
    await pollInstance(settings, site.url, { force: true });
    site.requests.clear();
    await pollInstance(settings, site.url, { force: true });
    const calls = site.requests.conduitCalls();
    expect(calls.map((c) => c.conduitMethod)).toEqual(['maniphest.search', 'maniphest.search']);
    expect(calls.reduce((sum, c) => sum + c.bytesIn + c.bytesOut, 0)).toBeLessThan(4096);
  });

  it('writes only its small header record to IndexedDB when nothing changed', async () => {
    await pollInstance(settings, site.url, { force: true });
    const writes: { store: string; bytes: number }[] = [];
    const original = IDBObjectStore.prototype.put;
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      writes.push({ store: this.name, bytes: JSON.stringify(args[0]).length });
      return original.apply(this, args);
    });
    try {
      const { state } = await pollInstance(settings, site.url, { force: true });
      expect(state.rows.length).toBeGreaterThan(0);
    } finally {
      put.mockRestore();
    }
    expect(writes.map((w) => w.store)).toEqual(['polls']);
    expect(writes[0]!.bytes).toBeLessThan(4096);
  });

  it('sees a comment made in the same second as the last poll, whatever the browser clock says', async () => {
    // The browser runs a day and a half slow: the window is read on Phorge's clock, not on this one.
    setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000) + -36 * 3600);
    try {
      await pollInstance(settings, site.url, { force: true });
      await fetch(`${site.url}/api/maniphest.edit`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: 'T6', transactions: [{ type: 'comment', value: 'Process owner: @alice' }], __conduit__: { token: ALICE } }))}`,
      });
      site.requests.clear();
      const { state } = await pollInstance(settings, site.url, { force: true });
      expect(site.requests.conduitCalls('transaction.search')).toHaveLength(1);
      const row = state.rows.find((r) => r.task.id === 6);
      expect(row?.processOwner?.person?.username).toBe('alice');
    } finally {
      syncClock();
    }
  });

  it('without a Date header from Phorge, still sees an edit made in the same second as the last poll', async () => {
    const realFetch = globalThis.fetch;
    // A proxy that drops the Date header: the window then starts at the newest modification seen.
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const reply = await realFetch(input, init);
      const headers = new Headers(reply.headers);
      headers.delete('date');
      return new Response(await reply.text(), { status: reply.status, headers });
    });
    try {
      await pollInstance(settings, site.url, { force: true });
      await pollInstance(settings, site.url, { force: true });
      await realFetch(`${site.url}/api/maniphest.edit`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: 'T11', transactions: [{ type: 'comment', value: 'Process owner: @alice' }], __conduit__: { token: ALICE } }))}`,
      });
      const { state } = await pollInstance(settings, site.url, { force: true });
      expect(state.rows.find((r) => r.task.id === 11)?.processOwner?.person?.username).toBe('alice');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('drops a task lowered from UBN! from the list and the gate without reading every task again', async () => {
    const before = await pollInstance(settings, site.url, { force: true });
    expect(before.state.rows.map((r) => r.task.id)).toContain(16);
    await fetch(`${site.url}/api/maniphest.edit`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: 'T16', transactions: [{ type: 'priority', value: 'high' }], __conduit__: { token: ALICE } }))}`,
    });
    site.requests.clear();
    const after = await pollInstance(settings, site.url, { force: true });
    expect(after.state.rows.map((r) => r.task.id)).not.toContain(16);
    expect(site.requests.conduitCalls('maniphest.search')).toHaveLength(2);
    await fetch(`${site.url}/api/maniphest.edit`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: 'T16', transactions: [{ type: 'priority', value: 'unbreak' }], __conduit__: { token: ALICE } }))}`,
    });
    const again = await pollInstance(settings, site.url, { force: true });
    expect(again.state.rows.map((r) => r.task.id)).toContain(16);
  });

  it('reads the history only of a task that changed', async () => {
    // Time passes on Phorge too: earlier edits are no longer in the second of the last poll.
    site.clock.advance(2);
    syncClock();
    await pollInstance(settings, site.url, { force: true });
    await fetch(`${site.url}/api/maniphest.edit`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: 'T16', transactions: [{ type: 'comment', value: 'Still failing.' }], __conduit__: { token: ALICE } }))}`,
    });
    site.requests.clear();
    await pollInstance(settings, site.url, { force: true });
    expect(site.requests.conduitCalls('transaction.search')).toHaveLength(1);
  });

  it('after a long sleep fires the latest threshold once, not a burst', async () => {
    // T14 was escalated an hour ago: nothing yet. Ten days later rule 1 and both rule-5 thresholds are due.
    expect(shownFor(14)).toHaveLength(0);
    site.clock.advance(10 * 86400);
    syncClock();
    const due = await pollInstance(settings, site.url, { force: true });
    expect(shownFor(14)).toHaveLength(1);
    expect(shownFor(14)[0]!.message).toMatch(/^Unbreak Now! for 10 days\. Reach /);
    // Nothing was edited, but an open page of T14 has new findings to show: it is told to ask again.
    expect(due.moved).toContain(14);
    const after = await pollInstance(settings, site.url, { force: true });
    expect(shownFor(14)).toHaveLength(1);
    expect(after.moved).not.toContain(14);
  });

  it('says when host access is revoked and recovers when it is back', async () => {
    fake.current!.revoke(site.url);
    expect((await pollInstance(settings, site.url, { force: true })).state.connection).toBe('no-permission');
    fake.current!.grant(site.url);
    expect((await pollInstance(settings, site.url, { force: true })).state.connection).toBe('ok');
  });

  it('answers requests made during a poll with one poll that starts after it, not with its stale answer', async () => {
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'maniphest.search', kind: 'latency', ms: 300, times: 1 }),
    });
    const running = pollInstance(settings, site.url, { force: true });
    // The stand-in takes the fault when the call arrives, then sleeps on it.
    await vi.waitFor(async () => {
      const pending = (await (await fetch(`${site.url}/__standin/faults`)).json()) as { faults: unknown[] };
      expect(pending.faults).toHaveLength(0);
    });
    // Asked while the first poll waits on Phorge (say, just after granting access): both askers share
    // one fresh poll.
    const asked = [pollInstance(settings, site.url), pollInstance(settings, site.url, { force: true })];
    const stale = await running;
    const [first, second] = await Promise.all(asked);
    expect(first).toBe(second);
    expect(first).not.toBe(stale);
    expect(first!.state.connection).toBe('ok');
    // Each of the two polls asks twice (UBN! changed since, and other known tasks changed since).
    expect(site.requests.conduitCalls('maniphest.search')).toHaveLength(4);
  });

  it('costs at most two polls however many windows and tabs ask at once', async () => {
    await pollInstance(settings, site.url, { force: true });
    site.requests.clear();
    // Twenty popups or option pages refreshing together (each sends watchlist/get with refresh).
    const asked = await Promise.all(
      Array.from({ length: 20 }, () => pollInstance(settings, site.url, { force: true })),
    );
    expect(new Set(asked).size).toBeLessThanOrEqual(2);
    expect(site.requests.conduitCalls('maniphest.search').length).toBeLessThanOrEqual(4);
  });

  it('says when the token is refused', async () => {
    await writeToken(site.url, 'api-aaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect((await pollInstance(settings, site.url, { force: true })).state.connection).toBe('invalid-token');
    await writeToken(site.url, ALICE);
  });

  it('backs off after failures instead of hammering a broken instance', async () => {
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'maniphest.search', kind: '500', times: 20 }),
    });
    // A scheduled poll (the alarm's, not forced) that fails starts the backoff.
    const failed = await pollInstance(settings, site.url);
    expect(failed.state.connection).toBe('unreachable');
    expect(failed.state.notBefore).toBeGreaterThan(site.clock.now());
    site.requests.clear();
    await pollInstance(settings, site.url);
    expect(site.requests.conduitCalls()).toHaveLength(0);
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"clear":true}',
    });
    expect((await pollInstance(settings, site.url, { force: true })).state.connection).toBe('ok');
    expect((await pollState(site.url)).failures).toBe(0);
  });
});

describe('assign process owner', () => {
  const request = (requestId: string) => ({
    type: 'process-owner/assign' as const,
    instance: site.url,
    taskId: 1,
    username: 'bob',
    note: 'Please drive this.',
    requestId,
  });
  const declarations = async () => {
    const client = await clientFor(settings, site.url);
    const history = await client.taskHistory(1);
    return history.filter((tx) => tx.comments.some((c) => c.content.raw.startsWith('Process owner: @bob')))
      .length;
  };

  it('posts once for one request id, however often it is sent', async () => {
    const client = await clientFor(settings, site.url);
    const [first, second] = await Promise.all([
      assignProcessOwner(settings, client, request('request-one')),
      assignProcessOwner(settings, client, request('request-one')),
    ]);
    expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
    const again = await assignProcessOwner(settings, client, request('request-one'));
    expect(again.duplicate).toBe(true);
    expect(await declarations()).toBe(1);
    expect(first.context.processOwner?.state).toBe('declared');
    expect(first.context.task.assignee?.username).toBe('bob');
  });

  it('does not post twice when a worker stopped after the write but before recording it', async () => {
    const database = await db();
    const client = await clientFor(settings, site.url);
    await assignProcessOwner(settings, client, request('request-two'));
    const recorded = await database.get('assigns', 'request-two');
    await database.put('assigns', { ...recorded!, doneAt: null });
    const retried = await assignProcessOwner(settings, client, request('request-two'));
    expect(retried.duplicate).toBe(true);
    expect(await declarations()).toBe(2);
  });

  it('refuses when the task changed since the user looked', async () => {
    const client = await clientFor(settings, site.url);
    await expect(
      assignProcessOwner(settings, client, { ...request('request-three'), expectedDateModified: 1 }),
    ).rejects.toMatchObject({ kind: 'task-changed' });
  });

  it('refuses an explanation that would override the declaration as posted, indented or not', async () => {
    const client = await clientFor(settings, site.url);
    const before = await declarations();
    for (const note of ['Process owner: none', '  Process owner: none', '\tProcess owner: @mallory']) {
      await expect(
        assignProcessOwner(settings, client, { ...request(`override-${note.length}`), note }),
      ).rejects.toMatchObject({ kind: 'bad-request' });
    }
    expect(await declarations()).toBe(before);
    // A declaration quoted in a code block further down stays a quotation: it is posted.
    const quoted = await assignProcessOwner(settings, client, {
      ...request('quoted-code-block'),
      note: 'The bot wrote:\n\n    Process owner: none',
    });
    expect(quoted.context.processOwner).toMatchObject({ state: 'declared' });
    expect(quoted.context.processOwner?.person?.username).toBe('bob');
  });
});

describe('several instances', () => {
  it('are shown together: rows tagged with their instance, gates added up, the first trouble named', async () => {
    const { combinedState } = await import('../../../src/background/instances-state');
    const { emptyPoll } = await import('../../../src/background/poll');
    const database = await db();
    const other = 'https://phabricator.other.example';
    await database.put('polls', {
      ...emptyPoll(other),
      connection: 'signed-out',
      message: 'Sign in to Phabricator.',
      gateCount: 2,
    });
    const both = parseSettings({ version: 1, instances: [{ url: site.url }, { url: other }] });
    if (!both.ok) throw new Error(both.errors.join());
    const state = await combinedState(both.settings);
    const mine = (await pollState(site.url)).rows.length;
    expect(state.rows).toHaveLength(mine);
    expect(new Set(state.rows.map((r) => r.instance))).toEqual(new Set([site.url]));
    expect(state.gateCount).toBe((await pollState(site.url)).gateCount + 2);
    expect(state).toMatchObject({
      connection: 'signed-out',
      troubled: other,
      message: 'Sign in to Phabricator.',
    });
  });
});

describe('snoozing a task that has reminded', () => {
  it('reminds again once when the snooze ends, if the task is still stale', async () => {
    const { snoozeTask } = await import('../../../src/background/snooze');
    const later = async (seconds: number) => {
      site.clock.advance(seconds);
      syncClock();
      await pollInstance(settings, site.url, { force: true });
    };
    await later(0);
    const shown = shownFor(7).length;
    expect(shown).toBeGreaterThan(0);
    // An hour with nothing new: nothing shown again.
    await later(3660);
    expect(shownFor(7)).toHaveLength(shown);
    // "Snooze 1 hour" (the notification's button, or the popup).
    await snoozeTask(site.url, 7, site.clock.now() + 3600);
    await later(60);
    expect(shownFor(7)).toHaveLength(shown);
    await later(3600);
    expect(shownFor(7)).toHaveLength(shown + 1);
    await later(60);
    expect(shownFor(7)).toHaveLength(shown + 1);
  });
});
