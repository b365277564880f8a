// maniphest.gettasktransactions: the frozen method that still takes a list of task ids, so a first poll
// of many tasks reads their histories in a few calls instead of one transaction.search per task. Its
// items say less than transaction.search's; they are mapped to the same TaskTransaction where core
// reads them (create, comment, priority, status, owner, merged into) and to a type-null item otherwise.
import { z } from 'zod';
import type { TaskTransaction } from '../../../core/model';
import { phidSchema } from './envelope';

const numeric = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const n = Number(value);
  if (!Number.isInteger(n)) {
    ctx.addIssue({ code: 'custom', message: `expected a whole number, got "${String(value)}"` });
    return z.NEVER;
  }
  return n;
});

export const legacyTransactionSchema = z.object({
  taskID: numeric,
  transactionID: numeric,
  transactionPHID: phidSchema,
  transactionType: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  meta: z
    .union([z.record(z.string(), z.unknown()), z.array(z.never())])
    .nullable()
    .optional(),
  /** The comment's text as it reads now; null for transactions without one. */
  comments: z.string().nullable(),
  authorPHID: phidSchema,
  dateCreated: numeric,
});

// PHP sends an empty map as [] (no task had any transaction, or no id was found).
export const legacyTransactionsResultSchema = z.union([
  z.record(z.string(), z.array(legacyTransactionSchema)),
  z.array(z.never()),
]);

type LegacyTransaction = z.infer<typeof legacyTransactionSchema>;

const TYPES: Record<string, string> = {
  'core:create': 'create',
  'core:comment': 'comment',
  reassign: 'owner',
  priority: 'priority',
  status: 'status',
  title: 'title',
  description: 'description',
  'core:subscribers': 'subscribers',
  mergedinto: 'mergedinto',
};

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The item as transaction.search would describe it, as far as core is concerned. */
/** Phorge's edge type for "task has project" (PhabricatorProjectObjectHasProjectEdgeType). */
const PROJECT_EDGE = 41;

/** What transaction.search calls the item: an edge is typeless there but for project tags. */
function typeOf(item: LegacyTransaction): string | null {
  if (item.transactionType === null) return null;
  if (item.transactionType === 'core:edge') {
    const edge = item.meta && !Array.isArray(item.meta) ? item.meta['edge:type'] : undefined;
    return Number(edge) === PROJECT_EDGE ? 'projects' : null;
  }
  return TYPES[item.transactionType] ?? null;
}

export function fromLegacyTransaction(item: LegacyTransaction, objectPHID: string): TaskTransaction {
  const type = typeOf(item);
  let fields: Record<string, unknown> = {};
  if (type === 'priority') {
    const old = text(item.oldValue);
    fields = {
      old: old === null ? null : { value: Number(old) },
      new: { value: Number(item.newValue) },
    };
  } else if (
    type === 'status' ||
    type === 'owner' ||
    type === 'title' ||
    type === 'description' ||
    type === 'mergedinto'
  ) {
    fields = { old: text(item.oldValue), new: text(item.newValue) };
  }
  const tx: TaskTransaction = {
    id: item.transactionID,
    phid: item.transactionPHID,
    type,
    authorPHID: item.authorPHID,
    objectPHID,
    dateCreated: item.dateCreated,
    dateModified: item.dateCreated,
    comments:
      item.comments === null
        ? []
        : [
            {
              // The legacy reply names no comment id and no earlier versions: this is the text as it reads now.
              id: item.transactionID,
              version: 1,
              authorPHID: item.authorPHID,
              dateCreated: item.dateCreated,
              dateModified: item.dateCreated,
              removed: false,
              content: { raw: item.comments },
            },
          ],
    fields,
  };
  const group = item.meta && !Array.isArray(item.meta) ? item.meta['core.groupID'] : undefined;
  if (typeof group === 'string' && group !== '') tx.groupID = group;
  return tx;
}
