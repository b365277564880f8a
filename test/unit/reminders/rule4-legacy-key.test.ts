// A reminder the previous build already showed is not shown again after the store updates the extension.
// Builds before 6dc8fce recorded rule 4 (the process owner cannot act) under the occurrence
// `${user.phid}`; this build names it `${user.phid}@${since}`, and counts a record under the old key as
// shown for the escalation running then, and is renamed to its new key (policy.ts legacyKey).
import { describe, expect, it } from 'vitest';
import { assessTask } from '../../../src/core/escalation/assess';
import type { PhabUser } from '../../../src/core/model';
import { planReminders } from '../../../src/core/reminders/policy';
import type { StaleFinding } from '../../../src/core/escalation/staleness';
import { DAY, HOUR, HistoryBuilder, fixtureVocabulary, userMap } from '../escalation/support';

describe('rule-4 reminders already shown', () => {
  it('a rule-4 reminder recorded by the build before the update is not shown again', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 50)
      .priority(DAY, 'bob', 50, 100)
      .comment(DAY + 600, 'bob', 'Process owner: @alice');
    const users = userMap();
    const alice = users.get('alice') as PhabUser;
    const departed = (u: PhabUser) => u.username === 'alice';
    const now = h.t0 + DAY + HOUR;
    const { findings } = assessTask({
      history: h.build(),
      vocabulary: fixtureVocabulary(),
      users,
      now,
      isDeparted: departed,
    });
    const rule4 = findings.find((f) => f.rule === 'owner-unavailable');
    expect(rule4).toBeDefined();
    // What the previous build stored in the reminders store when it showed this reminder
    // (poll.ts strips the `${origin}|` prefix when it reads the store back).
    const recordedByOldBuild = `T14|owner-unavailable|${rule4!.threshold}|${alice.phid}`;
    // The other findings' keys did not change format: record them as already shown too.
    const others = findings
      .filter((f) => f.rule !== 'owner-unavailable')
      .map((f) => `T14|${f.rule}|${f.threshold}|${f.occurrence}`);
    const plan = planReminders({
      tasks: [{ taskId: 14, title: 'Login broken', findings, contact: null }],
      fired: [recordedByOldBuild, ...others],
      snoozes: [],
      now,
    });
    // Same task, same escalation, same person in charge: nothing new to tell the user.
    expect(plan.fire.flatMap((r) => r.findings.map((f) => f.rule))).not.toContain('owner-unavailable');
  });
});

const GONE = 'PHID-USER-gone';
function disabledOwnerSince(since: number): StaleFinding {
  return {
    rule: 'owner-unavailable',
    severity: 'critical',
    threshold: 'disabled',
    supersedes: [],
    occurrence: `${GONE}@${since}`,
    firedAt: since,
    message: { key: 'stale.ownerUnavailable.disabled', params: { username: 'gina', subject: 'x' } },
    text: 'gina (process owner) is disabled',
  } as StaleFinding;
}

describe('the legacy rule-4 key after an update', () => {
  it('quiets the escalation it was recorded for, not a later one with the same person', () => {
    const fired = new Set([`T7|owner-unavailable|disabled|${GONE}`]); // recorded by a build before 6dc8fce
    const task = (since: number) => ({
      taskId: 7,
      title: 'Login',
      contact: null,
      findings: [disabledOwnerSince(since)],
    });
    // The escalation running at the update: counts as shown (not shown again).
    const first = planReminders({ tasks: [task(1000)], fired, snoozes: [], now: 2000 });
    expect(first.fire).toEqual([]);
    // As the poll applies a plan: the old record is renamed to the escalation it stood for.
    for (const key of first.record) fired.add(key);
    for (const { from, to } of first.renamed) {
      fired.delete(from);
      fired.add(to);
    }
    // Lowered, raised again days later: a new escalation, the same disabled person in charge.
    const later = planReminders({ tasks: [task(500_000)], fired, snoozes: [], now: 600_000 });
    expect(
      later.fire.map((r) => r.taskId),
      'rule 4 reminds for the new escalation (6dc8fce)',
    ).toEqual([7]);
  });
});
