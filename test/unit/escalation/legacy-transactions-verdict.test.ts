// The first poll reads histories with maniphest.gettasktransactions (client.taskHistories ->
// fromLegacyTransaction); they are stored and judged by the same rules as histories read with
// transaction.search, so the same task gets the same verdict whichever method read it. (Comment edits,
// which the frozen method does not show, are dated by transaction.search: poll-declaration-edits.test.ts.)
import { describe, expect, it } from 'vitest';
import { assessTask } from '../../../src/core/escalation/assess';
import { fromLegacyTransaction } from '../../../src/phabricator/conduit/schemas/legacy-transactions';
import type { TaskTransaction } from '../../../src/core/model';
import { DAY, HOUR, PHID, SEEDED_AT, fixtureHistory, fixtureVocabulary, readReply, userMap } from './support';

const vocabulary = fixtureVocabulary();
const users = userMap();
const TASK = 'PHID-TASK-legacy000000000000';

type Legacy = Parameters<typeof fromLegacyTransaction>[0];

const legacyT6 = (
  readReply('maniphest.gettasktransactions.legacy') as { result: Record<string, Record<string, unknown>[]> }
).result['6']!;

function legacy(item: Partial<Legacy> & Pick<Legacy, 'transactionID' | 'transactionType'>): TaskTransaction {
  return fromLegacyTransaction(
    {
      taskID: 1,
      transactionPHID: `PHID-XACT-TASK-l${String(item.transactionID).padStart(14, '0')}`,
      oldValue: null,
      newValue: null,
      meta: null,
      comments: null,
      authorPHID: PHID.alice,
      dateCreated: SEEDED_AT,
      ...item,
    } as Legacy,
    TASK,
  );
}

describe('maniphest.gettasktransactions maps project edits like transaction.search does', () => {
  it('T6 transaction 45 (erin added the Echo project) is a "projects" transaction both ways', () => {
    const search = fixtureHistory('T6').find((tx) => tx.id === 45)!;
    expect(search.type).toBe('projects');
    const raw = legacyT6.find((item) => Number(item['transactionID']) === 45)!;
    const mapped = fromLegacyTransaction(raw as unknown as Legacy, search.objectPHID);
    // The legacy item is core:edge with meta edge:type 41 (project): the same "edit" README counts.
    expect(mapped.type).toBe(search.type);
  });

  // README: "The declared person has acknowledged once they act on the task (any comment or edit).
  // Phorge's typeless transactions in their name (a mention ..., a relation, a board move, a policy
  // change) are not acting". Tagging a project is an edit, typed "projects" by transaction.search.
  it('a declared owner whose answer was tagging a project is acknowledged in a legacy-read history too', () => {
    const t = SEEDED_AT - 2 * DAY;
    const history = [
      legacy({ transactionID: 1, transactionType: 'core:create', dateCreated: t, authorPHID: PHID.erin }),
      legacy({
        transactionID: 2,
        transactionType: 'priority',
        oldValue: '90',
        newValue: '100',
        dateCreated: t,
        authorPHID: PHID.erin,
      }),
      legacy({
        transactionID: 3,
        transactionType: 'core:comment',
        comments: 'Process owner: @bob',
        dateCreated: t + HOUR,
        authorPHID: PHID.alice,
      }),
      // bob answers by tagging the right team's project
      legacy({
        transactionID: 4,
        transactionType: 'core:edge',
        oldValue: [],
        newValue: ['PHID-PROJ-5nswsow7qt633pega3yf'],
        meta: { 'edge:type': 41 },
        dateCreated: t + 2 * HOUR,
        authorPHID: PHID.bob,
      }),
    ].reverse();
    const a = assessTask({ history, vocabulary, users, now: t + 10 * HOUR });
    expect(a.owner.username).toBe('bob');
    expect(a.owner.state).toBe('acknowledged');
    expect(a.findings.map((f) => f.rule)).not.toContain('not-acknowledged');
  });
});
