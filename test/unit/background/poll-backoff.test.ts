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

  it('an answer outside a poll recovers when the last poll failed or left a wait', () => {
    expect(recoveryDue({ ...NO_BACKOFF, connection: 'ok' })).toBe(false);
    expect(recoveryDue({ ...scheduledFailures(1), connection: 'unreachable' })).toBe(true);
    // A failed manual retry leaves no wait but an error verdict: still out of date.
    expect(recoveryDue({ ...NO_BACKOFF, connection: 'signed-out' })).toBe(true);
  });
});
