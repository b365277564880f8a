// The time a poll keeps per task: until then a fresh assessment reads exactly as the cached one, and at
// that time something a user sees (a finding, its duration at a glance, someone's availability) changes.
import { describe, expect, it } from 'vitest';
import { assessTask } from '../../../src/core/escalation/assess';
import { nextChangeAt, nextGlanceChange } from '../../../src/core/escalation/next-change';
import { formatDuration } from '../../../src/core/time/durations';
import {
  DAY,
  HOUR,
  HistoryBuilder,
  SEEDED_AT,
  fixtureHistory,
  fixtureTasks,
  fixtureUsers,
  fixtureVocabulary,
  userMap,
} from './support';

const vocabulary = fixtureVocabulary();
const users = userMap();
const snapshots = new Map(fixtureTasks('maniphest.search.ubn-all-statuses').map((t) => [`T${t.id}`, t]));

/** What the popup and reminders show of an assessment: findings with their durations as read at a glance. */
function shown(task: string, now: number): string[] {
  const assessment = assessTask({
    history: fixtureHistory(task),
    vocabulary,
    task: snapshots.get(task),
    users,
    now,
  });
  return assessment.findings.map((f) => {
    const duration = f.message.params['duration'];
    return `${f.rule}:${f.threshold}:${f.severity}:${f.occurrence}:${typeof duration === 'number' ? formatDuration(duration, 'en') : ''}`;
  });
}

function dueAt(task: string, now: number): number | null {
  const assessment = assessTask({
    history: fixtureHistory(task),
    vocabulary,
    task: snapshots.get(task),
    users,
    now,
  });
  return nextChangeAt(assessment, now, fixtureUsers());
}

describe('next change of a task on the clock alone', () => {
  it.each(['T1', 'T6', 'T7', 'T11', 'T14', 'T15', 'T16'])(
    '%s reads the same until its next change, and differently at it',
    (task) => {
      for (const start of [SEEDED_AT, SEEDED_AT + HOUR + 17, SEEDED_AT + 5 * DAY + 3]) {
        const next = dueAt(task, start);
        expect(next).not.toBeNull();
        const at = next!;
        expect(at).toBeGreaterThan(start);
        const before = shown(task, start);
        // Sampled between now and the change: nothing a user sees moves.
        for (const t of [start + 1, Math.floor((start + at) / 2), at - 1])
          if (t < at) expect(shown(task, t)).toEqual(before);
        const changedUsers = fixtureUsers().some((u) => u.availability.until === at);
        if (!changedUsers) expect(shown(task, at)).not.toEqual(before);
      }
    },
  );

  it('steps a duration at whole seconds, minutes, hours up to two days, then days', () => {
    expect(nextGlanceChange(1000, 1030)).toBe(1031);
    expect(nextGlanceChange(1000, 1000 + 125)).toBe(1000 + 180);
    expect(nextGlanceChange(0, 5 * HOUR + 1)).toBe(6 * HOUR);
    expect(nextGlanceChange(0, 2 * DAY - 1)).toBe(2 * DAY);
    expect(nextGlanceChange(0, 2 * DAY)).toBe(3 * DAY);
  });
});

describe('a role released within two hours of the escalation', () => {
  it('is due at escalation + 2 h, not release + 2 h', () => {
    const b = new HistoryBuilder();
    const history = b
      .create(0, 'admin', 100)
      .comment(600, 'alice', 'Process owner: @bob')
      .comment(1800, 'alice', 'Process owner: none')
      .build();
    const E = b.t0;
    const now = E + 1800;
    const assess = (at: number) => assessTask({ history, vocabulary, users, now: at });
    expect(assess(now).findings).toEqual([]);
    // Rule 1 fires at E + 2 h (the staleness rules say so) ...
    expect(assess(E + 2 * HOUR).findings.map((f) => f.rule)).toContain('no-process-owner');
    // ... so the poll must evaluate the task again no later than that.
    const next = nextChangeAt(assess(now), now, fixtureUsers());
    expect(next).not.toBeNull();
    expect(next!).toBeLessThanOrEqual(E + 2 * HOUR);
  });
});
