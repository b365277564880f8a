// One HTTP exchange with the instance: form encoding, credentials, timeout, byte counting.
import { BodyTooLargeError, formatBytes, readCappedText } from '../../shared/capped-body';
import { ConduitError } from './errors';
import { judgeRedirect } from './redirect';

/**
 * The largest Conduit reply Steward reads, enforced while the body streams. A full page of 100
 * tasks with every attachment is well under 1 MB on the captured Phorge; 20 MB leaves room for a
 * task with a very long history and still bounds what a faulty server or proxy can make the worker
 * buffer.
 */
export const MAX_CONDUIT_REPLY_BYTES = 20 * 1024 * 1024;

export interface HttpReply {
  status: number;
  text: string;
  retryAfter: string | null;
  /** The server's clock when it answered (HTTP Date), in epoch seconds; null when absent or unreadable. */
  serverTime: number | null;
  /** What Phorge says it accepts (X-Conduit-Capabilities, e.g. "gzip"); null when absent. */
  capabilities: string | null;
  bytesReceived: number;
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  /** application/x-www-form-urlencoded body (Phorge rejects JSON bodies); bytes when gzipped. */
  body?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  credentials: 'omit' | 'include';
}

const encoder = new TextEncoder();

export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** `params=<json>&output=json&__conduit__=1` plus any extra fields, as arcanist sends it. */
export function conduitFormBody(params: Record<string, unknown>, extra: Record<string, string> = {}): string {
  const form = new URLSearchParams();
  form.set('params', JSON.stringify(params));
  form.set('output', 'json');
  form.set('__conduit__', '1');
  for (const [key, value] of Object.entries(extra)) form.set(key, value);
  return form.toString();
}

/** An HTTP-date as epoch seconds; null for anything Date.parse cannot read. */
export function httpDateSeconds(value: string | null): number | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

function redirectError(url: string, label: string, response: Response): ConduitError {
  const host = hostOf(url);
  // Browsers hide where a manual redirect points (an opaque response); Node shows the Location header.
  const to = response.headers.get('Location');
  const verdict = judgeRedirect(url, to);
  if (verdict.kind === 'moved') {
    return new ConduitError({
      kind: 'moved',
      method: label,
      userMessage: `${host} redirects to ${verdict.to}: use that address for the instance in Steward's options.`,
      info: verdict.to,
      detail: `redirected to ${to ?? '?'} (HTTP ${response.status})`,
      status: response.status,
    });
  }
  return new ConduitError({
    kind: 'session-expired',
    method: label,
    userMessage: verdict.to
      ? `${host} sent Steward to a sign-in page: log in to ${host} in a tab (Steward recovers at the next poll).`
      : `${host} redirected Steward elsewhere: most likely to a sign-in page, so log in to ${host} in a tab (Steward recovers at the next poll). If the instance has moved (to https, or another host), change its address in Steward's options.`,
    detail: `redirected${to ? ` to ${to}` : ''} (HTTP ${response.status || 'opaque redirect'})`,
    status: response.status || null,
  });
}

/** The `code` of a ConduitError for a certificate the runtime does not trust (Node only: browsers say less). */
export const TLS_CERTIFICATE = 'tls-certificate';

/**
 * Node's certificate errors (undici's "fetch failed" caused by one): a certificate the runtime does not
 * trust answers the same at every try, and is not the network being down.
 */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function tlsFailure(error: unknown): string | null {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && TLS_CODES.has(code) ? code : null;
}

/**
 * Sends one request. A thrown fetch, a timeout or a connection dropped while reading the body all
 * become a 'network' ConduitError; any HTTP status is returned for the caller to judge.
 */
export async function exchange(
  fetchImpl: typeof fetch,
  request: HttpRequest,
  label: string,
  timeoutMs: number,
): Promise<HttpReply> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  try {
    const init: RequestInit = {
      method: request.method,
      headers,
      credentials: request.credentials,
      signal: controller.signal,
      // Never followed: a redirect would carry the POST body, and with it an API token, to wherever it
      // points; and a single sign-on proxy answers a signed-out browser with a 302 to its login page,
      // which is "sign in", not "unreachable".
      redirect: 'manual',
    };
    if (request.body !== undefined) init.body = request.body;
    const response = await fetchImpl(request.url, init);
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw redirectError(request.url, label, response);
    }
    const { text, bytes } = await readCappedText(response, MAX_CONDUIT_REPLY_BYTES);
    return {
      status: response.status,
      text,
      retryAfter: response.headers.get('Retry-After'),
      serverTime: httpDateSeconds(response.headers.get('Date')),
      capabilities: response.headers.get('X-Conduit-Capabilities'),
      bytesReceived: bytes,
    };
  } catch (cause) {
    if (cause instanceof ConduitError) throw cause;
    const host = hostOf(request.url);
    if (cause instanceof BodyTooLargeError) {
      throw new ConduitError({
        kind: 'malformed',
        method: label,
        userMessage: `${host} sent a reply larger than ${formatBytes(cause.limitBytes)} to ${label}; Steward stopped reading it. Ask the instance's administrators whether a proxy is misbehaving.`,
        detail: `reply over ${MAX_CONDUIT_REPLY_BYTES} bytes`,
        cause,
      });
    }
    const tls = tlsFailure(cause);
    if (tls !== null) {
      throw new ConduitError({
        kind: 'network',
        method: label,
        code: TLS_CERTIFICATE,
        info: tls,
        retryable: false,
        userMessage: `${host}'s TLS certificate is not trusted (${tls}), so no request was sent.`,
        detail: `TLS: ${tls}`,
        cause,
      });
    }
    const timedOut = controller.signal.aborted;
    throw new ConduitError({
      kind: 'network',
      method: label,
      userMessage: timedOut
        ? `${host} did not answer within ${Math.round(timeoutMs / 1000)} seconds; check your connection and try again.`
        : `Could not reach ${host}; check your network connection and the instance address in Steward's options.`,
      detail: timedOut ? `timed out after ${timeoutMs} ms` : `fetch failed: ${String(cause)}`,
      cause,
    });
  } finally {
    clearTimeout(timer);
  }
}
