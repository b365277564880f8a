// The poll's state in IndexedDB: a database written by version 1 (every row and cached task inside one
// poll record) opens as the current version with each task in its own record, nothing lost, and the
// stored histories holding a typeless transaction (a merge, as builds before 76c7194 stored it) to be
// read again; and a save writes only the tasks that changed. IndexedDB is fake-indexeddb.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { db } from '../../../src/background/db';
import { pollState, savePollState } from '../../../src/background/poll-store';
import type { CachedTask } from '../../../src/background/poll-cache';
import type { StaleRow } from '../../../src/messages';
import { openVersion1Database } from './v1-database';

const ORIGIN = 'https://phabricator.example.org';

function cachedTask(id: number, escalatedAt: number | null): CachedTask {
  return {
    id,
    modified: 1_700_000_000 + id,
    title: `Task ${id}`,
    ubnOpen: true,
    projectPHIDs: ['PHID-PROJ-1'],
    phids: [],
    usernames: [],
    dueAt: null,
    gate: id === 2,
    findings: null,
    contact: null,
    ...(escalatedAt === null ? {} : { escalatedAt }),
  };
}

function row(id: number): StaleRow {
  return {
    task: {
      id,
      phid: `PHID-TASK-${id}`,
      title: `Task ${id}`,
      url: `${ORIGIN}/T${id}`,
      status: { value: 'open', name: 'Open', closed: false },
      priority: { value: 100, name: 'Unbreak Now!' },
      isUbn: true,
      assignee: null,
      dateModified: 1_700_000_000 + id,
    },
    escalation: null,
    processOwner: null,
    stale: [],
    team: null,
    severity: null,
    mine: false,
    myComponent: false,
    snoozedUntil: null,
    suggestions: [],
  };
}

describe('the poll store', () => {
  it('moves a version-1 poll record into per-task records when the database opens', async () => {
    const v1 = await openVersion1Database();
    await v1.put('polls', {
      origin: ORIGIN,
      startedAt: 10,
      finishedAt: 11,
      lastOkAt: 11,
      connection: 'ok',
      message: null,
      failures: 0,
      notBefore: 0,
      // Task 3 is kept for the deploy gate but not watched: no row.
      rows: [row(1), row(2)],
      gateCount: 1,
      cache: {
        since: 5,
        readAt: 6,
        fullAt: 7,
        basis: 'b',
        tasks: [cachedTask(1, 900), cachedTask(2, null), cachedTask(3, 800)],
        people: { 'PHID-USER-1': 'alice|' },
      },
    });
    const tx = (id: number, type: string | null) => ({
      id,
      phid: `PHID-XACT-TASK-${id}`,
      type,
      dateCreated: id,
    });
    const task = (id: number, history: unknown[]) => ({
      origin: ORIGIN,
      id,
      snapshot: { id, dateModified: 50 },
      history,
      historyModified: 50,
      fetchedAt: 60,
    });
    await v1.put('tasks', task(7, [tx(3, 'status'), tx(2, null), tx(1, 'core:create')]));
    await v1.put('tasks', task(8, [tx(5, 'comment'), tx(4, 'core:create')]));
    v1.close();

    const database = await db();
    expect(database.version).toBe(3);
    // A merge stored typeless would read as if the task had never closed: that history is read again.
    expect(await database.get('tasks', [ORIGIN, 7])).toMatchObject({ history: null, historyModified: null });
    expect((await database.get('tasks', [ORIGIN, 8]))?.history).toHaveLength(2);
    const header = await database.get('polls', ORIGIN);
    expect(header).not.toHaveProperty('rows');
    expect(header?.cache).not.toHaveProperty('tasks');
    expect(header?.cache?.people).toEqual({ 'PHID-USER-1': 'alice|' });
    const entries = await database.getAll('pollTasks');
    expect(entries.map((e) => [e.id, e.row?.task.id ?? null, e.task?.id])).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [3, null, 3],
    ]);
    // The review page's order: running escalations, oldest first; task 2 has none and is not indexed.
    const ordered = await database.getAllFromIndex('pollTasks', 'byEscalation');
    expect(ordered.map((e) => e.id)).toEqual([3, 1]);

    const state = await pollState(ORIGIN);
    expect(state.rows.map((r) => r.task.id)).toEqual([1, 2]);
    expect(state.cache?.tasks.map((t) => t.id)).toEqual([1, 2, 3]);
    expect(state).toMatchObject({ gateCount: 1, lastOkAt: 11, cache: { since: 5, basis: 'b' } });
  });

  it('writes the tasks whose row or cache changed, and deletes those that left', async () => {
    const state = await pollState(ORIGIN);
    const tasks = state.cache!.tasks;
    const next = {
      ...state,
      rows: [state.rows[0]!, { ...state.rows[1]!, snoozedUntil: 2_000_000_000 }],
      cache: { ...state.cache!, tasks: [tasks[0]!, tasks[1]!] },
    };
    expect(await savePollState(next)).toBe(2);
    expect(await savePollState({ ...next, lastOkAt: 12 })).toBe(0);
    const database = await db();
    const entries = await database.getAll('pollTasks');
    expect(entries.map((e) => [e.id, e.row?.snoozedUntil ?? null])).toEqual([
      [1, null],
      [2, 2_000_000_000],
    ]);
    expect((await database.get('polls', ORIGIN))?.lastOkAt).toBe(12);
  });
});
