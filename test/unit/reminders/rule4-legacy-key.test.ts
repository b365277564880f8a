// A reminder the previous build already showed is not shown again after the store updates the extension.
// Builds before 6dc8fce recorded rule 4 (the process owner cannot act) under the occurrence
// `${user.phid}`; this build names it `${user.phid}@${since}`, and counts a record under the old key as
// shown (policy.ts shownBeforeKeyedByEscalation).
import { describe, expect, it } from 'vitest';
import { assessTask } from '../../../src/core/escalation/assess';
import type { PhabUser } from '../../../src/core/model';
import { planReminders } from '../../../src/core/reminders/policy';
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
