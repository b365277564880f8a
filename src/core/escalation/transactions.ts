// Readers for the transaction.search items core cares about. `fields` is untyped in the model
// because its shape depends on the transaction type; these readers accept what Phorge and older
// Phabricator send and return null for anything else instead of throwing.
import type { CommentVersion, Epoch, Phid, TaskTransaction } from '../model';

export interface PriorityChange {
  /** null when the old value is missing (older Phabricator at creation). */
  old: number | null;
  new: number;
}

export interface StatusChange {
  old: string | null;
  new: string;
}

export interface OwnerChange {
  old: Phid | null;
  new: Phid | null;
}

/** A point in the history: time first, then transaction id, so same-second edits keep their order. */
export interface HistoryPoint {
  at: Epoch;
  transactionId: number;
}

// assessTask reads one history several times (escalation, process owner): it is ordered once.
const orderedCache = new WeakMap<readonly TaskTransaction[], readonly TaskTransaction[]>();

/** Oldest first. Conduit sends newest first, but nothing here may rely on that. Do not modify the result. */
export function chronological(history: readonly TaskTransaction[]): readonly TaskTransaction[] {
  const cached = orderedCache.get(history);
  if (cached !== undefined) return cached;
  // Conduit's order is the common case: recognise it (or oldest first) in one pass and skip the sort.
  let ascending = true;
  let descending = true;
  for (let i = 1; i < history.length && (ascending || descending); i++) {
    const a = history[i - 1] as TaskTransaction;
    const b = history[i] as TaskTransaction;
    const order = a.dateCreated - b.dateCreated || a.id - b.id;
    if (order > 0) ascending = false;
    if (order < 0) descending = false;
  }
  const ordered = ascending
    ? history
    : descending
      ? [...history].reverse()
      : [...history].sort(compareTransactions);
  orderedCache.set(history, ordered);
  return ordered;
}

function compareTransactions(a: TaskTransaction, b: TaskTransaction): number {
  return a.dateCreated - b.dateCreated || a.id - b.id;
}

export function pointOf(tx: TaskTransaction): HistoryPoint {
  return { at: tx.dateCreated, transactionId: tx.id };
}

/** Negative when a is earlier than b. */
export function comparePoints(a: HistoryPoint, b: HistoryPoint): number {
  return a.at - b.at || a.transactionId - b.transactionId;
}

function priorityValue(raw: unknown): number | null {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  if (raw !== null && typeof raw === 'object' && 'value' in raw) return priorityValue(raw.value);
  return null;
}

export function readPriorityChange(tx: TaskTransaction): PriorityChange | null {
  if (tx.type !== 'priority') return null;
  const next = priorityValue(tx.fields['new']);
  if (next === null) return null;
  return { old: priorityValue(tx.fields['old']), new: next };
}

function statusValue(raw: unknown): string | null {
  if (typeof raw === 'string' && raw !== '') return raw;
  if (raw !== null && typeof raw === 'object' && 'value' in raw && typeof raw.value === 'string') {
    return raw.value;
  }
  return null;
}

export function readStatusChange(tx: TaskTransaction): StatusChange | null {
  if (tx.type !== 'status') return null;
  const next = statusValue(tx.fields['new']);
  if (next === null) return null;
  return { old: statusValue(tx.fields['old']), new: next };
}

function phidValue(raw: unknown): Phid | null {
  return typeof raw === 'string' && raw.startsWith('PHID-') ? raw : null;
}

export function readOwnerChange(tx: TaskTransaction): OwnerChange | null {
  if (tx.type !== 'owner') return null;
  return { old: phidValue(tx.fields['old']), new: phidValue(tx.fields['new']) };
}

/**
 * The version of a comment a reader sees now: the highest version wins (edits add versions),
 * and a removed comment yields null.
 */
export function currentComment(tx: TaskTransaction): CommentVersion | null {
  const latest = newestVersion(tx);
  return latest === null || latest.removed ? null : latest;
}

/** The comment's newest version, removed or not; null for a transaction without a comment. */
export function newestVersion(tx: TaskTransaction): CommentVersion | null {
  let latest: CommentVersion | null = null;
  for (const version of tx.comments) {
    if (latest === null || version.version > latest.version) latest = version;
  }
  return latest;
}
