// Where the last poll's state lives. In memory it is one PollEntry per instance (rows and cached tasks
// together, what the popup, badge and next poll read); in IndexedDB it is a small header record plus one
// record per task, and a save writes the header and only the tasks whose row or cache is another object
// than the one last written. A poll that changed nothing writes the header alone, whatever the number of
// watched tasks.
import type { StaleRow } from '../messages';
import { db, headerOnly, instanceKeys, type PollEntry, type PollTaskEntry } from './db';
import type { CachedTask } from './poll-cache';
import { slicedWrites } from './give-way';

export function emptyPoll(origin: string): PollEntry {
  return {
    origin,
    startedAt: null,
    finishedAt: null,
    lastOkAt: null,
    connection: 'ok',
    message: null,
    failures: 0,
    notBefore: 0,
    rows: [],
    gateCount: 0,
  };
}

// The last poll's state per instance for the worker's life: reading a thousand rows back from IndexedDB
// at every poll, popup refresh and badge update would cost more than the poll itself.
const latestStates = new Map<string, PollEntry>();
// Per instance, the task records as last written or read: a save compares with them by identity.
const written = new Map<string, Map<number, PollTaskEntry>>();
// Per instance, the lists the last save wrote: the same two lists again mean no task record to write.
const writtenLists = new Map<string, { rows: unknown; tasks: unknown }>();

export async function pollState(origin: string): Promise<PollEntry> {
  const known = latestStates.get(origin);
  if (known) return known;
  const database = await db();
  const tx = database.transaction(['polls', 'pollTasks'], 'readonly');
  const [header, entries] = await Promise.all([
    tx.objectStore('polls').get(origin),
    tx.objectStore('pollTasks').getAll(instanceKeys(origin)),
  ]);
  // Another caller may have loaded (or a poll saved) while this one read.
  if (latestStates.has(origin)) return latestStates.get(origin)!;
  written.set(origin, new Map(entries.map((e) => [e.id, e])));
  const state = assemble(header ? headerOnly(header) : null, entries, origin);
  latestStates.set(origin, state);
  return state;
}

function assemble(header: ReturnType<typeof headerOnly> | null, entries: PollTaskEntry[], origin: string) {
  const base = emptyPoll(origin);
  const rows = entries.flatMap((e) => (e.row ? [e.row] : []));
  const tasks = entries.flatMap((e) => (e.task ? [e.task] : []));
  if (!header) return { ...base, rows };
  const { cache, ...rest } = header;
  return { ...base, ...rest, rows, ...(cache ? { cache: { ...cache, tasks } } : {}) };
}

/** An instance removed from the settings: its state goes from memory as from IndexedDB. */
export async function forgetPollState(origin: string): Promise<void> {
  latestStates.delete(origin);
  written.delete(origin);
  writtenLists.delete(origin);
  const database = await db();
  const tx = database.transaction(['polls', 'pollTasks'], 'readwrite');
  void tx.objectStore('polls').delete(origin);
  void tx.objectStore('pollTasks').delete(instanceKeys(origin));
  await tx.done;
}

/** Writes the header and the tasks that changed since the last save; returns how many task records it wrote. */
export async function savePollState(state: PollEntry): Promise<number> {
  latestStates.set(state.origin, state);
  const lists = writtenLists.get(state.origin);
  if (lists && lists.rows === state.rows && lists.tasks === state.cache?.tasks) {
    await (await db()).put('polls', headerOnly(state));
    return 0;
  }
  const before = written.get(state.origin) ?? new Map<number, PollTaskEntry>();
  const rows = new Map<number, StaleRow>();
  for (const row of state.rows) rows.set(row.task.id, row);
  const tasks = new Map<number, CachedTask>();
  for (const task of state.cache?.tasks ?? []) tasks.set(task.id, task);
  const after = new Map<number, PollTaskEntry>();
  const changed: PollTaskEntry[] = [];
  for (const id of new Set([...tasks.keys(), ...rows.keys()])) {
    const task = tasks.get(id) ?? null;
    const row = rows.get(id) ?? null;
    const old = before.get(id);
    if (old && old.task === task && old.row === row) {
      after.set(id, old);
      continue;
    }
    const entry: PollTaskEntry = {
      origin: state.origin,
      id,
      task,
      row,
      ...(task?.escalatedAt != null ? { escalatedAt: task.escalatedAt } : {}),
    };
    after.set(id, entry);
    changed.push(entry);
  }
  const gone = [...before.keys()].filter((id) => !after.has(id));
  const database = await db();
  const tx = database.transaction(['polls', 'pollTasks'], 'readwrite');
  void tx.objectStore('polls').put(headerOnly(state));
  const store = tx.objectStore('pollTasks');
  // A first poll writes a thousand records: in slices, so a page view's question is answered meanwhile.
  await slicedWrites(changed, (entry) => store.put(entry));
  await slicedWrites(gone, (id) => store.delete([state.origin, id]));
  await tx.done;
  // Only what has committed counts as written: after an aborted save the next one writes these again.
  written.set(state.origin, after);
  writtenLists.set(state.origin, { rows: state.rows, tasks: state.cache?.tasks });
  return changed.length + gone.length;
}
