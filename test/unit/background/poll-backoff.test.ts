// When the worker polls a failing instance again: scheduled failures lengthen the wait, retries the user
// asked for never do, and any success ends it.
import { describe, expect, it } from 'vitest';
import {
  NO_BACKOFF,
  afterFailure,
  afterSuccess,
  pollIsDue,
  recoveryDue,
} from '../../../src/background/poll-backoff';
import { recoverableCause } from '../../../src/background/errors';
import { ConduitError, type ConduitErrorKind } from '../../../src/phabricator/conduit/errors';

const NOW = 1_795_700_668;
const mid = () => 0.5;

function scheduledFailures(count: number, random = mid) {
  let backoff = NO_BACKOFF;
  for (let i = 0; i < count; i++) backoff = afterFailure(backoff, NOW, false, random);
  return backoff;
}

describe('poll backoff', () => {
  it('grows with scheduled failures, with jitter, up to an hour', () => {
    expect(scheduledFailures(1).notBefore - NOW).toBe(120);
    expect(scheduledFailures(3).notBefore - NOW).toBe(480);
    expect(scheduledFailures(3, () => 0).notBefore - NOW).toBe(360);
    expect(scheduledFailures(3, () => 1).notBefore - NOW).toBe(600);
    expect(scheduledFailures(12, () => 1).notBefore - NOW).toBeLessThanOrEqual(3600 * 1.25);
  });

  it('a manual "Try again" that fails never lengthens the wait', () => {
    const waiting = scheduledFailures(3);
    let after = waiting;
    for (let i = 0; i < 5; i++) after = afterFailure(after, NOW + 60, true, mid);
    expect(after).toEqual(waiting);
    expect(afterFailure(NO_BACKOFF, NOW, true)).toEqual(NO_BACKOFF);
  });

  it('scheduled polls wait it out; asked-for polls run at once', () => {
    const waiting = scheduledFailures(3);
    expect(pollIsDue(waiting, NOW + 60, false)).toBe(false);
    expect(pollIsDue(waiting, NOW + 60, true)).toBe(true);
    expect(pollIsDue(waiting, waiting.notBefore, false)).toBe(true);
  });

  it('any success ends it', () => {
    expect(afterSuccess()).toEqual({ failures: 0, notBefore: 0 });
  });

  it('an answer outside a poll recovers only from a failure it disproves, once per step', () => {
    const failing = { ...scheduledFailures(1), connection: 'unreachable' as const };
    expect(recoveryDue({ ...NO_BACKOFF, connection: 'ok' }, NOW)).toBe(false);
    expect(recoveryDue({ ...failing, failedBy: 'network' }, NOW)).toBe(true);
    // The poll failed for its own reason (a Conduit error, a rate limit): an answer proves nothing.
    expect(recoveryDue({ ...failing, failedBy: null }, NOW)).toBe(false);
    // A failed manual retry leaves no wait but a signed-out verdict: an answer disproves it.
    expect(recoveryDue({ ...NO_BACKOFF, connection: 'signed-out', failedBy: 'session-expired' }, NOW)).toBe(
      true,
    );
    // The step's recovery is spent; a new step (a scheduled failure) allows one more, a minute apart.
    const spent = { ...failing, failedBy: 'network' as const, recovery: { step: 1, at: NOW - 3600 } };
    expect(recoveryDue(spent, NOW)).toBe(false);
    expect(recoveryDue({ ...spent, failures: 2 }, NOW)).toBe(true);
    expect(recoveryDue({ ...spent, failures: 2, recovery: { step: 1, at: NOW - 30 } }, NOW)).toBe(false);
  });
});

describe('which poll failures an outside answer can disprove', () => {
  const failure = (kind: ConduitErrorKind) =>
    new ConduitError({ kind, method: 'maniphest.search', userMessage: 'failed' });

  it('a lost connection, server errors, an expired session and a refused token: an answer proves them gone', () => {
    expect(recoverableCause(failure('network'))).toBe('network');
    expect(recoverableCause(failure('server'))).toBe('network');
    expect(recoverableCause(failure('session-expired'))).toBe('session-expired');
    expect(recoverableCause(failure('invalid-token'))).toBe('invalid-token');
  });

  it("a rate limit, a malformed reply or a refusal is the poll's own: a banner answering says nothing about it", () => {
    expect(recoverableCause(failure('rate-limited'))).toBeNull();
    expect(recoverableCause(failure('malformed'))).toBeNull();
    expect(recoverableCause(failure('permission'))).toBeNull();
    expect(recoverableCause(new Error('bug'))).toBeNull();
  });
});
