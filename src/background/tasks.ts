// Task snapshots and histories. A history is read again only when the task's dateModified moved, and
// then only its new transactions (newest first, up to the newest one already cached); a change with no
// new transaction (an edited comment) and a forced read (the banner's Retry) take the whole history.
import type { TaskSnapshot, TaskTransaction } from '../core/model';
import type { ConduitClient } from '../phabricator/conduit';
import { db, instanceKeys, type TaskEntry } from './db';
import { UBN_PRIORITY } from '../core/model';
import { nowSeconds } from './clock';
import { assertCurrent } from './instance-epoch';
import { KeptRecords } from './kept-records';

/**
 * Tasks read and written per transaction: a few milliseconds each. Each task's record stands alone, so a
 * thousand are stored in many short transactions, not one that would hold the tasks store (and every
 * page view waiting to read its task) for the whole batch.
 */
export const TASK_WRITE_SLICE = 50;

// The records of the tasks viewed lately (see kept-records.ts). Every write to the tasks store is made in
// this module.
const viewed = new KeptRecords<TaskEntry>(32);

function beforeWrite(origin: string, id: number): void {
  viewed.written(`${origin}|${id}`);
}

/** Forgets the kept records (after the store was changed behind this module: benchmarks). */
export function forgetViewedTasks(): void {
  viewed.forget();
}

/** One task's stored record, from memory when a page view read it lately. Shared: treat it as read-only. */
export async function viewedTask(origin: string, id: number): Promise<TaskEntry | undefined> {
  return viewed.read(`${origin}|${id}`, async () => (await db()).get('tasks', [origin, id]));
}

/**
 * Stores a task's history, as current for the task's dateModified; `readAt` is Phorge's clock when the
 * read began (null when unknown).
 */
export async function storeHistory(
  entry: TaskEntry,
  history: TaskTransaction[],
  readAt: number | null,
): Promise<TaskEntry> {
  const stored = { ...entry, history, historyModified: entry.snapshot.dateModified, historyReadAt: readAt };
  beforeWrite(entry.origin, entry.id);
  await (await db()).put('tasks', stored);
  return stored;
}

/**
 * Stores many tasks' histories read at once (a first poll), in short transactions: a page view's read of
 * its task waits for one slice, not for the thousand (megabytes). `between` runs after each slice.
 */
export async function storeHistories(
  entries: readonly TaskEntry[],
  histories: ReadonlyMap<number, TaskTransaction[]>,
  readAt: number | null,
  between: () => Promise<void> | undefined,
): Promise<TaskEntry[]> {
  const database = await db();
  const stored: TaskEntry[] = [];
  for (let at = 0; at < entries.length; at += TASK_WRITE_SLICE) {
    const tx = database.transaction('tasks', 'readwrite');
    for (const entry of entries.slice(at, at + TASK_WRITE_SLICE)) {
      const history = histories.get(entry.id);
      if (!history) continue;
      const record = {
        ...entry,
        history,
        historyModified: entry.snapshot.dateModified,
        historyReadAt: readAt,
      };
      beforeWrite(entry.origin, entry.id);
      void tx.store.put(record);
      stored.push(record);
    }
    await tx.done;
    await between();
  }
  return stored;
}

/** Stores fresh snapshots, keeping each task's history while it is still current. */
/** `moved`, when given, receives the ids of stored tasks whose dateModified these snapshots change. */
export async function rememberSnapshots(
  origin: string,
  snapshots: TaskSnapshot[],
  moved?: number[],
): Promise<TaskEntry[]> {
  const database = await db();
  const entries: TaskEntry[] = [];
  // A slice of tasks read at once rather than one after the other, each slice its own transaction: a page
  // view's read of its task waits for one slice at most.
  for (let at = 0; at < snapshots.length; at += TASK_WRITE_SLICE) {
    const slice = snapshots.slice(at, at + TASK_WRITE_SLICE);
    const tx = database.transaction('tasks', 'readwrite');
    const previous = await Promise.all(slice.map((snapshot) => tx.store.get([origin, snapshot.id])));
    slice.forEach((snapshot, i) => {
      const before = previous[i];
      if (before && before.snapshot.dateModified !== snapshot.dateModified) moved?.push(snapshot.id);
      const entry: TaskEntry = {
        origin,
        id: snapshot.id,
        snapshot,
        history: before?.history ?? null,
        historyModified: before?.historyModified ?? null,
        ...(before && 'historyReadAt' in before ? { historyReadAt: before.historyReadAt ?? null } : {}),
        fetchedAt: nowSeconds(),
      };
      beforeWrite(origin, snapshot.id);
      void tx.store.put(entry);
      entries.push(entry);
    });
    await tx.done;
  }
  return entries;
}

export function historyIsCurrent(entry: TaskEntry): boolean {
  return entry.history !== null && entry.historyModified === entry.snapshot.dateModified;
}

/**
 * Whether the stored history holds every edit up to the task's dateModified: read in a later second
 * than that (in Phorge's clock), as a second edit within the same second leaves dateModified as it was.
 * A record kept from before this was known is trusted.
 */
export function historyIsComplete(entry: TaskEntry): boolean {
  if (!historyIsCurrent(entry)) return false;
  if (entry.historyReadAt === undefined) return true;
  return entry.historyReadAt !== null && entry.historyReadAt > entry.snapshot.dateModified;
}

export async function historyFor(
  origin: string,
  client: ConduitClient,
  entry: TaskEntry,
  force = false,
  /** Ask for newer transactions even when dateModified did not move: two edits in one second share it. */
  recheck = false,
): Promise<TaskTransaction[]> {
  if (!force && !recheck && historyIsComplete(entry) && entry.history) return entry.history;
  // Phorge's clock before the read: the history holds every edit made before this second.
  const readAt = client.serverTime();
  let history: TaskTransaction[];
  if (!force && entry.history !== null && entry.history.length > 0) {
    const since = await client.taskHistorySince(entry.id, entry.history);
    // The task changed but no transaction is new: an older comment was edited (which keeps its
    // transaction id), and only the whole history shows what it says now.
    const moved = entry.historyModified !== entry.snapshot.dateModified;
    history = since.fetched === 0 && moved ? await client.taskHistory(entry.id) : since.history;
  } else history = await client.taskHistory(entry.id);
  assertCurrent(client);
  await storeHistory(entry, history, readAt);
  return history;
}

/** An instance removed from the settings: its task records go, from the store and from memory. */
export async function forgetInstanceTasks(origin: string): Promise<void> {
  await (await db()).delete('tasks', instanceKeys(origin));
  viewed.forget();
}

/** A closed UBN!'s record stays while the review page's "resolved, last 12 weeks" may show it. */
export const RESOLVED_RETENTION_SECONDS = 13 * 7 * 86400;
/** Any other task's record (a page viewed once) stays this long after it was last read. */
export const VIEWED_RETENTION_SECONDS = 30 * 86400;

/**
 * Deletes the records of tasks the poll no longer keeps that have not been read for longer than they
 * can be of use. A deleted task viewed again is read again, as a new one is.
 */
export async function sweepTasks(origin: string, keep: ReadonlySet<number>, now: number): Promise<void> {
  const tx = (await db()).transaction('tasks', 'readwrite');
  for (
    let cursor = await tx.store.openCursor(instanceKeys(origin));
    cursor;
    cursor = await cursor.continue()
  ) {
    const entry = cursor.value;
    if (keep.has(entry.id)) continue;
    // A UBN!'s record counts from its last change (a poll may have read it again since it closed), any
    // other from when it was last read (a page view).
    const ubn = entry.snapshot.priority.value === UBN_PRIORITY;
    if (
      ubn
        ? now - entry.snapshot.dateModified < RESOLVED_RETENTION_SECONDS
        : now - entry.fetchedAt < VIEWED_RETENTION_SECONDS
    )
      continue;
    beforeWrite(origin, entry.id);
    void cursor.delete();
  }
  await tx.done;
}
