// transaction.search, mapped to TaskTransaction.
import { z } from 'zod';
import type { TaskTransaction } from '../../../core/model';
import { epochSchema, phidSchema, searchResultSchema } from './envelope';

const commentSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  authorPHID: phidSchema,
  dateCreated: epochSchema,
  dateModified: epochSchema,
  removed: z.boolean(),
  content: z.object({ raw: z.string() }),
});

export const transactionItemSchema = z.object({
  id: z.number().int(),
  phid: phidSchema,
  /** null for board moves, edges and policy changes. */
  type: z.string().nullable(),
  authorPHID: phidSchema,
  objectPHID: phidSchema,
  dateCreated: epochSchema,
  dateModified: epochSchema,
  groupID: z.string().nullable().optional(),
  comments: z.array(commentSchema),
  // PHP encodes empty fields as [] and non-empty ones as an object.
  fields: z.union([z.record(z.string(), z.unknown()), z.array(z.never())]),
});

export const transactionSearchResultSchema = searchResultSchema(transactionItemSchema);

export function toTaskTransaction(item: z.infer<typeof transactionItemSchema>): TaskTransaction {
  const tx: TaskTransaction = {
    id: item.id,
    phid: item.phid,
    type: item.type,
    authorPHID: item.authorPHID,
    objectPHID: item.objectPHID,
    dateCreated: item.dateCreated,
    dateModified: item.dateModified,
    comments: item.comments.map((c) => ({ ...c, content: { raw: c.content.raw } })),
    fields: Array.isArray(item.fields) ? {} : item.fields,
  };
  if (item.groupID) tx.groupID = item.groupID;
  return tx;
}
