// A merge closes a task ("closed this task as a duplicate of T99") with a mergedinto transaction and no
// status transaction (Phorge's ManiphestTaskMergedIntoTransaction sets the duplicate status directly).
// A task merged while UBN! and reopened later has been escalated twice, and was closed in between.
import { describe, expect, it } from 'vitest';
import { readEscalation } from '../../../src/core/escalation/escalation';
import { DAY, HistoryBuilder, fixtureVocabulary } from './support';

const vocabulary = fixtureVocabulary();
const open = { priority: { value: 100, name: 'Unbreak Now!' }, status: { value: 'open', name: 'Open' } };

describe('a task merged into another', () => {
  it('filed as UBN!, merged, reopened: escalated twice, closed by the merge in between', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 100)
      .mergedInto(1 * DAY, 'bob')
      .status(3 * DAY, 'alice', 'duplicate', 'open');
    const escalation = readEscalation(h.newestFirst(), vocabulary, open);
    expect(escalation.current).toMatchObject({ cause: 'reopened', at: h.t0 + 3 * DAY });
    expect(escalation.recurrence).toBe(2);
    expect(escalation.closings).toEqual([expect.objectContaining({ at: h.t0 + 1 * DAY, to: 'duplicate' })]);
  });

  it('merged and not reopened: no longer an open UBN!, ended by the merge', () => {
    const h = new HistoryBuilder().create(0, 'erin', 100).mergedInto(2 * DAY, 'bob');
    const escalation = readEscalation(h.newestFirst(), vocabulary, {
      ...open,
      status: { value: 'duplicate', name: 'Duplicate' },
    });
    expect(escalation.current).toBeNull();
    expect(escalation.recurrence).toBe(1);
  });

  it('on an instance that renamed its duplicate status, the merge closes the task all the same', () => {
    const renamed = {
      ...vocabulary,
      statuses: vocabulary.statuses.map((s) =>
        s.value === 'duplicate' ? { ...s, value: 'dupe', name: 'Dupe', special: 'duplicate' } : s,
      ),
    };
    const h = new HistoryBuilder()
      .create(0, 'erin', 100)
      .mergedInto(1 * DAY, 'bob')
      .status(3 * DAY, 'alice', 'dupe', 'open');
    expect(readEscalation(h.newestFirst(), renamed, open).recurrence).toBe(2);
  });
});
