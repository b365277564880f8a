// Escalation edges built by hand: re-escalation, closing and reopening, instance vocabularies,
// older Phabricator shapes and histories out of order.
import { describe, expect, it } from 'vitest';
import type { InstanceVocabulary, TaskTransaction } from '../../../src/core/model';
import { escalationAge, readEscalation } from '../../../src/core/escalation/escalation';
import { DAY, HOUR, HistoryBuilder, fixtureVocabulary } from './support';

const vocabulary = fixtureVocabulary();

describe('escalation edges', () => {
  it('a task filed as UBN! is escalated at its creation', () => {
    const h = new HistoryBuilder().create(0, 'carol', 100);
    const escalation = readEscalation(h.newestFirst(), vocabulary);
    expect(escalation.current).toMatchObject({
      cause: 'created',
      at: h.t0,
      fromPriority: 90,
      inferred: false,
    });
    expect(escalationAge(escalation, h.t0 + 3 * HOUR)).toBe(3 * HOUR);
  });

  it('a task created as UBN! on an instance that records no priority transaction is escalated at creation', () => {
    const h = new HistoryBuilder().create(0, 'carol').comment(HOUR, 'bob', 'looking');
    const snapshot = {
      priority: { value: 100, name: 'Unbreak Now!' },
      status: { value: 'open', name: 'Open' },
    };
    const escalation = readEscalation(h.newestFirst(), vocabulary, snapshot);
    expect(escalation.current).toMatchObject({ cause: 'created', at: h.t0, inferred: true });
    expect(escalation.recurrence).toBe(1);
  });

  it('lowered and raised again: the newest raise counts and recurrence is 2', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 50)
      .priority(1 * DAY, 'alice', 50, 100)
      .priority(2 * DAY, 'alice', 100, 80)
      .priority(5 * DAY, 'bob', 80, 100);
    const escalation = readEscalation(h.newestFirst(), vocabulary);
    expect(escalation.recurrence).toBe(2);
    expect(escalation.escalations.map((e) => e.at - h.t0)).toEqual([1 * DAY, 5 * DAY]);
    expect(escalation.current).toMatchObject({ cause: 'raised', fromPriority: 80 });
    expect(escalation.lowerings).toHaveLength(1);
    expect(escalationAge(escalation, h.t0 + 6 * DAY)).toBe(1 * DAY);
  });

  it('a move between two other priorities is not an escalation', () => {
    const h = new HistoryBuilder().create(0, 'erin', 25).priority(DAY, 'bob', 25, 80);
    expect(readEscalation(h.build(), vocabulary)).toMatchObject({
      recurrence: 0,
      active: false,
      priority: 80,
    });
  });

  it('closed while UBN!: no age; reopened: a new escalation from the reopening', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 100)
      .status(2 * DAY, 'bob', 'open', 'resolved')
      .status(10 * DAY, 'alice', 'resolved', 'open');
    const closed = readEscalation(h.build().slice(0, -1), vocabulary);
    expect(closed).toMatchObject({ active: false, open: false, recurrence: 1 });
    expect(escalationAge(closed, h.t0 + 3 * DAY)).toBeNull();

    const reopened = readEscalation(h.build(), vocabulary);
    expect(reopened.recurrence).toBe(2);
    expect(reopened.current).toMatchObject({ cause: 'reopened', at: h.t0 + 10 * DAY });
    expect(reopened.reopenings).toHaveLength(1);
    expect(escalationAge(reopened, h.t0 + 10 * DAY + 4 * HOUR)).toBe(4 * HOUR);
  });

  it('raised while closed only escalates when reopened', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 50)
      .status(DAY, 'bob', 'open', 'wontfix')
      .priority(2 * DAY, 'alice', 50, 100)
      .status(3 * DAY, 'alice', 'wontfix', 'open');
    const escalation = readEscalation(h.build(), vocabulary);
    expect(escalation.escalations).toEqual([
      expect.objectContaining({ cause: 'reopened', at: h.t0 + 3 * DAY }),
    ]);
  });

  it('moving between two closed statuses is neither a closing nor a reopening', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 100)
      .status(DAY, 'bob', 'open', 'resolved')
      .status(2 * DAY, 'bob', 'resolved', 'duplicate');
    const escalation = readEscalation(h.build(), vocabulary);
    expect(escalation.closings).toHaveLength(1);
    expect(escalation.reopenings).toHaveLength(0);
    expect(escalation.active).toBe(false);
  });

  it("closed-ness comes from the instance's status list, including renamed and custom statuses", () => {
    const custom: InstanceVocabulary = {
      priorities: [
        { value: 100, name: 'Unbreak Now!', keywords: ['unbreak'] },
        { value: 90, name: 'Needs Triage', keywords: ['triage'] },
        { value: 50, name: 'Medium', keywords: ['medium'] },
      ],
      statuses: [
        { value: 'open', name: 'Open', closed: false },
        { value: 'stalled', name: 'Stalled', closed: false },
        { value: 'declined', name: 'Declined', closed: true },
      ],
    };
    const stalled = new HistoryBuilder().create(0, 'erin', 100).status(DAY, 'bob', 'open', 'stalled');
    expect(readEscalation(stalled.build(), custom).active).toBe(true);
    const declined = new HistoryBuilder().create(0, 'erin', 100).status(DAY, 'bob', 'open', 'declined');
    expect(readEscalation(declined.build(), custom).active).toBe(false);
    // The fixture instance does not know "declined": an unknown status is treated as open.
    expect(readEscalation(declined.build(), vocabulary).active).toBe(true);
  });

  it('the order Conduit returns does not matter', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 50)
      .priority(DAY, 'alice', 50, 100)
      .priority(2 * DAY, 'alice', 100, 50)
      .priority(3 * DAY, 'alice', 50, 100);
    const shuffled = [...h.build()].sort((a, b) => (a.phid < b.phid ? 1 : -1)).reverse();
    shuffled.push(shuffled.shift() as TaskTransaction);
    expect(readEscalation(shuffled, vocabulary)).toEqual(readEscalation(h.newestFirst(), vocabulary));
  });

  it('reads legacy priority values given as plain numbers and ignores typeless transactions', () => {
    const h = new HistoryBuilder().create(0, 'erin').touch(HOUR, 'bob');
    const legacy: TaskTransaction = {
      ...h.build()[0]!,
      id: 99,
      type: 'priority',
      dateCreated: h.t0 + DAY,
      fields: { old: 50, new: '100' },
    };
    const escalation = readEscalation([...h.build(), legacy], vocabulary);
    expect(escalation.current).toMatchObject({ at: h.t0 + DAY, fromPriority: 50 });
  });

  it('malformed priority fields are skipped instead of crashing', () => {
    const h = new HistoryBuilder().create(0, 'erin', 50);
    const broken: TaskTransaction = {
      ...h.build()[0]!,
      id: 50,
      type: 'priority',
      fields: { old: 'x', new: { nope: 1 } },
    };
    expect(readEscalation([...h.build(), broken], vocabulary).priority).toBe(50);
  });

  it('a snapshot newer than the history wins: raised since, or closed since', () => {
    const h = new HistoryBuilder().create(0, 'erin', 50);
    const raised = readEscalation(h.build(), vocabulary, {
      priority: { value: 100, name: 'Unbreak Now!' },
      status: { value: 'open', name: 'Open' },
      dateModified: h.t0 + DAY,
    });
    expect(raised.current).toMatchObject({ at: h.t0 + DAY, inferred: true });

    const ubn = new HistoryBuilder().create(0, 'erin', 100);
    const closed = readEscalation(ubn.build(), vocabulary, {
      priority: { value: 100, name: 'Unbreak Now!' },
      status: { value: 'resolved', name: 'Resolved' },
      dateModified: ubn.t0 + DAY,
    });
    expect(closed).toMatchObject({ active: false, current: null });
    expect(closed.endedAt?.at).toBe(ubn.t0 + DAY);
  });

  it('an empty history with no snapshot is simply not escalated', () => {
    expect(readEscalation([], vocabulary)).toMatchObject({ active: false, recurrence: 0, priority: null });
  });
});
