// The parts of the message contract that the content script runs, with no schema library: the page's
// bundle stays small, and zod stays in the worker, which validates everything the page sends. The worker
// is trusted, so its replies are checked for their envelope only (a reply from an older worker after an
// update, or none at all, still never crashes the banner).
import type { CachedAnswer, PersonView, ProcessOwnerView, Reply, ReplyError, TaskContext } from './messages';

/** Someone holds the process owner role once declared, whether or not they acknowledged it yet. */
export function isDeclared(po: ProcessOwnerView | null | undefined): po is ProcessOwnerView {
  return po?.state === 'declared' || po?.state === 'acknowledged';
}

/** Who holds the process owner role now (declared, acknowledged or not), or null. */
export function declaredPerson(po: ProcessOwnerView | null | undefined): PersonView | null {
  return isDeclared(po) ? po.person : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isReplyError(value: unknown): value is ReplyError {
  return isRecord(value) && typeof value.kind === 'string' && typeof value.message === 'string';
}

/** The reply envelope, or null when what came back is not one. */
export function asReply<T>(raw: unknown): Reply<T> | null {
  if (!isRecord(raw)) return null;
  if (raw.ok === true && 'data' in raw) return raw as Reply<T>;
  if (raw.ok === false && isReplyError(raw.error)) return { ok: false, error: raw.error };
  return null;
}

/** The task id of a worker's "task/changed" event, or null for anything else. */
export function changedTaskId(message: unknown): number | null {
  if (!isRecord(message) || message.type !== 'task/changed') return null;
  const id = message.taskId;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * Whether a task/context reply has the shape the banner reads: the top-level parts it dereferences.
 * Not a schema (the worker is trusted): a guard against a worker of another version.
 */
export function isTaskContext(value: unknown): value is TaskContext {
  if (!isRecord(value) || typeof value.instance !== 'string' || typeof value.fetchedAt !== 'number')
    return false;
  const { task, ownership } = value;
  return (
    isRecord(task) &&
    typeof task.id === 'number' &&
    isRecord(task.status) &&
    isRecord(task.priority) &&
    isRecord(ownership) &&
    Array.isArray(ownership.components) &&
    isRecord(ownership.registry) &&
    Array.isArray(value.stale) &&
    Array.isArray(value.suggestions)
  );
}

/** Whether a task/cached reply is an answer the banner can use (null means nothing usable is cached). */
export function isCachedAnswer(value: unknown): value is CachedAnswer {
  return (
    isRecord(value) &&
    typeof value.newestTransaction === 'number' &&
    Number.isSafeInteger(value.newestTransaction) &&
    isTaskContext(value.context)
  );
}
