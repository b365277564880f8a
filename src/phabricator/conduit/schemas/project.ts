// project.search, mapped to PhabProject.
import { z } from 'zod';
import type { PhabProject } from '../../../core/model';
import { phidSchema, searchResultSchema } from './envelope';

export const projectItemSchema = z.object({
  id: z.number().int(),
  phid: phidSchema,
  fields: z.object({
    name: z.string(),
    slug: z.string().nullable().optional(),
  }),
});

export const projectSearchResultSchema = searchResultSchema(projectItemSchema);

export function toPhabProject(item: z.infer<typeof projectItemSchema>): PhabProject {
  return { id: item.id, phid: item.phid, name: item.fields.name, slug: item.fields.slug ?? null };
}
