// The "Resolved, last 12 weeks" numbers (src/core/escalation/resolved-weeks.ts): a declaration edited
// later counts from when it was posted; a UBN! lowered before it was closed is not counted.
import { describe, expect, it } from 'vitest';
import { resolvedTask, resolvedWeeks } from '../../../src/core/escalation/resolved-weeks';
import type { TaskSnapshot } from '../../../src/core/model';
import { DAY, HOUR, HistoryBuilder, fixtureVocabulary } from './support';

const vocabulary = fixtureVocabulary();
const resolved = vocabulary.statuses.find((s) => s.value === 'resolved')!;

function closedUbn(id: number): TaskSnapshot {
  return {
    id,
    phid: `PHID-TASK-${id}`,
    title: `Task ${id}`,
    status: { value: resolved.value, name: resolved.name },
    priority: { value: 100, name: 'Unbreak Now!' },
    ownerPHID: null,
    authorPHID: 'PHID-USER-x',
    dateCreated: 0,
    dateModified: 0,
    dateClosed: null,
    projectPHIDs: [],
    subscriberPHIDs: [],
  };
}

describe('resolved UBN! weeks (review)', () => {
  it('a declaration comment edited after the close (a typo fixed, a link added) still counts as owned, from when it was posted', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 50)
      .priority(DAY, 'alice', 50, 100)
      // bob declared 3 h after the escalation; a week after the close he adds the fix's revision.
      .comment(DAY + 3 * HOUR, 'bob', 'Process owner: @bob', [
        [10 * DAY, 'Process owner: @bob\nFixed by D123.'],
      ])
      .status(3 * DAY, 'bob', 'open', resolved.value);
    const task = resolvedTask(closedUbn(1), h.newestFirst(), vocabulary)!;
    expect(task).not.toBeNull();
    // What the weekly review shows: "first owner after 3 hours", not "never".
    expect(task.toFirstOwner).toBe(3 * HOUR);
    const weeks = resolvedWeeks([task], h.t0 + 4 * DAY);
    expect(weeks.at(-1)).toMatchObject({ resolved: 1, neverOwned: 0, medianToFirstOwner: 3 * HOUR });
  });

  it('a UBN! lowered before it was closed is not counted, even if its priority is set back to UBN! while closed', () => {
    // README: "UBN! tasks lowered before they were closed are not counted". The worker's search finds it
    // (closed, priority 100 now), so resolvedTask itself must leave it out.
    const h = new HistoryBuilder()
      .create(0, 'erin', 100)
      .priority(DAY, 'alice', 100, 80)
      .status(5 * DAY, 'alice', 'open', resolved.value)
      .priority(6 * DAY, 'carol', 80, 100);
    expect(resolvedTask(closedUbn(2), h.newestFirst(), vocabulary)).toBeNull();
  });
});
