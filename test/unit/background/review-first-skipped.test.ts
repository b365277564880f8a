// The review page's first screen from the cache (longestRunning): however many poll records it has to
// skip (histories out of date) before it has a screenful, it reads the index's keys a bounded number of
// times, and it counts every open UBN! it does not show, also when fewer than a screenful are current.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { db } = await import('../../../src/background/db');
const { longestRunning } = await import('../../../src/background/review-first');

const ORIGIN = 'https://phab.example.org';
const VOCABULARY = {
  priorities: [{ value: 100, name: 'Unbreak Now!', keywords: ['unbreak'], color: 'pink' }],
  statuses: [
    { value: 'open', name: 'Open', closed: false },
    { value: 'resolved', name: 'Resolved', closed: true },
  ],
} as never;

function snapshot(id: number, dateModified: number) {
  return {
    id,
    phid: `PHID-TASK-${id}`,
    title: `Task ${id}`,
    status: { value: 'open', name: 'Open', closed: false },
    priority: { value: 100, name: 'Unbreak Now!' },
    projectPHIDs: [],
    ownerPHID: null,
    authorPHID: 'PHID-USER-a',
    subscriberPHIDs: [],
    dateCreated: 1_000,
    dateModified,
  } as never;
}

/** Sums the keys every byEscalation.getAllKeys call hands back, and counts the calls. */
function countKeysRead() {
  const proto = globalThis.IDBIndex.prototype as unknown as {
    getAllKeys: (...args: unknown[]) => IDBRequest<unknown[]>;
  };
  const original = proto.getAllKeys;
  const seen = { calls: 0, keys: 0 };
  proto.getAllKeys = function (this: IDBIndex, ...args: unknown[]) {
    const request = original.apply(this, args);
    if (this.name === 'byEscalation') {
      seen.calls += 1;
      request.addEventListener('success', () => (seen.keys += request.result.length));
    }
    return request;
  };
  return { seen, restore: () => (proto.getAllKeys = original) };
}

describe('review first screen: cost of records it skips', () => {
  it('reads each poll record key a bounded number of times, not once per record skipped', async () => {
    const database = await db();
    const CURRENT = 23;
    const SKIPPED = 600;
    const total = CURRENT + SKIPPED + 1;
    const write = database.transaction(['tasks', 'pollTasks', 'polls'], 'readwrite');
    for (let i = 0; i < total; i++) {
      const id = 1000 + i;
      // The 23 oldest escalations and the newest one have a current history; those between do not.
      const current = i < CURRENT || i === total - 1;
      void write.objectStore('tasks').put({
        origin: ORIGIN,
        id,
        snapshot: snapshot(id, 5_000),
        history: current ? [] : null,
        historyModified: current ? 5_000 : null,
        fetchedAt: 5_000,
      } as never);
      void write
        .objectStore('pollTasks')
        .put({ origin: ORIGIN, id, task: null, row: null, escalatedAt: 2_000 + i });
    }
    void write.objectStore('polls').put({ origin: ORIGIN, lastOkAt: 5_000, sweptAt: 5_000 } as never);
    await write.done;

    const counter = countKeysRead();
    let found: Awaited<ReturnType<typeof longestRunning>>;
    try {
      found = await longestRunning(ORIGIN, VOCABULARY, 24);
    } finally {
      counter.restore();
    }
    expect(found!.shown.map((e) => e.id)).toHaveLength(24);
    expect(found!.shown.at(-1)!.id).toBe(1000 + total - 1);
    // One read of the index's keys serves both the search and the count of the others.
    expect(counter.seen.keys).toBeLessThanOrEqual(4 * total);
    expect(counter.seen.calls).toBeLessThanOrEqual(20);
  });

  it('counts the open UBN!s it skipped when fewer than a screenful have a current history', async () => {
    // 10 open UBN!s with a current history and 30 whose history is out of date, all recorded by a good
    // poll: the first screen shows 10 and must count the 30 as still to read ("Showing 10 of 40"), not
    // say "Showing 10 of 10 open tasks" until the list read again comes back.
    const origin = 'https://phab2.example.org';
    const database = await db();
    const write = database.transaction(['tasks', 'pollTasks', 'polls'], 'readwrite');
    for (let i = 0; i < 40; i++) {
      const id = 1 + i;
      const current = i % 4 === 0;
      void write.objectStore('tasks').put({
        origin,
        id,
        snapshot: snapshot(id, 5_000),
        history: current ? [] : null,
        historyModified: current ? 5_000 : null,
        fetchedAt: 5_000,
      } as never);
      void write.objectStore('pollTasks').put({ origin, id, task: null, row: null, escalatedAt: 2_000 + i });
    }
    void write.objectStore('polls').put({ origin, lastOkAt: 5_000, sweptAt: 5_000 } as never);
    await write.done;
    const found = await longestRunning(origin, VOCABULARY, 24);
    expect(found).not.toBeNull();
    expect(found!.shown).toHaveLength(10);
    expect(found!.shown.length + found!.others.length).toBe(40);
  });

  it('does not count among the others a task the store already holds as closed', async () => {
    // The poll's records lag behind the tasks store when a page view read a task since: the store decides.
    const origin = 'https://phab3.example.org';
    const database = await db();
    const write = database.transaction(['tasks', 'pollTasks', 'polls'], 'readwrite');
    for (let i = 0; i < 5; i++) {
      const id = 1 + i;
      const closed = i === 1;
      void write.objectStore('tasks').put({
        origin,
        id,
        snapshot: closed
          ? {
              ...(snapshot(id, 5_000) as object),
              status: { value: 'resolved', name: 'Resolved', closed: true },
            }
          : snapshot(id, 5_000),
        history: i === 0 ? [] : null,
        historyModified: i === 0 ? 5_000 : null,
        fetchedAt: 5_000,
      } as never);
      void write.objectStore('pollTasks').put({ origin, id, task: null, row: null, escalatedAt: 2_000 + i });
    }
    void write.objectStore('polls').put({ origin, lastOkAt: 5_000, sweptAt: 5_000 } as never);
    await write.done;
    const found = await longestRunning(origin, VOCABULARY, 24);
    expect(found!.shown.map((e) => e.id)).toEqual([1]);
    expect(found!.others.sort((a, b) => a - b)).toEqual([3, 4, 5]);
  });
});
