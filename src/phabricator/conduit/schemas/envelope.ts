// Shapes every Conduit reply and every *.search reply share.
import { z } from 'zod';

/** Conduit always answers `{result, error_code, error_info}` (HTTP 200, also for errors). */
export const envelopeSchema = z.object({
  result: z.unknown(),
  error_code: z.string().nullable(),
  error_info: z.string().nullable().optional(),
});

/** `after` is an opaque string (an id in practice); null on the last page. */
export const cursorSchema = z.object({
  limit: z.union([z.number(), z.string()]).nullable().optional(),
  after: z.string().nullable(),
  before: z.string().nullable().optional(),
});

/** The common body of maniphest.search, user.search, project.search and transaction.search. */
export function searchResultSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), cursor: cursorSchema });
}

export const phidSchema = z.string().min(1);
export const epochSchema = z.number().int();
