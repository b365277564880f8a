// What the worker's IndexedDB keeps over a long life (housekeeping.ts, swept once a day after a poll). Twenty simulated weeks on one instance, each
// with 15 UBN! tasks filed, polled while stale (reminders fire), a few watched from the banner, snoozed or
// given a process owner with the one-click action, then 13 closed and 2 lowered. What is open or watched
// now is constant (nothing, at the end); what the stores hold does not grow with the install's age: a
// closed UBN!'s record stays 13 weeks (the review page's resolved weeks), a watched task that left the
// list stays on it a week, and nothing else of a task gone is kept.
import 'fake-indexeddb/auto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';
import { tokenSettings } from './token-settings';
import { DAY, TOKEN, WEEK, closeTask, emptyStandin, fileTask, lowerTask } from './growth-support';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { pollInstance } = await import('../../../src/background/poll');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { db, instanceKeys, instancePrefix } = await import('../../../src/background/db');
const { setWatched } = await import('../../../src/background/watch');
const { snoozeTask } = await import('../../../src/background/snooze');
const { assignProcessOwner } = await import('../../../src/background/assign');
const { clientFor } = await import('../../../src/background/instance-client');

const WEEKS = 20;
const PER_WEEK = 15;
/** The review page's "resolved, last 12 weeks" reads closed tasks' histories back this far (plus a week). */
const REVIEW_RETENTION = 13 * WEEK;

let site: Standin;
let settings: ReturnType<typeof tokenSettings>;
/** Per task: when it stopped being an open UBN! (closed or lowered), in Phorge's clock. */
const leftAt = new Map<number, number>();

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

async function advance(seconds: number): Promise<void> {
  site.clock.advance(seconds);
  syncClock();
}

async function poll(): Promise<void> {
  const { state } = await pollInstance(settings, site.url, { force: true });
  if (state.connection !== 'ok') throw new Error(`poll failed: ${state.message}`);
}

beforeAll(async () => {
  site = await emptyStandin();
  settings = tokenSettings(site.url);
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKEN);
  syncClock();
  let request = 0;
  for (let week = 0; week < WEEKS; week++) {
    const ids: number[] = [];
    for (let i = 0; i < PER_WEEK; i++) ids.push(await fileTask(site, `Outage ${week}.${i}`));
    await advance(3 * 3600);
    await poll(); // every one stale: no process owner after 2 h
    // The user acts on a few: watches two from the banner, snoozes three, assigns a process owner to two.
    for (const id of ids.slice(0, 2)) await setWatched(site.url, id, true);
    for (const id of ids.slice(2, 5)) await snoozeTask(site.url, id, site.clock.now() + 3600);
    const client = await clientFor(settings, site.url);
    for (const id of ids.slice(5, 7)) {
      await assignProcessOwner(settings, client, {
        type: 'process-owner/assign',
        instance: site.url,
        taskId: id,
        username: 'bob',
        note: '',
        requestId: `growth-request-${++request}`,
      });
    }
    await advance(2 * DAY);
    await poll();
    // Fixed within the week; two are lowered instead.
    for (const id of ids.slice(0, PER_WEEK - 2)) await closeTask(site, id);
    for (const id of ids.slice(PER_WEEK - 2)) await lowerTask(site, id);
    for (const id of ids) leftAt.set(id, site.clock.now());
    await advance(3600);
    await poll();
    await advance(WEEK - 2 * DAY - 2 * 3600);
    await poll();
  }
}, 300_000);

afterAll(() => site.close());

/** Tasks that left the UBN! list (closed or lowered) longer ago than the review page looks back. */
function longGone(): Set<number> {
  const now = site.clock.now();
  return new Set([...leftAt].filter(([, at]) => now - at > REVIEW_RETENTION).map(([id]) => id));
}

describe('a long life: 20 weeks of 15 UBN! tasks filed and closed each week', () => {
  it('the life ran as planned: many tasks gone for longer than the review looks back, none open now', async () => {
    expect(leftAt.size).toBe(WEEKS * PER_WEEK);
    expect(longGone().size).toBeGreaterThanOrEqual(6 * PER_WEEK);
  });

  it('tasks store: drops the history of tasks closed or lowered longer ago than the review needs', async () => {
    const database = await db();
    const gone = longGone();
    const entries = await database.getAll('tasks', instanceKeys(site.url));
    const kept = entries.filter((e) => gone.has(e.id) && e.history !== null);
    const transactions = kept.reduce((n, e) => n + (e.history?.length ?? 0), 0);
    console.info(
      `tasks store: ${entries.length} records, ${kept.length} with histories of tasks gone > 13 weeks (${transactions} transactions)`,
    );
    // Nothing is open or watched now; the review page reads at most the last 12 weeks' closures.
    expect(kept.length, 'full histories of tasks closed/lowered more than 13 weeks ago').toBe(0);
  });

  it('watches store: holds no rule-only entry for a task the rules no longer match', async () => {
    const database = await db();
    const entries = await database.getAllFromIndex('watches', 'byOrigin', site.url);
    // explicit null and byRule false: the same as no entry at all (watching() is false), kept forever.
    const dead = entries.filter((e) => e.explicit === null && !e.byRule);
    const explicitOfGone = entries.filter((e) => e.explicit !== null && longGone().has(e.id));
    console.info(
      `watches store: ${entries.length} records, ${dead.length} rule-only entries matching nothing, ${explicitOfGone.length} explicit choices on tasks gone > 13 weeks`,
    );
    expect(dead.length, 'watch records equivalent to no record').toBe(0);
  });

  it('reminders store: forgets the reminder keys of tasks closed or lowered long ago', async () => {
    const database = await db();
    const keys = (await database.getAllKeys('reminders', instancePrefix(site.url))).map(String);
    const gone = longGone();
    const old = keys.filter((key) => gone.has(Number(/\|T(\d+)\|/.exec(key)?.[1])));
    console.info(`reminders store: ${keys.length} keys, ${old.length} for tasks gone > 13 weeks`);
    // A reopened task is a new escalation (a new occurrence, another key): these can never fire again.
    expect(old.length, 'reminder keys of tasks gone more than 13 weeks').toBe(0);
  });

  it('snoozes store: drops snoozes that ended', async () => {
    const database = await db();
    const snoozes = await database.getAll('snoozes', instanceKeys(site.url));
    const ended = snoozes.filter((s) => s.until < site.clock.now() - DAY);
    console.info(`snoozes store: ${snoozes.length} records, ${ended.length} ended more than a day ago`);
    expect(ended.length, 'snoozes that ended more than a day ago').toBe(0);
  });

  it('assigns store: drops finished assignments once no retry can come', async () => {
    const database = await db();
    const assigns = (await database.getAll('assigns')).filter((a) => a.origin === site.url);
    const old = assigns.filter((a) => a.doneAt !== null && a.doneAt < site.clock.now() - 7 * DAY);
    console.info(`assigns store: ${assigns.length} records, ${old.length} finished more than 7 days ago`);
    expect(old.length, 'assign records finished more than a week ago').toBe(0);
  });

  it('the poll state (pollTasks): keeps no task closed long ago', async () => {
    const database = await db();
    const records = await database.getAll('pollTasks', instanceKeys(site.url));
    const rows = records.filter((r) => r.row !== null);
    const old = records.filter((r) => longGone().has(r.id));
    console.info(
      `pollTasks: ${records.length} records with nothing open (${rows.length} with a popup row), ${old.length} of tasks gone > 13 weeks`,
    );
    expect(old.length, 'poll records of tasks closed more than 13 weeks ago').toBe(0);
  });

  it('a 6-hourly full read asks Phorge again about no task closed long ago', async () => {
    // Every explicitly watched task (watched from the banner, or by the one-click assign) stays in the
    // poll's list after it closed, so each full read looks every one of them up again by id.
    const asked: number[] = [];
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (String(input).endsWith('/api/maniphest.search') && init?.body) {
        // A long id list goes gzipped (the stand-in offers it, as Phorge does).
        const form =
          init.body instanceof Uint8Array ? gunzipSync(init.body).toString('utf8') : String(init.body);
        const params = JSON.parse(new URLSearchParams(form).get('params') ?? '{}') as {
          constraints?: { ids?: number[] };
        };
        asked.push(...(params.constraints?.ids ?? []));
      }
      return realFetch(input, init);
    });
    try {
      await advance(7 * 3600); // past the 6-hour full read
      await poll();
    } finally {
      spy.mockRestore();
    }
    const gone = longGone();
    const old = asked.filter((id) => gone.has(id));
    console.info(`full read: ${asked.length} task ids asked by id, ${old.length} of tasks gone > 13 weeks`);
    expect(old.length, 'tasks closed more than 13 weeks ago looked up at a full read').toBe(0);
  });

  it('the popup: its list holds no task closed long ago', async () => {
    const { watchlist } = await import('../../../src/background/handlers');
    const readSettings = await import('../../../src/background/settings-store');
    await readSettings.writeSettings(settings);
    const view = await watchlist(false);
    const gone = longGone();
    const old = view.rows.filter((row) => gone.has(row.task.id));
    console.info(
      `popup list: ${view.rows.length} rows with nothing open, ${old.length} of tasks gone > 13 weeks (statuses: ${[...new Set(view.rows.map((r) => r.task.status.name))].join(', ')})`,
    );
    expect(old.length, 'rows of tasks closed more than 13 weeks ago').toBe(0);
  });
});

describe('a worker that wakes up after the long life (a Chrome service worker, every few minutes)', () => {
  it("reads from IndexedDB in proportion to what is open or watched now, not to the install's age", async () => {
    const read: Record<string, number> = {};
    const count = (name: string, request: IDBRequest<unknown[]>) =>
      request.addEventListener('success', () => {
        read[name] = (read[name] ?? 0) + (request.result?.length ?? 0);
      });
    const storeGetAll = IDBObjectStore.prototype.getAll;
    const indexGetAll = IDBIndex.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, ...args) {
      const request = storeGetAll.apply(this, args);
      count(this.name, request);
      return request;
    };
    IDBIndex.prototype.getAll = function (this: IDBIndex, ...args) {
      const request = indexGetAll.apply(this, args);
      count(`${this.objectStore.name}.${this.name}`, request);
      return request;
    };
    try {
      // A new worker: every module's memory is gone, IndexedDB stays.
      vi.resetModules();
      const worker = await import('../../../src/background/poll');
      const clock = await import('../../../src/background/clock');
      fake.current!.grant(site.url);
      await advance(600);
      clock.setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
      // Three UBN! open now: what the poll is about.
      for (let i = 0; i < 3; i++) await fileTask(site, `Open now ${i}`);
      await advance(60);
      clock.setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
      const { state } = await worker.pollInstance(settings, site.url, { force: true });
      expect(state.connection).toBe('ok');
    } finally {
      IDBObjectStore.prototype.getAll = storeGetAll;
      IDBIndex.prototype.getAll = indexGetAll;
    }
    const total = Object.values(read).reduce((a, b) => a + b, 0);
    console.info(`records read by the first poll of a new worker: ${total} ${JSON.stringify(read)}`);
    // Three open tasks and nothing else watched: their records, a few accounts, and slack.
    expect(total, 'records the first poll of a new worker reads').toBeLessThanOrEqual(30);
  });

  it("the review page's first screen reads only the open UBN! tasks' records", async () => {
    const { reviewOpen } = await import('../../../src/background/review');
    const read: Record<string, number> = {};
    const storeGetAll = IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, ...args) {
      const request = storeGetAll.apply(this, args);
      const name = this.name;
      request.addEventListener('success', () => {
        read[name] = (read[name] ?? 0) + ((request.result as unknown[] | undefined)?.length ?? 0);
      });
      return request;
    };
    let rows: number | undefined;
    try {
      // review/first with the page's 24 rows, answered from the cache.
      const view = await reviewOpen(settings, site.url, false, 24);
      rows = view.rows.length;
    } finally {
      IDBObjectStore.prototype.getAll = storeGetAll;
    }
    console.info(`review first screen: ${rows} rows, task records read: ${read['tasks'] ?? 0}`);
    expect(rows).toBe(3);
    // Three open UBN!: a maintainer would accept reading a few dozen records, not every task ever seen.
    expect(
      read['tasks'] ?? 0,
      'task records (with full histories) read for a 3-row first screen',
    ).toBeLessThanOrEqual(30);
  });
});
