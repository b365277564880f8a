// When the worker polls an instance again after failures, and what ends the wait. Only scheduled (alarm)
// polls that fail lengthen it: a retry the user asked for must not punish them by pushing the next poll
// further away. A success ends it. An answer outside a poll (a banner, Test connection) ends it early only
// when it proves the poll's own reason for failing is gone (see recoveryDue), and at most once a step.
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

/** The longest Retry-After a scheduled poll honours. */
export const MAX_RETRY_AFTER_SECONDS = 6 * 3600;

/**
 * A poll someone asked for runs now; a scheduled one waits out the backoff, unless the clock went back
 * since the last poll began: a wait set while the clock ran ahead (a laptop booted with its clock on
 * local time, a resumed VM) would otherwise run hours past its cap once the clock is set right.
 */
export function pollIsDue(
  backoff: Backoff & { startedAt?: number | null },
  now: number,
  asked: boolean,
): boolean {
  return asked || backoff.notBefore <= now || (backoff.startedAt != null && now < backoff.startedAt);
}

/**
 * After a failed poll. Exponential with jitter, capped: a dead instance is not hammered, and many browsers
 * waking at once do not poll in step. A retry the user asked for leaves the backoff as it was.
 */
export function afterFailure(
  previous: Backoff,
  now: number,
  asked: boolean,
  random = Math.random,
  /** How long the server asked Steward to wait (Retry-After), in seconds; null when it did not. */
  retryAfter: number | null = null,
): Backoff {
  // A server that asks for a wait gets at least that, asked-for retry or not (up to a cap: a misconfigured
  // Retry-After of a year must not silence the instance for a year).
  const asksUntil = retryAfter === null ? 0 : now + Math.min(Math.ceil(retryAfter), MAX_RETRY_AFTER_SECONDS);
  if (asked) return { failures: previous.failures, notBefore: Math.max(previous.notBefore, asksUntil) };
  const failures = previous.failures + 1;
  const delay = Math.min(MAX_BACKOFF_SECONDS, 60 * 2 ** Math.min(failures, 6)) * (0.75 + random() * 0.5);
  return { failures, notBefore: Math.max(now + Math.round(delay), asksUntil) };
}

export function afterSuccess(): Backoff {
  return { ...NO_BACKOFF };
}

/**
 * Why a poll failed, when an answer outside a poll can prove that reason gone: the network or server was
 * unreachable, the browser session had expired, or the token was refused. Any other failure (a Conduit
 * error, a rate limit, a bug) is the poll's own, and banner answers say nothing about it.
 */
export type RecoverableCause = 'network' | 'session-expired' | 'invalid-token';

/** The last recovery: the failure step it spent and when (epoch seconds). */
export interface RecoveryMark {
  step: number;
  at: number;
}

/** Recoveries are at least this far apart, whatever the answers. */
export const MIN_RECOVERY_GAP_SECONDS = 60;

export interface RecoveryInput extends Backoff {
  connection: ConnectionState;
  failedBy?: RecoverableCause | null;
  recovery?: RecoveryMark | null;
}

/**
 * Phabricator answered outside a poll (a banner, Test connection, a review page): whether to poll now
 * instead of waiting out the backoff. Only when the last poll failed for a connection-level reason,
 * which that answer disproves; at most once per backoff step (a failed recovery poll climbs a step, and
 * its step is spent), and never within a minute of the last one, so a page's hundred calls are no storm.
 */
export function recoveryDue(state: RecoveryInput, now: number): boolean {
  if (state.connection === 'ok' || !state.failedBy) return false;
  const last = state.recovery;
  if (!last) return true;
  return last.step !== state.failures && now - last.at >= MIN_RECOVERY_GAP_SECONDS;
}
