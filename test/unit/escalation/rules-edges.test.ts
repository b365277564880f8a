// The rules of DESIGN.md's glossary at their edges: a declaration whose comment is edited around it, a
// declaration in the same second as the escalation, a task summary read before its history, and the
// rules that hold (raised again, thresholds, assignee changes). Each test quotes the sentence it checks.
import { describe, expect, it } from 'vitest';
import { assessTask } from '../../../src/core/escalation/assess';
import { readEscalation } from '../../../src/core/escalation/escalation';
import { resolveProcessOwner } from '../../../src/core/escalation/process-owner';
import type { TaskTransaction } from '../../../src/core/model';
import { DAY, HOUR, HistoryBuilder, PHID, fixtureVocabulary, userMap } from './support';

const vocabulary = fixtureVocabulary();
const users = userMap();
const ESC = DAY;

function escalated(): HistoryBuilder {
  return new HistoryBuilder().create(0, 'erin', 50).priority(ESC, 'alice', 50, 100);
}

function assess(history: TaskTransaction[], now: number) {
  return assessTask({ history, vocabulary, users, now });
}

describe('acknowledgement survives a typo fix in the declaring comment', () => {
  // DESIGN glossary: "acknowledged: the declared process owner has authored any transaction on the
  // task after the declaration." README (resolved weeks): "a declaration edited later, a typo fixed
  // or a link added ..., counts from when it was posted".
  it('bob declared by alice, bob acts, alice fixes a typo in her comment: bob is still acknowledged', () => {
    const h = escalated()
      .comment(ESC + HOUR, 'alice', 'Process owner: @bob\nPlease coordinate with relase engineering.', [
        [ESC + 3 * HOUR, 'Process owner: @bob\nPlease coordinate with release engineering.'],
      ])
      .comment(ESC + 2 * HOUR, 'bob', 'On it, talking to the CentralAuth folks now.');
    const a = assess(h.newestFirst(), h.t0 + ESC + 8 * HOUR);
    expect(a.owner.username).toBe('bob');
    // The person did not change; the declaration was posted at ESC + 1 h and bob answered at ESC + 2 h.
    expect(a.owner.state).toBe('acknowledged');
    expect(a.findings.filter((f) => f.rule === 'not-acknowledged')).toEqual([]);
  });

  it('the same typo fix does not move when bob took charge (no second rule-4 reminder for the same person)', () => {
    const h = escalated()
      .comment(ESC + HOUR, 'alice', 'Process owner: @bob\nThx', [
        [ESC + 3 * HOUR, 'Process owner: @bob\nThanks'],
      ])
      .comment(ESC + 2 * HOUR, 'bob', 'On it.');
    const a = assess(h.newestFirst(), h.t0 + ESC + 8 * HOUR);
    expect(a.owner.declaration?.at).toBe(h.t0 + ESC + HOUR);
  });
});

describe('a declaration must be posted after the escalation (same second, earlier transaction)', () => {
  // DESIGN glossary: "declared: ... by a comment with a line `Process owner: @username` posted after
  // the escalation". transactions.ts: "time first, then transaction id, so same-second edits keep their order".
  it('a separate edit posted just before the raise, in the same second, does not declare', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 50)
      // Two separate edits in one second: a (stale) declaration, then carol raises to UBN!.
      .comment(ESC, 'alice', 'Process owner: @bob')
      .priority(ESC, 'carol', 50, 100);
    const history = h.newestFirst();
    const escalation = readEscalation(history, vocabulary);
    expect(escalation.current).not.toBeNull();
    const owner = resolveProcessOwner({ history, since: escalation.current, users });
    expect(owner.declaration).toBeNull();
  });
});

describe('a snapshot read before the history is not a new escalation', () => {
  // DESIGN glossary: "escalation age: ... Activity on the task never resets it." The poll reads
  // maniphest.search first and the histories afterwards, so a history can be newer than the snapshot.
  it('snapshot (UBN!, modified by a comment) older than a history that ends with a lowering', () => {
    const h = escalated()
      .comment(ESC + 2 * DAY, 'bob', 'still broken')
      .priority(ESC + 2 * DAY + 60, 'alice', 100, 50);
    const history = h.newestFirst();
    const snapshot = {
      priority: { value: 100, name: 'Unbreak Now!' },
      status: { value: 'open', name: 'Open' },
      // the search ran between bob's comment and alice's lowering
      dateModified: h.t0 + ESC + 2 * DAY,
    };
    const escalation = readEscalation(history, vocabulary, snapshot);
    // Either the task is seen as lowered (the newer information), or, if the snapshot is trusted, the
    // escalation it is in is the one raised at ESC, never a new one at the time of bob's comment.
    if (escalation.current !== null) expect(escalation.current.at).toBe(h.t0 + ESC);
    expect(escalation.recurrence).toBe(1);
  });
});

describe('escalation rules at their edges', () => {
  it('raised, lowered, raised again: age restarts from the newest raise', () => {
    const h = escalated()
      .priority(ESC + DAY, 'alice', 100, 80)
      .priority(ESC + 2 * DAY, 'bob', 80, 100);
    const a = assess(h.newestFirst(), h.t0 + ESC + 2 * DAY + HOUR);
    expect(a.ageSeconds).toBe(HOUR);
    expect(a.escalation.recurrence).toBe(2);
  });

  it('thresholds fire at the exact boundary (>=)', () => {
    const h = escalated();
    const at = (s: number) => assess(h.newestFirst(), h.t0 + ESC + s).findings.map((f) => f.rule);
    expect(at(2 * HOUR - 1)).not.toContain('no-process-owner');
    expect(at(2 * HOUR)).toContain('no-process-owner');
    expect(at(3 * DAY - 1)).not.toContain('escalation-age');
    expect(at(3 * DAY)).toContain('escalation-age');
  });

  it('an assignee change after a declaration does not change the process owner', () => {
    const h = escalated()
      .comment(ESC + HOUR, 'alice', 'Process owner: @bob')
      .owner(ESC + 2 * HOUR, 'carol', null, PHID.carol);
    const a = assess(h.newestFirst(), h.t0 + ESC + 3 * HOUR);
    expect(a.owner.username).toBe('bob');
    expect(a.owner.assignee.phid).toBe(PHID.carol);
  });
});
