// Rule 4 (the process owner cannot act) reminds once per person in charge of an escalation: the same
// person declared again for a new escalation is a new occurrence.
import { describe, expect, it } from 'vitest';
import { assessTask } from '../../../src/core/escalation/assess';
import type { PhabUser } from '../../../src/core/model';
import { planReminders } from '../../../src/core/reminders/policy';
import { DAY, HOUR, HistoryBuilder, fixtureVocabulary, userMap } from '../escalation/support';

const vocabulary = fixtureVocabulary();

function usersWith(alice: Partial<PhabUser>): Map<string, PhabUser> {
  const users = userMap();
  users.set('alice', { ...users.get('alice')!, ...alice });
  return users;
}

class Worker {
  readonly fired = new Set<string>();
  run(
    history: ReturnType<HistoryBuilder['build']>,
    users: Map<string, PhabUser>,
    now: number,
    isDeparted?: (u: PhabUser) => boolean,
  ) {
    const { findings } = assessTask({
      history,
      vocabulary,
      users,
      now,
      ...(isDeparted ? { isDeparted } : {}),
    });
    const plan = planReminders({
      tasks: [{ taskId: 14, title: 'Login broken', findings, contact: null }],
      fired: [...this.fired],
      snoozes: [],
      now,
    });
    for (const key of plan.record) this.fired.add(key);
    return plan.fire.flatMap((r) => r.findings.map((f) => f.rule));
  }
}

describe('rule 4 (process owner unavailable)', () => {
  it('a task lowered and raised again, whose new process owner is departed, reminds for the new escalation', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 50)
      .priority(DAY, 'bob', 50, 100)
      .comment(DAY + 600, 'bob', 'Process owner: @alice');
    const departed = (u: PhabUser) => u.username === 'alice';
    const worker = new Worker();
    const users = usersWith({});
    expect(worker.run(h.build(), users, h.t0 + DAY + HOUR, departed)).toContain('owner-unavailable');
    // Fixed and lowered; weeks later it breaks again and someone declares alice once more.
    h.priority(2 * DAY, 'bob', 100, 50)
      .priority(20 * DAY, 'bob', 50, 100)
      .comment(20 * DAY + 600, 'bob', 'Process owner: @alice');
    expect(worker.run(h.build(), users, h.t0 + 20 * DAY + HOUR, departed)).toContain('owner-unavailable');
  });
});
