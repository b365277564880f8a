// Escalation read from the real transaction.search replies of the fixture Phorge. The expected
// ages are those of the fixtures README §3, at seeding time.
import { describe, expect, it } from 'vitest';
import { escalationAge, readEscalation } from '../../../src/core/escalation/escalation';
import { DAY, HOUR, PHID, SEEDED_AT, fixtureHistory, fixtureTasks, fixtureVocabulary } from './support';

const vocabulary = fixtureVocabulary();

describe('escalation from captured Phorge histories', () => {
  it.each([
    // task, active, age at seeding, recurrence, cause, raised from, by
    { task: 'T1', active: true, age: 200 * DAY, recurrence: 1, cause: 'raised', from: 90, by: PHID.admin },
    { task: 'T6', active: true, age: 2 * DAY, recurrence: 1, cause: 'raised', from: 80, by: PHID.bob },
    { task: 'T7', active: true, age: 20 * DAY, recurrence: 1, cause: 'raised', from: 50, by: PHID.alice },
    { task: 'T11', active: true, age: 6 * DAY, recurrence: 1, cause: 'created', from: 90, by: PHID.carol },
    { task: 'T14', active: true, age: 1 * HOUR, recurrence: 1, cause: 'raised', from: 50, by: PHID.alice },
    { task: 'T15', active: true, age: 24 * HOUR, recurrence: 1, cause: 'created', from: 90, by: PHID.alice },
    { task: 'T16', active: true, age: 3 * HOUR, recurrence: 1, cause: 'created', from: 90, by: PHID.erin },
  ])(
    '$task is an open UBN! escalated $age s ago ($cause)',
    ({ task, active, age, recurrence, cause, from, by }) => {
      const escalation = readEscalation(fixtureHistory(task), vocabulary);
      expect(escalation.active).toBe(active);
      expect(escalationAge(escalation, SEEDED_AT)).toBe(age);
      expect(escalation.recurrence).toBe(recurrence);
      expect(escalation.current).toMatchObject({ cause, fromPriority: from, byPHID: by, inferred: false });
    },
  );

  it('T8 (closed 18 days ago while UBN!) has no escalation age but remembers the escalation', () => {
    const escalation = readEscalation(fixtureHistory('T8'), vocabulary);
    expect(escalation).toMatchObject({
      active: false,
      open: false,
      ubn: true,
      status: 'resolved',
      recurrence: 1,
    });
    expect(escalationAge(escalation, SEEDED_AT)).toBeNull();
    expect(escalation.latest).toMatchObject({ cause: 'created', at: SEEDED_AT - 483 * HOUR });
    expect(escalation.endedAt?.at).toBe(SEEDED_AT - 18 * DAY);
    expect(escalation.closings).toHaveLength(1);
    expect(escalation.closings[0]).toMatchObject({ from: 'open', to: 'resolved', byPHID: PHID.bob });
  });

  it('T9 (lowered to High 2 days ago) is no longer escalated', () => {
    const escalation = readEscalation(fixtureHistory('T9'), vocabulary);
    expect(escalation).toMatchObject({ active: false, open: true, ubn: false, priority: 80, recurrence: 1 });
    expect(escalationAge(escalation, SEEDED_AT)).toBeNull();
    expect(escalation.lowerings).toEqual([
      expect.objectContaining({ from: 100, to: 80, at: SEEDED_AT - 2 * DAY, byPHID: PHID.alice }),
    ]);
    expect(escalation.latest).toMatchObject({ cause: 'raised', at: SEEDED_AT - 6 * DAY });
  });

  it.each(['T12', 'T3.after-edit'])('%s was never UBN!', (task) => {
    const escalation = readEscalation(fixtureHistory(task), vocabulary);
    expect(escalation).toMatchObject({ active: false, recurrence: 0, latest: null, current: null });
  });

  it('T14 read by task PHID, by T14 and through the session-cookie call agree', () => {
    const ages = ['T14', 'T14.by-phid'].map((name) =>
      escalationAge(readEscalation(fixtureHistory(name), vocabulary), SEEDED_AT),
    );
    expect(ages).toEqual([HOUR, HOUR]);
  });

  it('the age grows with the clock and no activity resets it', () => {
    const escalation = readEscalation(fixtureHistory('T6'), vocabulary);
    for (const later of [0, HOUR, 5 * DAY, 30 * DAY]) {
      expect(escalationAge(escalation, SEEDED_AT + later)).toBe(2 * DAY + later);
    }
  });

  it('agrees with maniphest.search on every UBN! task, open or closed', () => {
    for (const task of fixtureTasks('maniphest.search.ubn-all-statuses')) {
      const history = fixtureHistory(`T${task.id}`);
      const fromHistory = readEscalation(history, vocabulary);
      const withSnapshot = readEscalation(history, vocabulary, task);
      expect(withSnapshot.active, `T${task.id}`).toBe(task.status.value === 'open');
      expect(withSnapshot.current, `T${task.id}`).toEqual(fromHistory.current);
      expect(withSnapshot.recurrence).toBe(fromHistory.recurrence);
    }
  });
});
