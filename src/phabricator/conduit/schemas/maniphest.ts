// maniphest.search, maniphest.edit, maniphest.priority.search and maniphest.status.search.
import { z } from 'zod';
import type { PriorityLevel, StatusLevel, TaskSnapshot } from '../../../core/model';
import { epochSchema, phidSchema, searchResultSchema } from './envelope';

const columnSchema = z.object({ id: z.number().int(), phid: phidSchema, name: z.string() });

/** Phorge sends `boards: []` when the task is on no workboard, an object keyed by project otherwise. */
const boardsSchema = z.union([
  z.array(z.never()).transform((): Record<string, { columns: z.infer<typeof columnSchema>[] }> => ({})),
  z.record(z.string(), z.object({ columns: z.array(columnSchema) })),
]);

const taskAttachmentsSchema = z.object({
  projects: z.object({ projectPHIDs: z.array(phidSchema) }).optional(),
  subscribers: z
    .object({
      subscriberPHIDs: z.array(phidSchema),
      subscriberCount: z.number().int().optional(),
      viewerIsSubscribed: z.boolean().optional(),
    })
    .optional(),
  columns: z.object({ boards: boardsSchema }).optional(),
});

export const taskItemSchema = z.object({
  id: z.number().int(),
  phid: phidSchema,
  fields: z.object({
    name: z.string(),
    authorPHID: phidSchema,
    ownerPHID: phidSchema.nullable(),
    status: z.object({ value: z.string(), name: z.string() }),
    priority: z.object({ value: z.number(), name: z.string() }),
    dateCreated: epochSchema,
    dateModified: epochSchema,
    dateClosed: epochSchema.nullable().optional(),
  }),
  // PHP encodes an empty attachments map as [].
  attachments: z.union([taskAttachmentsSchema, z.array(z.never())]).optional(),
});

export const taskSearchResultSchema = searchResultSchema(taskItemSchema);

export const taskEditResultSchema = z.object({
  object: z.object({ id: z.number().int(), phid: phidSchema }),
  transactions: z.array(z.object({ phid: phidSchema })),
});

export const priorityItemSchema = z.object({
  name: z.string(),
  value: z.number(),
  keywords: z.array(z.string()),
  color: z.string().nullable().optional(),
});
export const prioritySearchResultSchema = z.object({ data: z.array(priorityItemSchema) });

export const statusItemSchema = z.object({
  name: z.string(),
  value: z.string(),
  closed: z.boolean(),
  special: z.string().nullish(),
});
export const statusSearchResultSchema = z.object({ data: z.array(statusItemSchema) });

export function toTaskSnapshot(item: z.infer<typeof taskItemSchema>): TaskSnapshot {
  const attachments = Array.isArray(item.attachments) ? undefined : item.attachments;
  const f = item.fields;
  return {
    id: item.id,
    phid: item.phid,
    title: f.name,
    status: { value: f.status.value, name: f.status.name },
    priority: { value: f.priority.value, name: f.priority.name },
    ownerPHID: f.ownerPHID,
    authorPHID: f.authorPHID,
    dateCreated: f.dateCreated,
    dateModified: f.dateModified,
    dateClosed: f.dateClosed ?? null,
    projectPHIDs: attachments?.projects?.projectPHIDs ?? [],
    subscriberPHIDs: attachments?.subscribers?.subscriberPHIDs ?? [],
  };
}

export function toPriorityLevel(item: z.infer<typeof priorityItemSchema>): PriorityLevel {
  const level: PriorityLevel = { value: item.value, name: item.name, keywords: item.keywords };
  if (item.color) level.color = item.color;
  return level;
}

export function toStatusLevel(item: z.infer<typeof statusItemSchema>): StatusLevel {
  const level: StatusLevel = { value: item.value, name: item.name, closed: item.closed };
  if (typeof item.special === 'string') level.special = item.special;
  return level;
}
