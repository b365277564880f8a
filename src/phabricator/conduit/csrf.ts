// A fresh CSRF token for the browser's Phorge session, without any page open: GET /login/refresh/
// answers `for (;;);{"error":null,"payload":{"token":"B@..."}}` (fixtures session-17 and -18).
import { z } from 'zod';
import { ConduitError } from './errors';
import { parseJsonBody } from './reply';
import { exchange, hostOf } from './transport';
import type { RequestInfo } from './types';

export const LOGIN_REFRESH_LABEL = 'login.refresh';

export const loginRefreshSchema = z.object({
  error: z.null().optional(),
  payload: z.object({ token: z.string().regex(/^B@/, 'a CSRF token starts with "B@"') }),
});

export interface CsrfFetchOptions {
  timeoutMs?: number;
  onRequest?: (info: RequestInfo) => void;
}

/** Parses the body of /login/refresh/ and returns the token; 'malformed' otherwise. */
export function parseLoginRefresh(text: string, status = 200): string {
  const json = parseJsonBody(LOGIN_REFRESH_LABEL, text, status);
  const parsed = loginRefreshSchema.safeParse(json);
  if (parsed.success) return parsed.data.payload.token;
  throw new ConduitError({
    kind: 'malformed',
    method: LOGIN_REFRESH_LABEL,
    userMessage:
      'Phabricator did not hand out a security (CSRF) token for your session; open a Phabricator page, log in and try again.',
    detail: `unexpected /login/refresh/ reply: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    status,
  });
}

/** Uses the session cookie (credentials: 'include'), so it works from a worker or an extension page. */
export async function fetchSessionCsrfToken(
  baseUrl: string,
  fetchImpl: typeof fetch,
  options: CsrfFetchOptions = {},
): Promise<string> {
  const url = `${baseUrl.replace(/\/+$/, '')}/login/refresh/`;
  const reply = await exchange(
    fetchImpl,
    { url, method: 'GET', credentials: 'include' },
    LOGIN_REFRESH_LABEL,
    options.timeoutMs ?? 30_000,
  );
  options.onRequest?.({
    method: LOGIN_REFRESH_LABEL,
    bytesSent: 0,
    bytesReceived: reply.bytesReceived,
    status: reply.status,
  });
  if (reply.status === 429 || reply.status >= 500) {
    const host = hostOf(baseUrl);
    throw new ConduitError({
      kind: reply.status === 429 ? 'rate-limited' : 'server',
      method: LOGIN_REFRESH_LABEL,
      userMessage: `${host} could not renew your session's security token (HTTP ${reply.status}); try again in a few minutes.`,
      status: reply.status,
    });
  }
  return parseLoginRefresh(reply.text, reply.status);
}
