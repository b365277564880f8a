// Time to first process owner and time to resolution per week, for UBN!s closed in the last 12 weeks.
import { describe, expect, it } from 'vitest';
import { resolvedTask, resolvedWeeks, weekStart } from '../../../src/core/escalation/resolved-weeks';
import type { TaskSnapshot } from '../../../src/core/model';
import { DAY, HOUR, HistoryBuilder, fixtureVocabulary } from './support';

const vocabulary = fixtureVocabulary();
const closedStatus = vocabulary.statuses.find((s) => s.closed)!;

function snapshot(id: number, closed: boolean): TaskSnapshot {
  return {
    id,
    phid: `PHID-TASK-${id}`,
    title: `Task ${id}`,
    status: closed ? { value: closedStatus.value, name: closedStatus.name } : { value: 'open', name: 'Open' },
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

describe('resolved UBN! tasks per week', () => {
  it('weeks start on Monday 00:00 UTC', () => {
    // 2026-12-02 is a Wednesday.
    expect(new Date(weekStart(Date.UTC(2026, 11, 2, 15) / 1000) * 1000).toISOString()).toBe(
      '2026-11-30T00:00:00.000Z',
    );
  });

  it('measures from the last escalation to the first declaration and to the close', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 50)
      .priority(DAY, 'alice', 50, 100)
      .comment(DAY + 3 * HOUR, 'alice', 'Process owner: @bob')
      .comment(DAY + 5 * HOUR, 'alice', 'Process owner: @carol')
      .status(3 * DAY, 'bob', 'open', closedStatus.value);
    const task = resolvedTask(snapshot(1, true), h.newestFirst(), vocabulary)!;
    expect(task).toMatchObject({ toFirstOwner: 3 * HOUR, toResolution: 2 * DAY, resolvedAt: h.t0 + 3 * DAY });
  });

  it('an open UBN! is not resolved; a never-owned one counts as such', () => {
    const open = new HistoryBuilder().create(0, 'erin', 100);
    expect(resolvedTask(snapshot(2, false), open.newestFirst(), vocabulary)).toBeNull();
    const never = new HistoryBuilder().create(0, 'erin', 100).status(DAY, 'bob', 'open', closedStatus.value);
    expect(resolvedTask(snapshot(3, true), never.newestFirst(), vocabulary)?.toFirstOwner).toBeNull();
  });

  it('lists all 12 weeks, oldest first, with medians', () => {
    const now = Date.UTC(2026, 11, 2, 12) / 1000;
    const thisWeek = weekStart(now);
    const weeks = resolvedWeeks(
      [
        {
          id: 1,
          title: '',
          escalatedAt: 0,
          resolvedAt: thisWeek + HOUR,
          toFirstOwner: HOUR,
          toResolution: DAY,
        },
        {
          id: 2,
          title: '',
          escalatedAt: 0,
          resolvedAt: thisWeek + 2 * HOUR,
          toFirstOwner: 3 * HOUR,
          toResolution: 3 * DAY,
        },
        {
          id: 3,
          title: '',
          escalatedAt: 0,
          resolvedAt: thisWeek + 3 * HOUR,
          toFirstOwner: null,
          toResolution: 5 * DAY,
        },
        {
          id: 4,
          title: '',
          escalatedAt: 0,
          resolvedAt: thisWeek - 11 * 7 * DAY,
          toFirstOwner: null,
          toResolution: DAY,
        },
        {
          id: 5,
          title: '',
          escalatedAt: 0,
          resolvedAt: thisWeek - 12 * 7 * DAY,
          toFirstOwner: null,
          toResolution: DAY,
        },
      ],
      now,
    );
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toMatchObject({ weekStart: thisWeek - 11 * 7 * DAY, resolved: 1, neverOwned: 1 });
    expect(weeks[11]).toEqual({
      weekStart: thisWeek,
      resolved: 3,
      neverOwned: 1,
      medianToFirstOwner: 2 * HOUR,
      medianToResolution: 3 * DAY,
    });
    expect(weeks[5]).toMatchObject({ resolved: 0, medianToResolution: null });
  });

  it('times the first process owner from the earliest declaration, an older comment edited to declare counting from its edit', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 50)
      .priority(DAY, 'alice', 50, 100)
      // Posted at +1 h without a declaration, edited at +5 h to add one.
      .comment(DAY + HOUR, 'alice', 'Looking into it.', [
        [DAY + 5 * HOUR, 'Looking into it.\nProcess owner: @carol'],
      ])
      .comment(DAY + 3 * HOUR, 'alice', 'Process owner: @bob')
      .status(3 * DAY, 'bob', 'open', closedStatus.value);
    const task = resolvedTask(snapshot(1, true), h.newestFirst(), vocabulary)!;
    expect(task.toFirstOwner).toBe(3 * HOUR);
  });
});
