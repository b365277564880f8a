// The escalation timeline: who held the process owner role when, every comment and edit as a tick,
// earlier escalations and today's thresholds, read from the same rules the banner's words come from.
import { describe, expect, it } from 'vitest';
import { assessTask } from '../../../src/core/escalation/assess';
import { buildTimeline } from '../../../src/core/escalation/timeline';
import type { TaskTransaction } from '../../../src/core/model';
import { DAY, HOUR, HistoryBuilder, PHID, fixtureVocabulary, userMap } from './support';

const vocabulary = fixtureVocabulary();
const users = userMap();

function timelineOf(history: TaskTransaction[], now: number, maxTicks?: number) {
  const assessment = assessTask({ history, vocabulary, users, now });
  return buildTimeline({ history, assessment, users, now, ...(maxTicks ? { maxTicks } : {}) });
}

/** Filed at t0, raised to UBN! a day later by alice. */
function escalated(): HistoryBuilder {
  return new HistoryBuilder().create(0, 'erin', 50).priority(DAY, 'alice', 50, 100);
}

describe('escalation timeline', () => {
  it('a task busy for a week with no process owner is one "no process owner" stretch full of ticks', () => {
    const h = escalated();
    for (let day = 1; day <= 7; day++)
      h.comment(DAY + day * DAY - HOUR, day % 2 ? 'bob' : 'carol', 'Still seeing it');
    h.owner(DAY + 2 * HOUR, 'dave', null, PHID.dave);
    const now = h.t0 + 8 * DAY + 12 * HOUR;
    const timeline = timelineOf(h.newestFirst(), now)!;
    expect(timeline.start).toBe(h.t0 + DAY);
    expect(timeline.end).toBe(now);
    expect(timeline.running).toBe(true);
    // An assignee is not a process owner: the whole strip is one stretch.
    expect(timeline.segments).toEqual([{ kind: 'none', start: h.t0 + DAY, end: now, who: null }]);
    expect(timeline.ticks.filter((t) => t.kind === 'comment')).toHaveLength(7);
    expect(timeline.ticks.map((t) => t.author)).toContain('bob');
    expect(timeline.ticks[0]).toMatchObject({
      at: h.t0 + DAY,
      author: 'alice',
      kind: 'edit',
      type: 'priority',
    });
    expect(timeline.thresholds.map((t) => [t.label, t.at - timeline.start, t.reached])).toEqual([
      ['2h', 2 * HOUR, true],
      ['3d', 3 * DAY, true],
      ['7d', 7 * DAY, true],
    ]);
  });

  it('a declaration whose comment was touched up later counts from when it was posted, as the words say', () => {
    // Alice added a link to her declaration 4 hours after posting it; Bob had answered in between.
    const h = escalated()
      .comment(DAY + HOUR, 'alice', 'Process owner: @bob', [
        [DAY + 5 * HOUR, 'Process owner: @bob (see [[ https://wiki.example/po | the role ]])'],
      ])
      .comment(DAY + 2 * HOUR, 'bob', 'On it');
    const now = h.t0 + DAY + 6 * HOUR;
    const history = h.newestFirst();
    const assessment = assessTask({ history, vocabulary, users, now });
    expect(assessment.owner).toMatchObject({ state: 'acknowledged', inChargeSince: h.t0 + DAY + HOUR });
    const timeline = buildTimeline({ history, assessment, users, now })!;
    const at = (s: number) => h.t0 + s;
    expect(timeline.segments).toEqual([
      { kind: 'none', start: at(DAY), end: at(DAY + HOUR), who: null },
      { kind: 'declared', start: at(DAY + HOUR), end: at(DAY + 2 * HOUR), who: 'bob' },
      { kind: 'acknowledged', start: at(DAY + 2 * HOUR), end: now, who: 'bob' },
    ]);
  });

  it('declared, then acknowledged, then released: one segment each, with who', () => {
    const h = escalated()
      .comment(DAY + 3 * HOUR, 'alice', 'Process owner: @bob')
      .comment(DAY + 5 * HOUR, 'bob', 'On it')
      .comment(DAY + 9 * HOUR, 'bob', 'Process owner: none');
    const now = h.t0 + 2 * DAY;
    const timeline = timelineOf(h.newestFirst(), now)!;
    const at = (s: number) => h.t0 + s;
    expect(timeline.segments).toEqual([
      { kind: 'none', start: at(DAY), end: at(DAY + 3 * HOUR), who: null },
      { kind: 'declared', start: at(DAY + 3 * HOUR), end: at(DAY + 5 * HOUR), who: 'bob' },
      { kind: 'acknowledged', start: at(DAY + 5 * HOUR), end: at(DAY + 9 * HOUR), who: 'bob' },
      { kind: 'released', start: at(DAY + 9 * HOUR), end: now, who: 'bob' },
    ]);
    // Thresholds not yet reached are still given, marked so.
    expect(timeline.thresholds.filter((t) => !t.reached).map((t) => t.label)).toEqual(['3d', '7d']);
  });

  it('the last stretch agrees with the assessment (self-declaration is acknowledgement)', () => {
    const h = escalated().comment(DAY + HOUR, 'carol', 'Process owner: @carol');
    const history = h.newestFirst();
    const now = h.t0 + 3 * DAY;
    const assessment = assessTask({ history, vocabulary, users, now });
    const timeline = buildTimeline({ history, assessment, users, now })!;
    expect(assessment.owner.state).toBe('acknowledged');
    expect(timeline.segments.at(-1)).toMatchObject({ kind: 'acknowledged', who: 'carol', end: now });
  });

  it('marks earlier escalations with when they stopped', () => {
    const h = escalated()
      .priority(2 * DAY, 'bob', 100, 80)
      .priority(10 * DAY, 'alice', 80, 100);
    const now = h.t0 + 11 * DAY;
    const timeline = timelineOf(h.newestFirst(), now)!;
    expect(timeline.start).toBe(h.t0 + 10 * DAY);
    expect(timeline.earlier).toEqual([{ at: h.t0 + DAY, until: h.t0 + 2 * DAY }]);
  });

  it('a closed task ends its strip at the close and is not running', () => {
    const h = escalated().status(3 * DAY, 'bob', 'open', 'resolved');
    const timeline = timelineOf(h.newestFirst(), h.t0 + 20 * DAY)!;
    expect(timeline.running).toBe(false);
    expect(timeline.end).toBe(h.t0 + 3 * DAY);
  });

  it('keeps the newest ticks of a very long history and counts the rest', () => {
    const h = escalated();
    for (let i = 1; i <= 50; i++) h.touch(DAY + i * 60, 'dave');
    const timeline = timelineOf(h.newestFirst(), h.t0 + 2 * DAY, 20)!;
    expect(timeline.ticks).toHaveLength(20);
    expect(timeline.omittedTicks).toBe(31);
    expect(timeline.ticks.at(-1)?.at).toBe(h.t0 + DAY + 50 * 60);
  });

  it('has nothing to draw for a task that was never UBN!', () => {
    const h = new HistoryBuilder().create(0, 'erin', 50).comment(HOUR, 'bob', 'hi');
    expect(timelineOf(h.newestFirst(), h.t0 + DAY)).toBeNull();
  });

  it('an acknowledgement that comes after the next declaration does not belong to the earlier one', () => {
    const h = escalated()
      .comment(DAY + HOUR, 'alice', 'Process owner: @bob')
      .comment(DAY + 2 * HOUR, 'alice', 'Process owner: @carol')
      .comment(DAY + 3 * HOUR, 'bob', 'Sorry, was away');
    const now = h.t0 + 2 * DAY;
    const timeline = timelineOf(h.newestFirst(), now)!;
    expect(timeline.segments.map((s) => [s.kind, s.who])).toEqual([
      ['none', null],
      ['declared', 'bob'],
      ['declared', 'carol'],
    ]);
  });

  it('a mention of the task elsewhere (a typeless transaction) is no acknowledgement on the strip', () => {
    const h = escalated()
      .comment(DAY + HOUR, 'alice', 'Process owner: @bob')
      .typeless(DAY + 2 * HOUR, 'bob');
    const timeline = timelineOf(h.newestFirst(), h.t0 + 2 * DAY)!;
    expect(timeline.segments.map((s) => s.kind)).toEqual(['none', 'declared']);
  });

  it('a declaration naming no account is drawn as no process owner, as rule 1 reads it', () => {
    const h = escalated().comment(DAY + HOUR, 'alice', 'Process owner: @ghost');
    const timeline = timelineOf(h.newestFirst(), h.t0 + 2 * DAY)!;
    expect(timeline.segments.map((s) => s.kind)).toEqual(['none']);
  });

  it('grows linearly with the number of declarations (1×, 10×, 100×)', () => {
    // The work is counted as reads of the transactions' properties, the same on any machine.
    const reads = (declarations: number): number => {
      const h = escalated();
      const people = ['bob', 'carol', 'dave'] as const;
      for (let i = 0; i < declarations; i++) {
        const who = people[i % people.length]!;
        h.comment(DAY + i * 600, 'alice', `Process owner: @${who}`);
        h.comment(DAY + i * 600 + 300, who, 'On it');
      }
      const history = h.newestFirst();
      const now = h.t0 + DAY + declarations * 600 + DAY;
      const assessment = assessTask({ history, vocabulary, users, now });
      let count = 0;
      const counted = history.map(
        (tx) =>
          new Proxy(tx, {
            get(target, key, receiver) {
              count += 1;
              return Reflect.get(target, key, receiver) as unknown;
            },
          }),
      );
      const timeline = buildTimeline({ history: counted, assessment, users, now })!;
      expect(timeline.segments.length).toBeGreaterThanOrEqual(declarations);
      return count;
    };
    const one = reads(10);
    const ten = reads(100);
    const hundred = reads(1000);
    // Linear: about 10× and 100× the work. The per-declaration replay this replaces was about 100× and 10,000×.
    expect(ten / one).toBeLessThan(15);
    expect(hundred / one).toBeLessThan(150);
  });
});
