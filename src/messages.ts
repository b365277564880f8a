// The one contract between content scripts, extension pages and the background worker.
// Requests are zod discriminated unions split by trust: content scripts run inside a web page we do not
// control, so they get a small read-only set; extension pages may also write.
import { z } from 'zod';

export const helloRequest = z.object({ type: z.literal('hello') });

export const contentRequestSchema = z.discriminatedUnion('type', [helloRequest]);
export type ContentRequest = z.infer<typeof contentRequestSchema>;

export const pageRequestSchema = z.discriminatedUnion('type', [helloRequest]);
export type PageRequest = z.infer<typeof pageRequestSchema>;

export const helloReply = z.object({ name: z.literal('steward'), version: z.string() });
export type HelloReply = z.infer<typeof helloReply>;

export const errorKinds = [
  'bad-request',
  'forbidden',
  'not-configured',
  'no-permission',
  'session-expired',
  'invalid-token',
  'conduit',
  'network',
  'internal',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

export const replyError = z.object({ kind: z.enum(errorKinds), message: z.string() });
export type ReplyError = z.infer<typeof replyError>;

export type Reply<T> = { ok: true; data: T } | { ok: false; error: ReplyError };

/** Builds the schema of a reply envelope, so receivers check what came back as strictly as what went out. */
export function replySchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: replyError }),
  ]);
}
