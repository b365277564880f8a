// The captured legacy maniphest.gettasktransactions reply and the captured transaction.search reply of
// the same task (T6), both from the real Phorge: mapped by the client, core reads the same escalation,
// process owner and findings from either.
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../../src/phabricator/conduit';
import { fromLegacyTransaction } from '../../../src/phabricator/conduit/schemas/legacy-transactions';
import { toTaskTransaction } from '../../../src/phabricator/conduit/schemas/transaction';
import { assessTask } from '../../../src/core/escalation/assess';
import type { TaskTransaction } from '../../../src/core/model';
import { DAY, SEEDED_AT, fixtureTasks, fixtureVocabulary, userMap } from '../escalation/support';
import { responseText } from './support/fixtures';

const result = (name: string) => (JSON.parse(responseText(name)) as { result: unknown }).result;

describe('legacy histories', () => {
  it('map T6 to the transactions core reads from transaction.search', () => {
    const legacy = parseResult(
      'maniphest.gettasktransactions',
      result('maniphest.gettasktransactions.legacy'),
    );
    const current = parseResult('transaction.search', result('transaction.search.T6')).data.map(
      toTaskTransaction,
    );
    const phid = current[0]!.objectPHID;
    const mapped = (Array.isArray(legacy) ? [] : (legacy['6'] ?? [])).map((item) =>
      fromLegacyTransaction(item, phid),
    );
    // Project tags (an edge of type 41 there) are "projects" both ways: tagging one is acting on the task.
    expect(mapped.map((tx) => [tx.id, tx.type])).toEqual(current.map((tx) => [tx.id, tx.type]));
    const task = fixtureTasks('maniphest.search.ubn-all-statuses').find((t) => t.id === 6);
    const read = (history: TaskTransaction[], now: number) => {
      const a = assessTask({ history, vocabulary: fixtureVocabulary(), task, users: userMap(), now });
      return {
        escalations: a.escalation.escalations.map((e) => [e.at, e.cause, e.transactionId]),
        owner: [a.owner.state, a.owner.username, a.owner.inChargeSince, a.owner.lastActivityAt],
        findings: a.findings.map((f) => [f.rule, f.occurrence, f.text]),
      };
    };
    for (const now of [SEEDED_AT, SEEDED_AT + 5 * DAY]) expect(read(mapped, now)).toEqual(read(current, now));
  });

  it('reads a merge ("closed as a duplicate of"), which writes no status transaction, as a merge', () => {
    const item = {
      taskID: 7,
      transactionID: 900,
      transactionPHID: 'PHID-XACT-TASK-merge000000000',
      transactionType: 'mergedinto',
      oldValue: null,
      newValue: 'PHID-TASK-target00000000000',
      meta: null,
      comments: null,
      authorPHID: 'PHID-USER-bob00000000000000',
      dateCreated: 1_795_700_000,
    };
    expect(fromLegacyTransaction(item, 'PHID-TASK-merged00000000000')).toMatchObject({
      type: 'mergedinto',
      fields: { old: null, new: 'PHID-TASK-target00000000000' },
    });
  });
});
