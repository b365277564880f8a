// transaction.search: a task's history, newest first, in Conduit's shape. Board moves, relations, mentions
// and policy changes come back as "type": null with empty fields, as in the captures.
import type { Xaction } from '../model';
import type { World } from '../world';
import { ConduitFailure, coreError, MESSAGES } from './errors';
import { paginate, readPaging } from './paging';
import { readRecord, readStringList } from './params';
import type { CallContext } from './router';

export function xactionFields(xaction: Xaction, world: World): { type: string | null; fields: object } {
  const change = xaction.change;
  switch (change.kind) {
    case 'create':
      return { type: 'create', fields: {} };
    case 'title':
    case 'description':
      return { type: change.kind, fields: { old: change.from, new: change.to } };
    case 'priority':
      return {
        type: 'priority',
        fields: {
          old: { value: change.from, name: world.priority(change.from).name },
          new: { value: change.to, name: world.priority(change.to).name },
        },
      };
    case 'status':
      return { type: 'status', fields: { old: change.from, new: change.to } };
    case 'owner':
      return { type: 'owner', fields: { old: change.from, new: change.to } };
    case 'comment':
      return { type: 'comment', fields: {} };
    case 'subscribers':
    case 'projects':
      return { type: change.kind, fields: { operations: change.operations.map((op) => ({ ...op })) } };
    case 'other':
      return { type: null, fields: {} };
  }
}

export function transactionSearch(ctx: CallContext) {
  const { world, viewer } = ctx;
  const identifier = ctx.params.objectIdentifier;
  const objectType = ctx.params.objectType;
  const hasIdentifier = identifier !== undefined && identifier !== null && identifier !== '';
  const hasType = objectType !== undefined && objectType !== null && objectType !== '';
  // As the captured Phorge documents it: one object, or every object of one type, never both.
  if (hasIdentifier && hasType) {
    throw new ConduitFailure(
      'ERR-INVALID-PARAMETERS',
      'Must not specify both parameter "objectType" and parameter "objectIdentifier".',
    );
  }
  if (!hasIdentifier && !hasType) {
    throw new ConduitFailure(
      'ERR-INVALID-PARAMETER',
      'Must specify either parameter "objectType" or parameter "objectIdentifier".',
    );
  }
  let candidates: Xaction[];
  if (hasType) {
    if (objectType !== 'TASK') {
      throw new ConduitFailure('ERR-INVALID-OBJECT-TYPE', 'Specified "objectType" does not exist.');
    }
    // Every task this viewer may see; a task they may not see lends none of its transactions.
    candidates = world.tasks
      .filter((task) => world.canView(task, viewer))
      .flatMap((task) => world.xactionsOf(task));
  } else {
    const task = world.taskByRef(typeof identifier === 'number' ? `T${identifier}` : String(identifier));
    if (!task || !world.canView(task, viewer)) {
      throw new ConduitFailure('ERR-INVALID-OBJECT-PHID', MESSAGES.unknownObject);
    }
    candidates = world.xactionsOf(task);
  }
  const constraints = readRecord(ctx.params.constraints, 'constraints');
  for (const key of Object.keys(constraints)) {
    if (!['phids', 'authorPHIDs'].includes(key)) {
      throw coreError(`Unknown constraint "${key}". Valid constraints are: phids, authorPHIDs.`);
    }
  }
  const phids = constraints.phids === undefined ? null : readStringList(constraints.phids, 'phids');
  const authors =
    constraints.authorPHIDs === undefined ? null : readStringList(constraints.authorPHIDs, 'authorPHIDs');
  const matching = candidates
    .filter((xaction) => !phids || phids.includes(xaction.phid))
    .filter((xaction) => !authors || authors.includes(xaction.authorPHID))
    .sort((a, b) => b.id - a.id);
  const page = paginate(
    matching,
    (xaction) => xaction.id,
    readPaging(ctx),
    (xaction, cursorId) => cursorId - xaction.id,
    'PhabricatorApplicationTransactionTransactionQuery',
  );
  const data = page.items.map((xaction) => {
    const { type, fields } = xactionFields(xaction, world);
    return {
      id: xaction.id,
      phid: xaction.phid,
      type,
      authorPHID: xaction.authorPHID,
      objectPHID: xaction.objectPHID,
      dateCreated: xaction.dateCreated,
      dateModified: xaction.dateModified,
      groupID: xaction.groupID,
      comments: xaction.comments.map((comment) => ({ ...comment, content: { ...comment.content } })),
      fields,
    };
  });
  return { data, cursor: page.cursor };
}
