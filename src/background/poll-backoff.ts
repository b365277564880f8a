// When the worker polls an instance again after failures, and what ends the wait. Only scheduled (alarm)
// polls that fail lengthen it: a retry the user asked for must not punish them by pushing the next poll
// further away. Any sign that Phabricator answers again (a poll, a banner's Conduit reply, Test connection,
// access granted, a sign-in) ends it, so recovery comes at once rather than up to an hour later.
import type { ConnectionState } from '../messages';

export interface Backoff {
  /** Scheduled polls that failed in a row. */
  failures: number;
  /** No scheduled poll before this moment (epoch seconds); 0 when there is no wait. */
  notBefore: number;
}

export const NO_BACKOFF: Backoff = { failures: 0, notBefore: 0 };

/** The longest wait between scheduled polls of a failing instance. */
export const MAX_BACKOFF_SECONDS = 3600;

/** A poll someone asked for runs now; a scheduled one waits out the backoff. */
export function pollIsDue(backoff: Backoff, now: number, asked: boolean): boolean {
  return asked || backoff.notBefore <= now;
}

/**
 * After a failed poll. Exponential with jitter, capped: a dead instance is not hammered, and many browsers
 * waking at once do not poll in step. A retry the user asked for leaves the backoff as it was.
 */
export function afterFailure(previous: Backoff, now: number, asked: boolean, random = Math.random): Backoff {
  if (asked) return { failures: previous.failures, notBefore: previous.notBefore };
  const failures = previous.failures + 1;
  const delay = Math.min(MAX_BACKOFF_SECONDS, 60 * 2 ** Math.min(failures, 6)) * (0.75 + random() * 0.5);
  return { failures, notBefore: now + Math.round(delay) };
}

export function afterSuccess(): Backoff {
  return { ...NO_BACKOFF };
}

/**
 * Phabricator answered outside a poll (a banner, Test connection): whether the last poll's verdict is
 * out of date, so the backoff ends and the due poll runs now.
 */
export function recoveryDue(state: Backoff & { connection: ConnectionState }): boolean {
  return state.failures > 0 || state.notBefore > 0 || state.connection !== 'ok';
}
