// The Conduit client: one place that knows how to authenticate, retry, page, batch and read replies.
import type {
  PhabProject,
  PhabUser,
  PriorityLevel,
  StatusLevel,
  TaskSnapshot,
  TaskTransaction,
} from '../../core/model';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from './backoff';
import { errorFromReply } from './classify';
import { fetchSessionCsrfToken } from './csrf';
import { ConduitError, isConduitError } from './errors';
import { GZIP_FROM_BYTES, gzipText, offersGzip } from './gzip';
import { normalizeBaseUrl } from './instance';
import { chunk, clampLimit, collectPages } from './paging';
import type { Page } from './paging';
import { malformed, parseEnvelope, parseJsonBody, parseResult } from './reply';
import type { ResultOf, TypedMethod } from './reply';
import { toPriorityLevel, toStatusLevel, toTaskSnapshot } from './schemas/maniphest';
import { toPhabProject } from './schemas/project';
import { toTaskTransaction } from './schemas/transaction';
import { fromLegacyTransaction } from './schemas/legacy-transactions';
import { toPhabUser, toWhoami } from './schemas/user';
import { byteLength, conduitFormBody, exchange, hostOf } from './transport';
import type { HttpReply, HttpRequest } from './transport';
import type {
  ConduitAuth,
  ConduitClientOptions,
  EditTransaction,
  ProjectQuery,
  RequestInfo,
  RetryPolicy,
  TaskConstraints,
  TaskSearchOptions,
  UserQuery,
  Whoami,
} from './types';

interface CallContext {
  /** Safe to send twice: reads are; an edit that may have reached the server is not. */
  idempotent: boolean;
  /** objectIdentifier, to name the task in error messages. */
  object?: string;
  /** Throws when the result does not answer what was asked (see onlyAsked). */
  verify?: (result: unknown) => void;
}

/** A body as it goes on the wire. */
interface WireBody {
  body: string | Uint8Array<ArrayBuffer>;
  bytes: number;
}

/**
 * Whether a gzipped call's failure may come from a body Phorge did not read (a proxy that refuses the
 * encoding, or drops the header and passes the bytes on): only then is the call sent again plain. Its
 * credentials ride in the body alone (the API token, or a session's CSRF token, then not sent as a header
 * too), so an unread body fails as unauthenticated, never as a call with no parameters: in token mode as
 * "no session or token" (ERR-INVALID-SESSION), in a session as "no CSRF token" (Phorge calls a stale one
 * invalid, which proves it read the body). A reply that is not Conduit's (a proxy's page) or that does
 * not answer the question (see onlyAsked) is one too. Anything else Phorge answered after reading the
 * body, and the network, a rate limit or a server error would meet the plain call as well.
 */
function mayBeUnreadBody(error: unknown): boolean {
  if (!isConduitError(error)) return true;
  switch (error.kind) {
    case 'malformed':
      return true;
    case 'invalid-token':
      return error.code === 'ERR-INVALID-SESSION';
    case 'csrf':
      return !/invalid CSRF token/i.test(error.info ?? '');
    default:
      return false;
  }
}

/**
 * A search by id whose reply holds a task it did not ask for did not read its constraints (its body
 * was lost on the way): the reply is not an answer, rather than a list of changed tasks.
 */
function onlyAsked(method: string, ids: readonly number[]): (result: unknown) => void {
  const asked = new Set(ids);
  return (result) => {
    const data = (result as { data?: unknown } | null)?.data;
    if (!Array.isArray(data)) return;
    for (const item of data) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && !asked.has(id))
        throw malformed(
          method,
          `result lists T${id}, which was not asked for: the constraints were not read`,
        );
    }
  };
}

const DEFAULT_TIMEOUT_MS = 30_000;

type SearchMethod = 'maniphest.search' | 'transaction.search' | 'user.search' | 'project.search';

/** Constraints whose list is a set of alternatives: an empty list can match nothing. */
const ALTERNATIVE_LISTS = ['ids', 'phids', 'priorities', 'statuses', 'subscribers', 'assigned'] as const;

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string | number): T[] {
  const seen = new Set<string | number>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `T123` for numbers and bare digits; PHIDs and monograms pass through. */
export function taskIdentifier(objectIdentifier: string | number): string {
  if (typeof objectIdentifier === 'number') return `T${objectIdentifier}`;
  const text = objectIdentifier.trim();
  return /^\d+$/.test(text) ? `T${text}` : text;
}

/** What Phorge makes of a project name as a slug (lower case, runs of blanks and symbols as `_`). */
export function projectSlugGuess(name: string): string {
  return name
    .toLowerCase()
    .replace(/[\s\p{Cc}#%&+=?\\<>"'/]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

export class ConduitClient {
  readonly baseUrl: string;
  private readonly auth: ConduitAuth;
  private readonly fetchImpl: typeof fetch;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly onRequest: ((info: RequestInfo) => void) | undefined;
  private readonly onAnswered: ((method: string) => void) | undefined;
  private readonly host: string;
  /** A token fetched after Phorge rejected the caller's; reused until it is rejected in turn. */
  private refreshedCsrf: string | null = null;
  private refreshing: Promise<string> | null = null;
  private latestServerTime: number | null = null;
  /** The last reply offered gzip request bodies (X-Conduit-Capabilities). */
  private gzipOffered = false;
  /** A gzipped call failed where a plain one may not (or the caller said so): bodies go as they are. */
  private gzipRefused: boolean;
  private readonly onGzipRefused: (() => void) | undefined;
  /** Open clock watches (watchServerTime): each takes the first reply's clock after it began. */
  private clockWatches: { at: number | null }[] = [];

  constructor(options: ConduitClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.host = hostOf(this.baseUrl);
    this.auth = options.auth;
    // Bound so that a worker's or a page's global fetch keeps its `this`.
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.retry = {
      attempts: Math.max(1, Math.floor(options.retry?.attempts ?? DEFAULT_RETRY.attempts)),
      baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
      maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    };
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.onRequest = options.onRequest;
    this.onAnswered = options.onAnswered;
    this.gzipRefused = options.gzipBodies === false;
    this.onGzipRefused = options.onGzipRefused;
  }

  /** Calls any method and returns its raw `result`; every failure is a ConduitError. */
  call(method: string, params: Record<string, unknown>): Promise<unknown> {
    return this.invoke(method, params, {
      idempotent: method !== 'maniphest.edit' && !method.endsWith('.edit'),
    });
  }

  async ping(): Promise<string> {
    return this.typed('conduit.ping', {}, { idempotent: true });
  }

  async whoami(): Promise<Whoami> {
    return toWhoami(await this.typed('user.whoami', {}, { idempotent: true }));
  }

  /** All matching tasks: follows every page and splits id and PHID lists into calls of 100. */
  async searchTasks(constraints: TaskConstraints, opts: TaskSearchOptions = {}): Promise<TaskSnapshot[]> {
    for (const key of ALTERNATIVE_LISTS) {
      if (constraints[key]?.length === 0) return [];
    }
    const shared: Record<string, unknown> = {};
    for (const key of ['priorities', 'statuses', 'subscribers', 'assigned', 'projects'] as const) {
      const list = constraints[key];
      if (list && list.length > 0) shared[key] = list;
    }
    if (constraints.modifiedStart !== undefined) shared.modifiedStart = constraints.modifiedStart;
    if (constraints.query !== undefined && constraints.query.trim() !== '') shared.query = constraints.query;

    const attachments: Record<string, boolean> = {};
    if (opts.attachments?.projects ?? true) attachments.projects = true;
    if (opts.attachments?.subscribers ?? true) attachments.subscribers = true;

    const idBatches: Array<number[] | undefined> = constraints.ids
      ? opts.idsInOneCall
        ? [unique(constraints.ids)]
        : chunk(unique(constraints.ids))
      : [undefined];
    const phidBatches: Array<string[] | undefined> = constraints.phids
      ? chunk(unique(constraints.phids))
      : [undefined];
    const tasks: TaskSnapshot[] = [];
    for (const ids of idBatches) {
      for (const phids of phidBatches) {
        const batch = { ...shared, ...(ids ? { ids } : {}), ...(phids ? { phids } : {}) };
        const params: Record<string, unknown> = { constraints: batch, limit: clampLimit(opts.limit) };
        if (Object.keys(attachments).length > 0) params.attachments = attachments;
        if (opts.order !== undefined) params.order = opts.order;
        const ctx: CallContext = { idempotent: true };
        if (ids) ctx.verify = onlyAsked('maniphest.search', ids);
        const items = await this.allPages('maniphest.search', params, ctx);
        tasks.push(...items.map(toTaskSnapshot));
      }
    }
    return uniqueBy(tasks, (t) => t.id);
  }

  /**
   * The newest server clock reading (HTTP Date, epoch seconds) among this client's replies: Phorge's
   * own time, so a modifiedStart window built on it does not depend on the browser's clock.
   */
  serverTime(): number | null {
    return this.latestServerTime;
  }

  /**
   * Watches Phorge's clock from now: the returned function ends the watch and gives the clock of the first
   * reply after it began (null when none carried one). A search of many pages sees each page as it was
   * when that page was served; a window built on it must start no later than its first page.
   */
  watchServerTime(): () => number | null {
    const watch = { at: null as number | null };
    this.clockWatches.push(watch);
    return () => {
      this.clockWatches = this.clockWatches.filter((w) => w !== watch);
      return watch.at;
    };
  }

  /**
   * The task's history with only what is newer than `known` fetched: transaction.search pages newest
   * first, so paging stops at the first page that reaches a known transaction id, and the new ones are
   * merged in front of the known ones. Bytes follow the new transactions, not the history's length.
   */
  async taskHistorySince(
    objectIdentifier: string | number,
    known: readonly TaskTransaction[],
    opts: { limit?: number } = {},
  ): Promise<{ history: TaskTransaction[]; fetched: number }> {
    let newestKnown = -1;
    for (const tx of known) if (tx.id > newestKnown) newestKnown = tx.id;
    if (newestKnown < 0) {
      const history = await this.taskHistory(objectIdentifier, opts);
      return { history, fetched: history.length };
    }
    const object = taskIdentifier(objectIdentifier);
    const ctx = { idempotent: true, object };
    // Pages of a few: most changes between two polls are a comment and the subscription it brings.
    const limit = clampLimit(opts.limit ?? 5);
    const fresh: TaskTransaction[] = [];
    const seen = new Set<string>();
    let after: string | null = null;
    for (;;) {
      const params: Record<string, unknown> = { objectIdentifier: object, limit };
      if (after !== null) params.after = after;
      const page = await this.typed('transaction.search', params, ctx);
      let reachedKnown = false;
      for (const item of page.data) {
        if (item.id <= newestKnown) reachedKnown = true;
        else fresh.push(toTaskTransaction(item));
      }
      const next = page.cursor.after;
      if (reachedKnown || next === null || page.data.length === 0) break;
      if (seen.has(next))
        throw malformed(
          'transaction.search',
          `result.cursor.after repeats "${next}"; paging would never end`,
        );
      seen.add(next);
      after = next;
    }
    const freshIds = new Set(fresh.map((tx) => tx.id));
    const history = [...fresh, ...known.filter((tx) => !freshIds.has(tx.id))];
    history.sort((a, b) => b.dateCreated - a.dateCreated || b.id - a.id);
    return { history, fetched: fresh.length };
  }

  /**
   * Whole histories of many tasks in calls of `batch` tasks, through the frozen
   * maniphest.gettasktransactions (newest first, like transaction.search). Resolves to null when the
   * instance no longer has that method, so the caller reads task by task instead. `between` runs after
   * each call, to let other work (a page view) go first.
   */
  async taskHistories(
    tasks: readonly { id: number; phid: string }[],
    opts: { batch?: number; between?: () => Promise<void> } = {},
  ): Promise<Map<number, TaskTransaction[]> | null> {
    const histories = new Map<number, TaskTransaction[]>();
    const phidOf = new Map(tasks.map((t) => [t.id, t.phid]));
    for (const ids of chunk([...phidOf.keys()], opts.batch ?? 25)) {
      let result: ResultOf<'maniphest.gettasktransactions'>;
      try {
        result = await this.typed('maniphest.gettasktransactions', { ids }, { idempotent: true });
      } catch (error) {
        if (isConduitError(error) && error.kind === 'unknown-method') return null;
        throw error;
      }
      if (!Array.isArray(result)) {
        for (const [key, items] of Object.entries(result)) {
          const id = Number(key);
          const phid = phidOf.get(id);
          if (phid === undefined) continue;
          const history = items.map((item) => fromLegacyTransaction(item, phid));
          history.sort((a, b) => b.dateCreated - a.dateCreated || b.id - a.id);
          histories.set(id, history);
        }
      }
      await opts.between?.();
    }
    return histories;
  }

  /** The task's whole history, newest first, as transaction.search returns it. */
  async taskHistory(
    objectIdentifier: string | number,
    opts: { limit?: number } = {},
  ): Promise<TaskTransaction[]> {
    const object = taskIdentifier(objectIdentifier);
    const items = await this.allPages(
      'transaction.search',
      { objectIdentifier: object, limit: clampLimit(opts.limit) },
      { idempotent: true, object },
    );
    return items.map(toTaskTransaction);
  }

  /**
   * These task transactions, read again by PHID whatever task holds them, with every version of their
   * comments, in calls of a page each (transaction.search by `objectType`). Resolves to null on an
   * instance whose transaction.search takes only one object (Phabricator, and Phorge before `objectType`).
   * A transaction the account may no longer see is left out.
   */
  async taskTransactions(
    phids: readonly string[],
    opts: { between?: () => Promise<void> } = {},
  ): Promise<TaskTransaction[] | null> {
    const found: TaskTransaction[] = [];
    for (const batch of chunk([...new Set(phids)], clampLimit(undefined))) {
      try {
        const items = await this.allPages(
          'transaction.search',
          { objectType: 'TASK', constraints: { phids: batch }, limit: batch.length },
          { idempotent: true },
        );
        for (const item of items) found.push(toTaskTransaction(item));
      } catch (error) {
        if (isConduitError(error) && error.kind === 'invalid-request') return null;
        throw error;
      }
      await opts.between?.();
    }
    return found;
  }

  /**
   * Applies transactions (owner, comment, subscribers.add, priority by keyword, status). Never
   * retried after a server error or a network failure: the edit may already have been saved.
   */
  async editTask(
    objectIdentifier: string | number,
    transactions: EditTransaction[],
  ): Promise<{ id: number; phid: string }> {
    const object = taskIdentifier(objectIdentifier);
    const result = await this.typed(
      'maniphest.edit',
      { objectIdentifier: object, transactions },
      { idempotent: false, object },
    );
    return { id: result.object.id, phid: result.object.phid };
  }

  /** Users with their availability. PHIDs and usernames are looked up separately (either matches). */
  async searchUsers(q: UserQuery = {}): Promise<PhabUser[]> {
    const attachments = { availability: true };
    const ctx = { idempotent: true };
    if (q.phids === undefined && q.usernames === undefined) {
      return (await this.allPages('user.search', { attachments, limit: 100 }, ctx)).map(toPhabUser);
    }
    const users: PhabUser[] = [];
    for (const [key, list] of [
      ['phids', q.phids],
      ['usernames', q.usernames],
    ] as const) {
      for (const batch of chunk(unique(list ?? []))) {
        const items = await this.allPages(
          'user.search',
          { constraints: { [key]: batch }, attachments, limit: 100 },
          ctx,
        );
        users.push(...items.map(toPhabUser));
      }
    }
    return uniqueBy(users, (u) => u.phid);
  }

  /**
   * Projects matching any of the given PHIDs, slugs, exact names or the query; every project when
   * the query is empty. A name finds every project that carries it: milestones have no slug and Phorge
   * lets them share a name with each other and with a root project, so a slug hit is not the only one.
   */
  async searchProjects(q: ProjectQuery = {}): Promise<PhabProject[]> {
    const ctx = { idempotent: true };
    const search = async (constraints?: Record<string, unknown>) => {
      const params: Record<string, unknown> = { limit: 100 };
      if (constraints) params.constraints = constraints;
      return (await this.allPages('project.search', params, ctx)).map(toPhabProject);
    };
    if (q.phids === undefined && q.slugs === undefined && q.names === undefined && q.query === undefined) {
      return search();
    }
    const projects: PhabProject[] = [];
    for (const batch of chunk(unique(q.phids ?? []))) projects.push(...(await search({ phids: batch })));
    for (const batch of chunk(unique(q.slugs ?? []))) projects.push(...(await search({ slugs: batch })));

    const names = unique(q.names ?? []).filter((n) => n.trim() !== '');
    const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
    const guesses = unique(names.map(projectSlugGuess).filter((s) => s !== ''));
    const bySlug: PhabProject[] = [];
    for (const batch of chunk(guesses)) bySlug.push(...(await search({ slugs: batch })));
    for (const name of names) {
      projects.push(...bySlug.filter((p) => sameName(p.name, name)));
      // `name` matches by tokens (so "Echo" also finds "Echo-Push"); keep exact names only.
      projects.push(...(await search({ name })).filter((p) => sameName(p.name, name)));
    }
    if (q.query !== undefined && q.query.trim() !== '') projects.push(...(await search({ query: q.query })));
    return uniqueBy(projects, (p) => p.phid);
  }

  async priorities(): Promise<PriorityLevel[]> {
    return (await this.typed('maniphest.priority.search', {}, { idempotent: true })).data.map(
      toPriorityLevel,
    );
  }

  async statuses(): Promise<StatusLevel[]> {
    const statuses = (await this.typed('maniphest.status.search', {}, { idempotent: true })).data.map(
      toStatusLevel,
    );
    // Phorge requires an open status. A list without one is not its answer (a proxy, a cache), and read
    // as "nothing can be open" it would show no UBN! at all and pass every deploy gate.
    if (!statuses.some((s) => !s.closed))
      throw malformed('maniphest.status.search', 'the reply lists no open status');
    return statuses;
  }

  private async typed<M extends TypedMethod>(
    method: M,
    params: Record<string, unknown>,
    ctx: CallContext,
  ): Promise<ResultOf<M>> {
    return parseResult(method, await this.invoke(method, params, ctx));
  }

  private async allPages<M extends SearchMethod>(
    method: M,
    params: Record<string, unknown>,
    ctx: CallContext,
  ): Promise<Array<ResultOf<M>['data'][number]>> {
    return collectPages(method, async (after) => {
      const pageParams = after === null ? params : { ...params, after };
      // Every search result schema is a searchResultSchema (data + cursor); TS cannot see that through M.
      return (await this.typed(method, pageParams, ctx)) as Page<ResultOf<M>['data'][number]>;
    });
  }

  private async invoke(method: string, params: Record<string, unknown>, ctx: CallContext): Promise<unknown> {
    const result = await this.invokeAs(method, params, ctx);
    this.onAnswered?.(method);
    return result;
  }

  private async invokeAs(
    method: string,
    params: Record<string, unknown>,
    ctx: CallContext,
  ): Promise<unknown> {
    const auth = this.auth;
    if (auth.kind === 'token') {
      // Exactly as arcanist sends it: the token rides inside params, not as a form field.
      const body = conduitFormBody({ ...params, __conduit__: { token: auth.token } });
      return this.exchangeSettled(method, body, {}, {}, 'omit', ctx);
    }
    let csrf = this.refreshedCsrf ?? (await this.csrfFrom(auth.csrfToken));
    for (let refreshed = false; ; refreshed = true) {
      const body = conduitFormBody(params, { __csrf__: csrf });
      try {
        const header = { 'X-Phabricator-Csrf': csrf };
        return await this.exchangeSettled(method, body, header, {}, 'include', ctx);
      } catch (error) {
        // A page's token goes stale after about 6 hours; one fresh token settles it, a second
        // rejection means the session itself is wrong.
        if (refreshed || !isConduitError(error) || error.kind !== 'csrf') throw error;
        csrf = await this.freshCsrf(auth, csrf);
      }
    }
  }

  /** One refresh shared by every call that saw the same token rejected. */
  private freshCsrf(auth: Extract<ConduitAuth, { kind: 'session' }>, rejected: string): Promise<string> {
    if (this.refreshedCsrf !== null && this.refreshedCsrf !== rejected)
      return Promise.resolve(this.refreshedCsrf);
    this.refreshing ??= this.csrfFrom(
      auth.refreshCsrfToken ??
        (() =>
          fetchSessionCsrfToken(this.baseUrl, this.fetchImpl, {
            timeoutMs: this.timeoutMs,
            onRequest: this.onRequest,
          })),
    )
      .then((token) => {
        this.refreshedCsrf = token;
        return token;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private async csrfFrom(source: () => Promise<string>): Promise<string> {
    try {
      const token = await source();
      if (token.trim() === '') throw new Error('empty CSRF token');
      return token;
    } catch (cause) {
      if (isConduitError(cause)) throw cause;
      throw new ConduitError({
        kind: 'csrf',
        method: 'session',
        userMessage: `Steward could not get a security token for your ${this.host} session; open a Phabricator page, log in and try again.`,
        detail: `csrfToken() failed: ${String(cause)}`,
        cause,
      });
    }
  }

  /**
   * Sends the body and reads the reply; a long read goes gzipped when Phorge offers that. Phorge names
   * the capability itself, but a proxy between may not pass such a body on: a gzipped call whose failure
   * may come from an unread body is sent again as it is, and this client stops gzipping (its owner is
   * told, to keep the instance's bodies plain for a while).
   */
  private async exchangeSettled(
    method: string,
    body: string,
    headers: Record<string, string>,
    /** The headers of the gzipped call: no credentials, which ride in the body (see mayBeUnreadBody). */
    gzipHeaders: Record<string, string>,
    credentials: 'omit' | 'include',
    ctx: CallContext,
  ): Promise<unknown> {
    const answer = (reply: HttpReply) => {
      const result = this.settle(method, reply, ctx);
      ctx.verify?.(result);
      return result;
    };
    const packed = await this.gzipped(body, ctx);
    if (packed) {
      try {
        return answer(
          await this.send(method, packed, { ...gzipHeaders, 'Content-Encoding': 'gzip' }, credentials, ctx),
        );
      } catch (error) {
        if (!mayBeUnreadBody(error)) throw error;
        this.gzipRefused = true;
        this.onGzipRefused?.();
      }
    }
    return answer(await this.send(method, { body, bytes: byteLength(body) }, headers, credentials, ctx));
  }

  /** The body gzipped, when that is worth it and safe; null to send it as it is. */
  private async gzipped(body: string, ctx: CallContext): Promise<WireBody | null> {
    // Only reads: a failed edit is never sent again, and edits are short anyway.
    if (!ctx.idempotent || !this.gzipOffered || this.gzipRefused || body.length < GZIP_FROM_BYTES)
      return null;
    const bytes = await gzipText(body);
    return bytes ? { body: bytes, bytes: bytes.length } : null;
  }

  /** Sends the request, retrying 429, 5xx and network failures with backoff where that is safe. */
  private async send(
    method: string,
    wire: WireBody,
    headers: Record<string, string>,
    credentials: 'omit' | 'include',
    ctx: CallContext,
  ): Promise<HttpReply> {
    const request: HttpRequest = {
      url: `${this.baseUrl}/api/${method}`,
      method: 'POST',
      body: wire.body,
      headers,
      credentials,
    };
    const bytesSent = wire.bytes;
    const last = this.retry.attempts - 1;
    for (let attempt = 0; ; attempt++) {
      let reply: HttpReply;
      try {
        reply = await exchange(this.fetchImpl, request, method, this.timeoutMs);
      } catch (error) {
        this.onRequest?.({ method, bytesSent, bytesReceived: 0, status: 0 });
        // A redirect to a sign-in page is an answer, not a dropped connection: trying again changes nothing.
        if (!ctx.idempotent || attempt >= last || (isConduitError(error) && !error.retryable)) throw error;
        await this.sleep(backoffDelay(this.retry, attempt, this.random));
        continue;
      }
      this.onRequest?.({ method, bytesSent, bytesReceived: reply.bytesReceived, status: reply.status });
      this.gzipOffered = offersGzip(reply.capabilities);
      if (reply.serverTime !== null) {
        if ((this.latestServerTime ?? 0) < reply.serverTime) this.latestServerTime = reply.serverTime;
        for (const watch of this.clockWatches) watch.at ??= reply.serverTime;
      }
      const limited = reply.status === 429;
      if (!limited && reply.status < 500) return reply;

      // A 429 was refused before any work; a 5xx on an edit may have been applied.
      const mayRetry = limited || ctx.idempotent;
      const waitMs = parseRetryAfter(reply.retryAfter, this.now());
      const tooLong = waitMs !== null && waitMs > this.retry.maxDelayMs;
      if (!mayRetry || attempt >= last || tooLong)
        throw this.httpError(method, reply.status, waitMs, ctx, attempt + 1);
      await this.sleep(waitMs ?? backoffDelay(this.retry, attempt, this.random));
    }
  }

  private httpError(
    method: string,
    status: number,
    waitMs: number | null,
    ctx: CallContext,
    attempts: number,
  ): ConduitError {
    const tries = attempts === 1 ? 'once' : `${attempts} times`;
    if (status === 429) {
      return new ConduitError({
        kind: 'rate-limited',
        method,
        status,
        retryAfterMs: waitMs,
        userMessage: `${this.host} is limiting how often Steward may call it (HTTP 429); Steward will try again later.`,
        detail: `HTTP 429 after trying ${tries}`,
      });
    }
    return new ConduitError({
      kind: 'server',
      method,
      status,
      retryAfterMs: waitMs,
      userMessage: ctx.idempotent
        ? `${this.host} had a server error (HTTP ${status}); try again in a few minutes.`
        : `${this.host} had a server error (HTTP ${status}) during the change, which may or may not have been saved; check the task before trying again.`,
      detail: `HTTP ${status} after trying ${tries}`,
    });
  }

  /** Reads the reply: JSON, then the envelope, then Phorge's error code. */
  private settle(method: string, reply: HttpReply, ctx: CallContext): unknown {
    let json: unknown;
    try {
      json = parseJsonBody(method, reply.text, reply.status);
    } catch (error) {
      if (reply.status >= 200 && reply.status < 300) throw error;
      throw new ConduitError({
        kind: 'malformed',
        method,
        status: reply.status,
        userMessage: `${this.host} did not answer like a Phabricator server (HTTP ${reply.status}); check the instance address in Steward's options.`,
        detail: `HTTP ${reply.status} with a body that is not JSON`,
        cause: error,
      });
    }
    const envelope = parseEnvelope(method, json);
    if (envelope.error_code !== null) {
      throw errorFromReply(
        { method, authKind: this.auth.kind, host: this.host, ...(ctx.object ? { object: ctx.object } : {}) },
        envelope.error_code,
        envelope.error_info ?? null,
      );
    }
    if (reply.status < 200 || reply.status >= 300) {
      throw malformed(method, `HTTP ${reply.status} with a successful-looking Conduit reply`, reply.status);
    }
    return envelope.result;
  }
}
