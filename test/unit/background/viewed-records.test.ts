// The task and watch records of tasks the user views are kept in memory between page views: a banner's
// two asks and a reload read no IndexedDB, and every write is what the next view sees, including a write
// that overtakes a read in flight. Only tasks.ts and watch.ts write those stores, so nothing can go behind
// the kept records' back.
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TaskSnapshot, TaskTransaction } from '../../../src/core/model';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  return { default: createFakeBrowser().browser };
});

const { rememberSnapshots, storeHistory, storeHistories, viewedTask } =
  await import('../../../src/background/tasks');
const { applyRuleMatches, setWatched, watchEntry } = await import('../../../src/background/watch');

const ORIGIN = 'https://phab.example.org';

function snapshot(id: number, dateModified = 1_700_000_000): TaskSnapshot {
  return {
    id,
    phid: `PHID-TASK-${id}`,
    title: `Task ${id}`,
    status: { value: 'open', name: 'Open' },
    priority: { value: 100, name: 'Unbreak Now!' },
    ownerPHID: null,
    authorPHID: 'PHID-USER-1',
    dateCreated: 1_699_000_000,
    dateModified,
    dateClosed: null,
    projectPHIDs: [],
    subscriberPHIDs: [],
  };
}

function transaction(task: number): TaskTransaction {
  return {
    id: 7,
    phid: 'PHID-XACT-TASK-7',
    type: 'comment',
    authorPHID: 'PHID-USER-1',
    objectPHID: `PHID-TASK-${task}`,
    dateCreated: 1_700_000_100,
    dateModified: 1_700_000_100,
    comments: [],
    fields: {},
  };
}

/** Counts the reads of one store made while `work` runs. */
async function readsOf<T>(store: string, work: () => Promise<T>): Promise<{ reads: number; value: T }> {
  const spy = vi.spyOn(IDBObjectStore.prototype, 'get');
  try {
    const value = await work();
    return { reads: spy.mock.contexts.filter((s) => (s as IDBObjectStore).name === store).length, value };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('task records of viewed tasks', () => {
  it('are read from IndexedDB once for repeated views', async () => {
    await rememberSnapshots(ORIGIN, [snapshot(1)]);
    const { reads, value } = await readsOf('tasks', async () => {
      const seen = [];
      for (let i = 0; i < 4; i++) seen.push(await viewedTask(ORIGIN, 1));
      return seen;
    });
    expect(reads).toBe(1);
    expect(value.every((entry) => entry?.snapshot.title === 'Task 1')).toBe(true);
  });

  it('follow every write: a new snapshot, a history, histories stored by a poll', async () => {
    await rememberSnapshots(ORIGIN, [snapshot(2)]);
    const first = await viewedTask(ORIGIN, 2);
    expect(first?.history).toBeNull();

    await rememberSnapshots(ORIGIN, [{ ...snapshot(2, 1_700_000_100), title: 'Renamed' }]);
    expect((await viewedTask(ORIGIN, 2))?.snapshot.title).toBe('Renamed');

    const entry = (await viewedTask(ORIGIN, 2))!;
    await storeHistory(entry, [transaction(2)], null);
    expect((await viewedTask(ORIGIN, 2))?.history).toHaveLength(1);

    await storeHistories([entry], new Map([[2, []]]), null, async () => undefined);
    expect((await viewedTask(ORIGIN, 2))?.history).toEqual([]);
  });

  it('are not kept from a read that a write overtook', async () => {
    await rememberSnapshots(ORIGIN, [snapshot(3)]);
    const before = (await viewedTask(ORIGIN, 3))!;
    await rememberSnapshots(ORIGIN, [snapshot(3, 1_700_000_200)]);
    // The read is under way (its request made, its answer not yet in) when the history is stored.
    const original = IDBObjectStore.prototype.get;
    let issued!: () => void;
    const readIssued = new Promise<void>((done) => (issued = done));
    const spy = vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['get']>
    ) {
      if (this.name === 'tasks') issued();
      return original.apply(this, args);
    });
    const reading = viewedTask(ORIGIN, 3);
    await readIssued;
    spy.mockRestore();
    await storeHistory({ ...before, snapshot: snapshot(3, 1_700_000_200) }, [transaction(3)], null);
    expect((await reading)?.history).toBeNull();
    expect((await viewedTask(ORIGIN, 3))?.history).toHaveLength(1);
  });

  it('keep a task that has no record as absent until it is stored', async () => {
    const absent = await readsOf('tasks', async () => [
      await viewedTask(ORIGIN, 4),
      await viewedTask(ORIGIN, 4),
    ]);
    expect(absent.value).toEqual([undefined, undefined]);
    expect(absent.reads).toBe(1);
    await rememberSnapshots(ORIGIN, [snapshot(4)]);
    expect((await viewedTask(ORIGIN, 4))?.snapshot.title).toBe('Task 4');
  });

  it('keep the tasks viewed last, and read an older one again', async () => {
    await rememberSnapshots(
      ORIGIN,
      Array.from({ length: 40 }, (_, i) => snapshot(100 + i)),
    );
    for (let i = 0; i < 40; i++) await viewedTask(ORIGIN, 100 + i);
    expect((await readsOf('tasks', () => viewedTask(ORIGIN, 139))).reads).toBe(0);
    expect((await readsOf('tasks', () => viewedTask(ORIGIN, 100))).reads).toBe(1);
  });
});

describe('watch entries of viewed tasks', () => {
  it('are read once, an absent entry too, and follow a choice and the rules', async () => {
    const absent = await readsOf('watches', async () => [
      await watchEntry(ORIGIN, 10),
      await watchEntry(ORIGIN, 10),
    ]);
    expect(absent.value).toEqual([undefined, undefined]);
    expect(absent.reads).toBe(1);

    await setWatched(ORIGIN, 10, true);
    expect((await watchEntry(ORIGIN, 10))?.explicit).toBe(true);
    await setWatched(ORIGIN, 10, false);
    expect((await watchEntry(ORIGIN, 10))?.explicit).toBe(false);

    await watchEntry(ORIGIN, 11);
    await applyRuleMatches(ORIGIN, new Set([11]));
    expect((await watchEntry(ORIGIN, 11))?.byRule).toBe(true);
  });
});

describe('writes to the kept stores', () => {
  it('are made only by the modules that keep them', () => {
    const dir = resolve(import.meta.dirname, '../../../src/background');
    const owners: Record<string, string> = { tasks: 'tasks.ts', watches: 'watch.ts' };
    const offenders: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(resolve(dir, file), 'utf8');
      for (const [store, owner] of Object.entries(owners)) {
        if (file === owner) continue;
        const writes = [
          new RegExp(`\\.(put|add|delete|clear)\\('${store}'`),
          new RegExp(`transaction\\(\\[?[^)]*'${store}'[^)]*'readwrite'`),
        ];
        if (writes.some((pattern) => pattern.test(text))) offenders.push(`${file} writes ${store}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
