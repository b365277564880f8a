// The five rules on the captured tasks at several clock times (seeding, +1 h, +5 d).
import { describe, expect, it } from 'vitest';
import { assessTask } from '../../../src/core/escalation/assess';
import { DAY, HOUR, SEEDED_AT, fixtureHistory, fixtureTasks, fixtureVocabulary, userMap } from './support';

const vocabulary = fixtureVocabulary();
const users = userMap();
const snapshots = new Map(fixtureTasks('maniphest.search.ubn-all-statuses').map((t) => [`T${t.id}`, t]));

function rulesAt(task: string, now: number): string[] {
  const assessment = assessTask({
    history: fixtureHistory(task),
    vocabulary,
    task: snapshots.get(task),
    users,
    now,
  });
  return assessment.findings.map((f) => `${f.rule}:${f.threshold}:${f.severity}`);
}

describe('staleness of the captured tasks', () => {
  it.each([
    // At seeding time.
    ['T1', 0, ['escalation-age:7d:critical', 'no-process-owner:2h:warning']],
    ['T6', 0, ['no-process-owner:2h:warning', 'owner-silent:1d:warning']],
    [
      'T7',
      0,
      [
        'owner-unavailable:disabled:critical',
        'escalation-age:7d:critical',
        'no-process-owner:2h:warning',
        'owner-silent:1d:warning',
      ],
    ],
    ['T8', 0, []],
    ['T9', 0, []],
    [
      'T11',
      0,
      [
        'no-process-owner:2h:warning',
        'owner-silent:1d:warning',
        'owner-unavailable:away:warning',
        'escalation-age:3d:warning',
      ],
    ],
    ['T14', 0, []],
    ['T15', 0, ['no-process-owner:2h:warning', 'owner-silent:1d:warning']],
    ['T16', 0, ['no-process-owner:2h:warning']],
    // One hour later: T14 reaches rule 1, erin is still busy (not away) so T16 gains nothing.
    ['T14', HOUR, ['no-process-owner:2h:warning']],
    ['T16', HOUR, ['no-process-owner:2h:warning']],
    // Five days later: ages cross 3 d and 7 d; carol's vacation has ended (until 2026-12-02).
    ['T6', 5 * DAY, ['escalation-age:7d:critical', 'no-process-owner:2h:warning', 'owner-silent:1d:warning']],
    [
      'T11',
      7 * DAY,
      ['escalation-age:7d:critical', 'no-process-owner:2h:warning', 'owner-silent:1d:warning'],
    ],
    ['T14', 5 * DAY, ['no-process-owner:2h:warning', 'escalation-age:3d:warning']],
    ['T9', 5 * DAY, []],
  ])('%s at seeding + %i s', (task, later, expected) => {
    expect(rulesAt(task, SEEDED_AT + later)).toEqual(expected);
  });

  it('says in words what is wrong', () => {
    const t1 = assessTask({ history: fixtureHistory('T1'), vocabulary, users, now: SEEDED_AT });
    expect(t1.findings.map((f) => f.text)).toEqual([
      'Unbreak Now! for 200 days',
      'No process owner for 200 days since escalation',
    ]);
    const t7 = assessTask({ history: fixtureHistory('T7'), vocabulary, users, now: SEEDED_AT });
    expect(t7.findings.map((f) => f.text)).toContain('Assignee @dave (not declared) has a disabled account');
    expect(t7.findings.map((f) => f.text)).toContain(
      'Assignee @dave (not declared) has written nothing on the task for 19 days',
    );
    const t11 = assessTask({ history: fixtureHistory('T11'), vocabulary, users, now: SEEDED_AT });
    expect(t11.findings.map((f) => f.text)).toContain(
      'Assignee @carol (not declared) is away until Wed, Dec 2, 2026, 1:45 PM GMT+0',
    );
    const t14 = assessTask({ history: fixtureHistory('T14'), vocabulary, users, now: SEEDED_AT + 6 * DAY });
    expect(t14.findings.map((f) => f.text)).toContain('No process owner for 6 days since escalation');
  });

  it('gives message keys and parameters a translation can use', () => {
    const t16 = assessTask({ history: fixtureHistory('T16'), vocabulary, users, now: SEEDED_AT });
    expect(t16.findings[0]).toMatchObject({
      rule: 'no-process-owner',
      firedAt: SEEDED_AT - 3 * HOUR + 2 * HOUR,
      message: { key: 'stale.noProcessOwner.assignee', params: { duration: 3 * HOUR, assignee: 'erin' } },
      text: 'No process owner declared for 3 hours since escalation; assignee @erin is not declared',
    });
  });
});
