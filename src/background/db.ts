// The worker's IndexedDB: caches, watch state, reminder bookkeeping and the API tokens. Only the worker
// and extension pages share this origin's IndexedDB; content scripts run in the page's origin and cannot
// open it, which is why secrets live here rather than in storage.local.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { InstanceVocabulary, PhabProject, PhabUser, TaskSnapshot, TaskTransaction } from '../core/model';
import type { RegistryData } from '../core/registry/types';
import type { ConnectionState, StaleRow } from '../messages';
import type { CachedTask, PollCache } from './poll-cache';
import type { RecoverableCause, RecoveryMark } from './poll-backoff';

export const DB_NAME = 'steward';
export const DB_VERSION = 3;

export interface RegistryEntry {
  id: string;
  name: string;
  /** What was read (kind and URL): an edited source is read again at once, not at the next refresh. */
  signature?: string;
  /** The last copy that loaded and validated; kept when a later fetch fails. */
  data: RegistryData | null;
  fetchedAt: number | null;
  /** When the last attempt ran, good or bad. */
  attemptedAt: number | null;
  error: string | null;
  problems: string[];
  /** SHA-256 of the text `data` was read from: the same text again is not parsed again. */
  dataDigest?: string;
  /** SHA-256 of the text that last failed to validate: it is not parsed again until it changes. */
  failedDigest?: string;
}

export interface InstanceEntry {
  origin: string;
  vocabulary: InstanceVocabulary | null;
  vocabularyAt: number | null;
  projects: PhabProject[] | null;
  projectsAt: number | null;
  /**
   * Project PHIDs on tasks that project.search did not return (projects this account may not see),
   * asked about once per daily list rather than at every poll. Absent in entries written before.
   */
  unseenProjects?: string[];
  /**
   * Status values on tasks that maniphest.status.search did not list even when read again for them,
   * counted open (core/escalation/vocabulary.ts) and not read for again until the daily read. Absent in
   * entries written before.
   */
  unseenStatuses?: string[];
  viewer: { phid: string; username: string; realName: string } | null;
  viewerAt: number | null;
}

export interface UserEntry {
  origin: string;
  /** The account's PHID; for an account user.search did not find, `missing:` and what was asked. */
  phid: string;
  /** null: asked for and not found, so that a typo in a declaration is not asked again at every poll. */
  user: PhabUser | null;
  fetchedAt: number;
}

export interface TaskEntry {
  origin: string;
  id: number;
  snapshot: TaskSnapshot;
  history: TaskTransaction[] | null;
  /** The task's dateModified when `history` was read: a different one means the history is out of date. */
  historyModified: number | null;
  /**
   * Phorge's clock (seconds) at or before the read of `history` began; null when unknown. Phorge dates
   * edits to the second, so a history read in the very second of the task's dateModified may lack a
   * later edit of that second: it is complete only when read after it (tasks.ts historyIsComplete).
   * Absent on records written before it was kept, which are trusted as they were.
   */
  historyReadAt?: number | null;
  fetchedAt: number;
}

export interface WatchEntry {
  origin: string;
  id: number;
  /** true: watched from the banner or popup; false: unwatched explicitly (wins over rules); null: no choice. */
  explicit: boolean | null;
  /** Matched a watch rule at the last poll. */
  byRule: boolean;
  since: number;
}

export interface PollEntry {
  origin: string;
  startedAt: number | null;
  finishedAt: number | null;
  lastOkAt: number | null;
  connection: ConnectionState;
  message: string | null;
  failures: number;
  /** Backoff: no poll before this time (seconds). */
  notBefore: number;
  /** Why the last poll failed, when an answer outside a poll can disprove it (poll-backoff.ts). */
  failedBy?: RecoverableCause | null;
  /** The last recovery poll an outside answer caused; cleared by a successful poll. */
  recovery?: RecoveryMark | null;
  /** Every watched task as the last good poll saw it: what the popup shows at once. */
  rows: StaleRow[];
  gateCount: number;
  /** What the next poll needs to ask Phorge only for changes (poll-cache.ts); absent before the first. */
  cache?: PollCache;
  /** When housekeeping.ts last swept this instance's records (worker clock); absent: never. */
  sweptAt?: number;
  /** Until when (worker clock) request bodies go plain: a gzipped one was refused (plain-bodies.ts). */
  plainBodiesUntil?: number;
}

/**
 * The last poll's header as stored: every task's row and cache live in their own records (pollTasks), so a
 * poll that changed nothing writes this small record only. `rows` and `cache.tasks` are found only in
 * records written by version 1, which the upgrade moves out.
 */
export type PollHeader = Omit<PollEntry, 'rows' | 'cache'> & {
  cache?: Omit<PollCache, 'tasks'> & { tasks?: CachedTask[] };
  rows?: StaleRow[];
};

/** One task as the last poll left it: what the next poll needs about it, and the popup's row if watched. */
export interface PollTaskEntry {
  origin: string;
  id: number;
  /** null only for a row moved from a version-1 record that had no cache yet: the next poll reads all. */
  task: CachedTask | null;
  row: StaleRow | null;
  /**
   * When the task's running escalation started (absent when none runs): the review page's first screen
   * reads the oldest escalations through an index on it, not every history.
   */
  escalatedAt?: number;
}

export interface AssignEntry {
  requestId: string;
  origin: string;
  taskId: number;
  username: string;
  /** Phorge's clock when the edit was sent (its Date header, else the task's last edit before it). */
  startedAt: number;
  /** null while the edit is in flight (or was cut short by a worker stop). */
  doneAt: number | null;
}

interface StewardDB extends DBSchema {
  secrets: { key: string; value: { origin: string; token: string } };
  registry: { key: string; value: RegistryEntry };
  instances: { key: string; value: InstanceEntry };
  users: { key: [string, string]; value: UserEntry };
  tasks: { key: [string, number]; value: TaskEntry };
  watches: { key: [string, number]; value: WatchEntry; indexes: { byOrigin: string } };
  reminders: { key: string; value: { key: string; origin: string; firedAt: number } };
  snoozes: { key: [string, number]; value: { origin: string; id: number; until: number } };
  polls: { key: string; value: PollHeader };
  pollTasks: {
    key: [string, number];
    value: PollTaskEntry;
    indexes: { byEscalation: [string, number] };
  };
  assigns: { key: string; value: AssignEntry };
}

export type StewardDatabase = IDBPDatabase<StewardDB>;

let opening: Promise<StewardDatabase> | null = null;

/**
 * Opens (and migrates) the database once per worker lifetime. An open that failed (Chromium's passing
 * "Internal error opening backing store") is not kept: the next use tries again, rather than every use
 * failing until the browser happens to stop the worker.
 */
export function db(): Promise<StewardDatabase> {
  if (opening) return opening;
  const attempt = openDatabase();
  opening = attempt;
  attempt.catch(() => {
    if (opening === attempt) opening = null;
  });
  return attempt;
}

function openDatabase(): Promise<StewardDatabase> {
  return openDB<StewardDB>(DB_NAME, DB_VERSION, {
    async upgrade(database, oldVersion, _newVersion, transaction) {
      // Each case migrates from the version before it; later schema changes add cases below.
      if (oldVersion < 1) {
        database.createObjectStore('secrets', { keyPath: 'origin' });
        database.createObjectStore('registry', { keyPath: 'id' });
        database.createObjectStore('instances', { keyPath: 'origin' });
        database.createObjectStore('users', { keyPath: ['origin', 'phid'] });
        database.createObjectStore('tasks', { keyPath: ['origin', 'id'] });
        database
          .createObjectStore('watches', { keyPath: ['origin', 'id'] })
          .createIndex('byOrigin', 'origin');
        database.createObjectStore('reminders', { keyPath: 'key' });
        database.createObjectStore('snoozes', { keyPath: ['origin', 'id'] });
        database.createObjectStore('polls', { keyPath: 'origin' });
        database.createObjectStore('assigns', { keyPath: 'requestId' });
      }
      if (oldVersion < 2) {
        database
          .createObjectStore('pollTasks', { keyPath: ['origin', 'id'] })
          .createIndex('byEscalation', ['origin', 'escalatedAt']);
        // Version 1 kept every row and cached task inside the poll record: they move to their own records.
        const polls = transaction.objectStore('polls');
        const tasks = transaction.objectStore('pollTasks');
        for (const header of await polls.getAll()) {
          for (const entry of splitPollRecord(header)) void tasks.put(entry);
          void polls.put(headerOnly(header));
        }
      }
      if (oldVersion < 3) {
        // Builds before commit 76c7194 stored a merge read through maniphest.gettasktransactions as a
        // transaction with no type, and such a history still looks complete: histories holding a typeless
        // transaction (a merge among them, or a board move) are read again, a batch at a time by the poll.
        const tasks = transaction.objectStore('tasks');
        for (let cursor = await tasks.openCursor(); cursor; cursor = await cursor.continue()) {
          const entry = cursor.value;
          if (entry.history?.some((tx) => tx.type === null))
            void cursor.update({ ...entry, history: null, historyModified: null });
        }
      }
    },
    blocking() {
      // A newer worker wants to migrate: let it.
      void opening?.then((d) => d.close());
      opening = null;
    },
    terminated() {
      // The browser closed the connection (storage cleared, a crash): the next use opens it again.
      opening = null;
    },
  });
}

/** A version-1 poll record's rows and cached tasks as per-task records. */
export function splitPollRecord(header: PollHeader): PollTaskEntry[] {
  const rows = new Map((header.rows ?? []).map((row) => [row.task.id, row]));
  const entries: PollTaskEntry[] = (header.cache?.tasks ?? []).map((task) => ({
    origin: header.origin,
    id: task.id,
    task,
    row: rows.get(task.id) ?? null,
    ...(task.escalatedAt != null ? { escalatedAt: task.escalatedAt } : {}),
  }));
  const moved = new Set(entries.map((e) => e.id));
  for (const [id, row] of rows)
    if (!moved.has(id)) entries.push({ origin: header.origin, id, task: null, row });
  return entries;
}

/** The poll record without its rows and cached tasks. */
export function headerOnly(header: PollHeader): PollHeader {
  const { rows: _rows, cache, ...rest } = header;
  if (!cache) return rest;
  const { tasks: _tasks, ...small } = cache;
  return { ...rest, cache: small };
}

/** Every key [origin, …] of one instance in a store keyed by [origin, id]: arrays sort after any id. */
export function instanceKeys(origin: string): IDBKeyRange {
  return IDBKeyRange.bound([origin], [origin, []]);
}

/** Every key `${origin}|…` of one instance in a store keyed by such strings. */
export function instancePrefix(origin: string): IDBKeyRange {
  return IDBKeyRange.bound(`${origin}|`, `${origin}|\uffff`);
}
