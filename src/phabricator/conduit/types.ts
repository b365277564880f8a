// Options and inputs of the Conduit client (the agreed public API; see index.ts).

export type ConduitAuth =
  /** API token, sent inside `params` as `__conduit__.token`; the request omits cookies. */
  | { kind: 'token'; token: string }
  /**
   * The browser's logged-in session cookie plus its CSRF token. `refreshCsrfToken` is used once when
   * Phorge rejects the token; without it the client asks `GET /login/refresh/` for a fresh one.
   */
  | { kind: 'session'; csrfToken: () => Promise<string>; refreshCsrfToken?: () => Promise<string> };

export interface RetryPolicy {
  /** Total HTTP attempts per call, the first one included (1 disables retrying). */
  attempts: number;
  baseDelayMs: number;
  /** Cap of one backoff delay; a Retry-After longer than this ends the retries at once. */
  maxDelayMs: number;
}

export interface RequestInfo {
  method: string;
  bytesSent: number;
  bytesReceived: number;
  /** HTTP status, or 0 when fetch itself failed. */
  status: number;
}

export interface ConduitClientOptions {
  baseUrl: string;
  auth: ConduitAuth;
  fetch?: typeof fetch;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRequest?: (info: RequestInfo) => void;
  /** Called after each call Phabricator answered with a result (not an error): proof it is reachable. */
  onAnswered?: (method: string) => void;
  /** Abort one HTTP attempt after this long (default 30 s); counts as a network failure. */
  timeoutMs?: number;
  /** Wall clock in ms, used only to read an HTTP-date Retry-After (default Date.now). */
  now?: () => number;
  /** false: never gzip a request body, even where Phorge offers it (it was refused lately). */
  gzipBodies?: boolean;
  /** Called when a gzipped call failed where a plain one may not, and this client stopped gzipping. */
  onGzipRefused?: () => void;
}

export interface TaskConstraints {
  ids?: number[];
  phids?: string[];
  priorities?: number[];
  statuses?: string[];
  /** Names, slugs or PHIDs; a list means AND. For OR pass `any(PHID-PROJ-…)` items (PHIDs only). */
  projects?: string[];
  subscribers?: string[];
  assigned?: string[];
  modifiedStart?: number;
  query?: string;
}

export interface TaskSearchOptions {
  /** Both default to true: a TaskSnapshot without them has empty projectPHIDs / subscriberPHIDs. */
  attachments?: { projects?: boolean; subscribers?: boolean };
  /** Page size, 1 to 100 (default 100). All pages are always followed. */
  limit?: number;
  order?: string;
  /**
   * Send the whole id list in one call instead of calls of 100: for a search that returns few of them
   * (modifiedStart), where one request beats one per hundred. Phorge puts no bound on the list.
   */
  idsInOneCall?: boolean;
}

export interface UserQuery {
  phids?: string[];
  usernames?: string[];
}

export interface ProjectQuery {
  phids?: string[];
  /** Exact project names (case-insensitive). */
  names?: string[];
  slugs?: string[];
  query?: string;
}

export interface EditTransaction {
  type: string;
  value: unknown;
}

export interface Whoami {
  phid: string;
  userName: string;
  realName: string;
  roles: string[];
}
