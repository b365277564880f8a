// Reading a Conduit reply: JSON text -> envelope -> method-specific result, each step failing with
// a 'malformed' ConduitError that names the method and the field path.
import type { z } from 'zod';
import { ConduitError } from './errors';
import { pingResultSchema } from './schemas/conduit';
import { envelopeSchema } from './schemas/envelope';
import {
  prioritySearchResultSchema,
  statusSearchResultSchema,
  taskEditResultSchema,
  taskSearchResultSchema,
} from './schemas/maniphest';
import { projectSearchResultSchema } from './schemas/project';
import { transactionSearchResultSchema } from './schemas/transaction';
import { legacyTransactionsResultSchema } from './schemas/legacy-transactions';
import { userSearchResultSchema, whoamiResultSchema } from './schemas/user';

/** The result schema of every method the client types. */
export const resultSchemas = {
  'conduit.ping': pingResultSchema,
  'user.whoami': whoamiResultSchema,
  'user.search': userSearchResultSchema,
  'maniphest.search': taskSearchResultSchema,
  'maniphest.edit': taskEditResultSchema,
  'maniphest.priority.search': prioritySearchResultSchema,
  'maniphest.status.search': statusSearchResultSchema,
  'transaction.search': transactionSearchResultSchema,
  'maniphest.gettasktransactions': legacyTransactionsResultSchema,
  'project.search': projectSearchResultSchema,
} as const;

export type TypedMethod = keyof typeof resultSchemas;
export type ResultOf<M extends TypedMethod> = z.output<(typeof resultSchemas)[M]>;

const MALFORMED_MESSAGE = (method: string) =>
  `Phabricator sent a ${method} reply that Steward cannot read; the instance may be incompatible or behind a proxy that changes replies.`;

/** `result.data[3].fields.name` style path of a zod issue. */
export function formatPath(root: string, path: ReadonlyArray<PropertyKey>): string {
  let out = root;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

export function malformed(method: string, detail: string, status: number | null = null): ConduitError {
  return new ConduitError({
    kind: 'malformed',
    method,
    userMessage: MALFORMED_MESSAGE(method),
    detail,
    status,
  });
}

function validate<S extends z.ZodType>(schema: S, value: unknown, method: string, root: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? formatPath(root, issue.path) : root;
  throw malformed(method, `malformed reply at ${where}: ${issue?.message ?? 'invalid'}`);
}

// Phorge shields AJAX replies (not Conduit's output=json) with this prefix; tolerate it anywhere.
const SHIELD = 'for (;;);';

/** Parses the body text as JSON; a non-JSON body (an HTML error page, a proxy) is 'malformed'. */
export function parseJsonBody(method: string, text: string, status: number): unknown {
  const body = text.startsWith(SHIELD) ? text.slice(SHIELD.length) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    const start = body.trimStart().slice(0, 40).replace(/\s+/g, ' ');
    throw malformed(
      method,
      `HTTP ${status} reply is not JSON (starts with ${JSON.stringify(start)})`,
      status,
    );
  }
}

export function parseEnvelope(method: string, json: unknown): z.output<typeof envelopeSchema> {
  return validate(envelopeSchema, json, method, 'reply');
}

export function parseResult<M extends TypedMethod>(method: M, result: unknown): ResultOf<M> {
  return validate(resultSchemas[method], result, method, 'result') as ResultOf<M>;
}
