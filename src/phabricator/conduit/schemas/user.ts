// user.whoami and user.search (with the availability attachment), mapped to PhabUser.
import { z } from 'zod';
import type { Availability, PhabUser } from '../../../core/model';
import type { Whoami } from '../types';
import { epochSchema, phidSchema, searchResultSchema } from './envelope';

export const whoamiResultSchema = z.object({
  phid: phidSchema,
  userName: z.string(),
  realName: z.string(),
  roles: z.array(z.string()),
});

const availabilitySchema = z.object({
  value: z.string(),
  until: epochSchema.nullable().optional(),
});

export const userItemSchema = z.object({
  id: z.number().int(),
  phid: phidSchema,
  fields: z.object({
    username: z.string(),
    realName: z.string(),
    roles: z.array(z.string()),
  }),
  // An empty attachments object is a JSON array when Phorge serialises it empty.
  attachments: z
    .union([z.object({ availability: availabilitySchema.optional() }), z.array(z.never())])
    .optional(),
});

export const userSearchResultSchema = searchResultSchema(userItemSchema);

const KNOWN_AVAILABILITY: ReadonlySet<string> = new Set(['available', 'busy', 'away']);

export function toWhoami(result: z.infer<typeof whoamiResultSchema>): Whoami {
  return { phid: result.phid, userName: result.userName, realName: result.realName, roles: result.roles };
}

export function toPhabUser(item: z.infer<typeof userItemSchema>): PhabUser {
  const attached = Array.isArray(item.attachments) ? undefined : item.attachments?.availability;
  let value: Availability = 'unknown';
  if (item.fields.roles.includes('disabled')) {
    // Phorge still reports a disabled account as "available"; it can answer nobody.
    value = 'disabled';
  } else if (attached && KNOWN_AVAILABILITY.has(attached.value)) {
    value = attached.value as Availability;
  }
  return {
    phid: item.phid,
    username: item.fields.username,
    realName: item.fields.realName,
    roles: item.fields.roles,
    availability: { value, until: value === 'disabled' ? null : (attached?.until ?? null) },
  };
}
