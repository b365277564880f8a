// Process owner: declarations posted since the escalation, acknowledgement, and the assignee as a
// fallback, on the captured histories and on hand-built ones.
import { describe, expect, it } from 'vitest';
import { readEscalation } from '../../../src/core/escalation/escalation';
import { resolveProcessOwner } from '../../../src/core/escalation/process-owner';
import type { TaskTransaction } from '../../../src/core/model';
import { DAY, HOUR, HistoryBuilder, PHID, fixtureHistory, fixtureVocabulary, userMap } from './support';

const vocabulary = fixtureVocabulary();
const users = userMap();

function ownerOf(history: TaskTransaction[], currentOwnerPHID?: string | null) {
  const escalation = readEscalation(history, vocabulary);
  return resolveProcessOwner({
    history,
    since: escalation.current ?? escalation.latest,
    users,
    ...(currentOwnerPHID !== undefined ? { currentOwnerPHID } : {}),
  });
}

/** A task escalated at t0 + 1 day, assigned to nobody. */
function escalated(): HistoryBuilder {
  return new HistoryBuilder().create(0, 'erin', 50).priority(DAY, 'alice', 50, 100);
}
const AFTER = DAY + HOUR;

describe('process owner on the captured histories', () => {
  it.each([
    { task: 'T1', state: 'none', username: null },
    { task: 'T14', state: 'none', username: null },
    { task: 'T6', state: 'assignee', username: 'bob' },
    { task: 'T7', state: 'assignee', username: 'dave' },
    { task: 'T11', state: 'assignee', username: 'carol' },
    { task: 'T15', state: 'assignee', username: 'alice' },
    { task: 'T16', state: 'assignee', username: 'erin' },
  ])('$task: $state $username (no declarations were seeded)', ({ task, state, username }) => {
    const owner = ownerOf(fixtureHistory(task));
    expect(owner.state).toBe(state);
    expect(owner.username).toBe(username);
    expect(owner.declaration).toBeNull();
  });

  it('T6 follows the reassignment from alice to bob', () => {
    const owner = ownerOf(fixtureHistory('T6'));
    expect(owner.assignee.phid).toBe(PHID.bob);
    expect(owner.assignee.since?.at).toBe(1795700668 - 10 * DAY);
    expect(owner.lastActivityAt).toBe(1795700668 - 2 * DAY);
  });
});

describe('declarations', () => {
  it('a declaration after the escalation names the process owner', () => {
    const h = escalated().comment(AFTER, 'alice', 'Process owner: @bob');
    const owner = ownerOf(h.newestFirst());
    expect(owner).toMatchObject({ state: 'declared', username: 'bob', phid: PHID.bob });
    expect(owner.declaration).toMatchObject({ at: h.t0 + AFTER, byPHID: PHID.alice, username: 'bob' });
    expect(owner.inChargeSince).toBe(h.t0 + AFTER);
  });

  it('a declaration in the same edit as the escalation counts', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 50)
      .priority(DAY, 'alice', 50, 100)
      .comment(DAY, 'alice', 'Process owner: @bob');
    expect(ownerOf(h.build()).state).toBe('declared');
  });

  it('a declaration made before the current escalation does not carry over', () => {
    const h = escalated()
      .comment(AFTER, 'alice', 'Process owner: @bob')
      .priority(2 * DAY, 'alice', 100, 50)
      .priority(5 * DAY, 'carol', 50, 100);
    expect(ownerOf(h.build()).state).toBe('none');
  });

  it('the newest declaration wins', () => {
    const h = escalated()
      .comment(AFTER, 'alice', 'Process owner: @bob')
      .comment(AFTER + HOUR, 'bob', 'Process owner: @carol');
    expect(ownerOf(h.build()).username).toBe('carol');
  });

  it('"Process owner: none" releases, leaving the assignee as a fallback', () => {
    const h = escalated()
      .owner(AFTER, 'alice', null, PHID.erin)
      .comment(AFTER, 'alice', 'Process owner: @bob')
      .comment(AFTER + HOUR, 'bob', 'Process owner: none');
    const owner = ownerOf(h.build());
    expect(owner).toMatchObject({ state: 'assignee', username: 'erin', declaration: null });
    expect(owner.release).toMatchObject({ at: h.t0 + AFTER + HOUR, byPHID: PHID.bob });
    expect(owner.release?.byUser?.username).toBe('bob');
  });

  it('an edited comment counts with its latest text, from the time of the edit', () => {
    const h = escalated().comment(AFTER, 'alice', 'Process owner: @bob', [
      [AFTER + 2 * HOUR, 'Process owner: @carol'],
    ]);
    const owner = ownerOf(h.build());
    expect(owner.username).toBe('carol');
    expect(owner.declaration?.at).toBe(h.t0 + AFTER + 2 * HOUR);
  });

  it('an edit that removes the declaration line withdraws it', () => {
    const h = escalated().comment(AFTER, 'alice', 'Process owner: @bob', [[AFTER + HOUR, 'Never mind.']]);
    expect(ownerOf(h.build()).state).toBe('none');
  });

  it('a comment written before the escalation and edited after it to declare counts', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 50)
      .comment(HOUR, 'alice', 'Looking.', [[DAY + HOUR, 'Looking.\nProcess owner: @bob']])
      .priority(DAY, 'alice', 50, 100);
    expect(ownerOf(h.build()).username).toBe('bob');
  });

  it('a removed comment does not count', () => {
    const h = escalated().comment(AFTER, 'alice', 'Process owner: @bob', [[AFTER + HOUR, null]]);
    expect(ownerOf(h.build()).state).toBe('none');
  });

  it('quoted or code lines do not declare', () => {
    const h = escalated()
      .comment(AFTER, 'alice', '> Process owner: @bob\nQuoting the template above.')
      .comment(AFTER + 1, 'alice', 'Use this line:\n```\nProcess owner: @carol\n```');
    expect(ownerOf(h.build()).state).toBe('none');
  });

  it('usernames are matched without regard to case and reported as the instance spells them', () => {
    const h = escalated().comment(AFTER, 'alice', '**Process owner:** @BOB');
    expect(ownerOf(h.build())).toMatchObject({ username: 'bob', phid: PHID.bob });
  });

  it('a username the instance does not know stays declared and unresolved', () => {
    const h = escalated()
      .comment(AFTER, 'alice', 'Process owner: @nobody-here')
      .touch(AFTER + HOUR, 'bob');
    const owner = ownerOf(h.build());
    expect(owner).toMatchObject({ state: 'declared', username: 'nobody-here', phid: null, user: null });
  });
});

describe('acknowledgement', () => {
  it('the declared person acting afterwards acknowledges, whatever they do', () => {
    const h = escalated()
      .comment(AFTER, 'alice', 'Process owner: @bob')
      .touch(AFTER + 3 * HOUR, 'bob');
    const owner = ownerOf(h.build());
    expect(owner.state).toBe('acknowledged');
    expect(owner.acknowledgedAt?.at).toBe(h.t0 + AFTER + 3 * HOUR);
  });

  it('activity before the declaration or by someone else does not', () => {
    const h = escalated()
      .touch(AFTER - 1, 'bob')
      .comment(AFTER, 'alice', 'Process owner: @bob')
      .comment(AFTER + HOUR, 'carol', '@bob ping');
    const owner = ownerOf(h.build());
    expect(owner.state).toBe('declared');
    expect(owner.lastActivityAt).toBe(h.t0 + AFTER - 1);
  });

  it('a typeless transaction in their name (a mention of the task elsewhere) is no acknowledgement or activity', () => {
    // Pasting a list of tasks into another task records "mentioned this in" on each, in the paster's name.
    const h = escalated()
      .comment(AFTER, 'alice', 'Process owner: @bob')
      .typeless(AFTER + HOUR, 'bob');
    const owner = ownerOf(h.build());
    expect(owner.state).toBe('declared');
    expect(owner.acknowledgedAt).toBeNull();
    expect(owner.lastActivityAt).toBeNull();
  });

  it('declaring oneself is the acknowledgement', () => {
    const h = escalated().comment(AFTER, 'bob', 'Process owner: @bob');
    expect(ownerOf(h.build())).toMatchObject({ state: 'acknowledged', acknowledgedAt: { at: h.t0 + AFTER } });
  });
});

describe('assignee, not declared', () => {
  it('follows owner transactions through reassignment and unassignment', () => {
    const h = escalated()
      .owner(AFTER, 'alice', null, PHID.alice)
      .owner(AFTER + HOUR, 'alice', PHID.alice, PHID.carol);
    expect(ownerOf(h.build())).toMatchObject({ state: 'assignee', username: 'carol', phid: PHID.carol });
    h.owner(AFTER + 2 * HOUR, 'carol', PHID.carol, null);
    expect(ownerOf(h.build())).toMatchObject({ state: 'none', username: null, phid: null });
  });

  it('the assignee maniphest.search reports now wins over the history', () => {
    const h = escalated().owner(AFTER, 'alice', null, PHID.alice);
    expect(ownerOf(h.build(), PHID.erin)).toMatchObject({ state: 'assignee', username: 'erin' });
    expect(ownerOf(h.build(), null).state).toBe('none');
  });

  it('an assignee from before the escalation is in charge from the escalation on', () => {
    const h = new HistoryBuilder()
      .create(0, 'erin', 50)
      .owner(HOUR, 'erin', null, PHID.bob)
      .priority(DAY, 'alice', 50, 100);
    expect(ownerOf(h.build()).inChargeSince).toBe(h.t0 + DAY);
  });
});
