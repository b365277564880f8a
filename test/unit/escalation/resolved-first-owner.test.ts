// The review page's "time to first process owner" of a resolved UBN!: the earliest declaration as the
// comments read now. A comment posted early and edited later to declare someone counts from its edit,
// so a declaration posted in between came first.
import { describe, expect, it } from 'vitest';
import { resolvedTask } from '../../../src/core/escalation/resolved-weeks';
import type { TaskSnapshot } from '../../../src/core/model';
import { DAY, HOUR, HistoryBuilder, fixtureVocabulary } from './support';

const vocabulary = fixtureVocabulary();
const closed = vocabulary.statuses.find((s) => s.closed)!;
const snapshot: TaskSnapshot = {
  id: 1,
  phid: 'PHID-TASK-1',
  title: 'Task 1',
  status: { value: closed.value, name: closed.name },
  priority: { value: 100, name: 'Unbreak Now!' },
  ownerPHID: null,
  authorPHID: 'PHID-USER-x',
  dateCreated: 0,
  dateModified: 0,
  dateClosed: null,
  projectPHIDs: [],
  subscriberPHIDs: [],
};

describe('time to first process owner with an edited comment', () => {
  it('is the earliest declaration, not the first-posted comment that declares now', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 50)
      .priority(DAY, 'alice', 50, 100)
      // Posted at +1 h without a declaration, edited at +5 h to add one.
      .comment(DAY + HOUR, 'alice', 'Looking into it.', [
        [DAY + 5 * HOUR, 'Looking into it.\nProcess owner: @carol'],
      ])
      .comment(DAY + 3 * HOUR, 'alice', 'Process owner: @bob')
      .status(3 * DAY, 'bob', 'open', closed.value);
    const task = resolvedTask(snapshot, h.newestFirst(), vocabulary)!;
    expect(task.toFirstOwner).toBe(3 * HOUR);
  });
});
