// The one error type the client throws. `kind` says what the user can do about it; `userMessage`
// says it in one sentence.

export type ConduitErrorKind =
  | 'invalid-token'
  | 'session-expired'
  /** The instance answers at another address (`info` holds it): the configured one is out of date. */
  | 'moved'
  | 'csrf'
  | 'permission'
  | 'not-found'
  | 'unknown-method'
  | 'invalid-request'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'malformed';

const RETRYABLE: ReadonlySet<ConduitErrorKind> = new Set(['rate-limited', 'server', 'network']);

export interface ConduitErrorInit {
  kind: ConduitErrorKind;
  method: string;
  userMessage: string;
  code?: string | null;
  info?: string | null;
  /** Technical detail for logs; defaults to the user message. */
  detail?: string;
  /** HTTP status of the last attempt, when there was a response. */
  status?: number | null;
  /** When the server asked us to wait longer than the retry policy allows. */
  retryAfterMs?: number | null;
  /** Whether trying again may help; by default, what `kind` says (a dropped connection may, a refused
   *  certificate will not). */
  retryable?: boolean;
  cause?: unknown;
}

export class ConduitError extends Error {
  readonly kind: ConduitErrorKind;
  readonly method: string;
  readonly code: string | null;
  readonly info: string | null;
  readonly userMessage: string;
  readonly retryable: boolean;
  readonly status: number | null;
  readonly retryAfterMs: number | null;

  constructor(init: ConduitErrorInit) {
    super(`${init.method}: ${init.detail ?? init.userMessage}`, { cause: init.cause });
    this.name = 'ConduitError';
    this.kind = init.kind;
    this.method = init.method;
    this.code = init.code ?? null;
    this.info = init.info ?? null;
    this.userMessage = init.userMessage;
    this.retryable = init.retryable ?? RETRYABLE.has(init.kind);
    this.status = init.status ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

export function isConduitError(value: unknown): value is ConduitError {
  return value instanceof ConduitError;
}
