// A Conduit client for a configured instance, in the auth mode the user chose.
import browser from 'webextension-polyfill';
import { ConduitClient, DEFAULT_RETRY, fetchSessionCsrfToken } from '../phabricator/conduit';
import type { Settings } from '../shared/settings';
import { hostPermissionPattern } from '../shared/host-pattern';
import { accountOf, epochOf, stampClient } from './instance-epoch';
import { gzipRefused, loadPlainBodies, mayGzip } from './plain-bodies';
import { HandlerError } from './router';
import { readToken } from './secrets';
import { instanceFor } from './settings-store';

export interface Counters {
  requests: number;
  bytesSent: number;
  bytesReceived: number;
}

/** Per-worker request counters: read by the benchmark and the e2e tests through the DevTools protocol. */
export const counters: Counters = { requests: 0, bytesSent: 0, bytesReceived: 0 };

// A CSRF token is good for hours; keep one per origin for the worker's life and refresh on rejection.
const csrfTokens = new Map<string, Promise<string>>();

export async function hasHostAccess(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [hostPermissionPattern(origin)] });
}

type AnsweredListener = (origin: string) => void;
let answeredListener: AnsweredListener | null = null;

/** Told whenever Phabricator answers a call made outside a poll: the worker ends a backoff on it. */
export function onConduitAnswered(listener: AnsweredListener | null): void {
  answeredListener = listener;
}

/**
 * How long "Test connection" waits for an answer. The user watches "Testing…" the whole time, so it is
 * one attempt with no retries: a server that is down answers the same on a second try, and the message
 * then names the wait the user actually sat through.
 */
export const CONNECTION_TEST_TIMEOUT_MS = 15_000;

/**
 * A client for the instance. `purpose` 'poll' keeps a poll's own calls from counting as a recovery
 * signal: the poll itself decides its backoff. 'test' is the options page's connection test (see
 * CONNECTION_TEST_TIMEOUT_MS).
 */
export async function clientFor(
  settings: Settings,
  origin: string,
  purpose: 'poll' | 'request' | 'test' = 'request',
): Promise<ConduitClient> {
  const born = { epoch: epochOf(origin), account: accountOf(origin) };
  const instance = instanceFor(settings, origin);
  if (!instance) throw new HandlerError('not-configured', `${origin} is not one of Steward's instances.`);
  // Asked at once: each is a round trip (to the browser, to IndexedDB) before any request can leave.
  const [access, token] = await Promise.all([
    hasHostAccess(origin),
    instance.authMode === 'token' ? readToken(origin) : null,
    loadPlainBodies(origin),
  ]);
  if (!access) {
    throw new HandlerError(
      'no-permission',
      `Steward has no access to ${origin}: grant it on the options page.`,
    );
  }
  const onRequest = (info: { bytesSent: number; bytesReceived: number }) => {
    counters.requests += 1;
    counters.bytesSent += info.bytesSent;
    counters.bytesReceived += info.bytesReceived;
  };
  const onAnswered = purpose === 'poll' ? undefined : () => answeredListener?.(origin);
  const bodies = { gzipBodies: mayGzip(origin), onGzipRefused: () => gzipRefused(origin) };
  const patience =
    purpose === 'test'
      ? { retry: { ...DEFAULT_RETRY, attempts: 1 }, timeoutMs: CONNECTION_TEST_TIMEOUT_MS }
      : {};
  if (instance.authMode === 'token') {
    if (!token) {
      throw new HandlerError(
        'invalid-token',
        `No API token is stored for ${origin}: add one on the options page.`,
      );
    }
    return stampClient(
      new ConduitClient({
        baseUrl: origin,
        auth: { kind: 'token', token },
        onRequest,
        ...bodies,
        ...patience,
        ...(onAnswered ? { onAnswered } : {}),
      }),
      origin,
      born,
    );
  }
  const fresh = () => {
    const token = fetchSessionCsrfToken(
      origin,
      fetch.bind(globalThis),
      purpose === 'test' ? { timeoutMs: CONNECTION_TEST_TIMEOUT_MS } : {},
    );
    csrfTokens.set(origin, token);
    token.catch(() => csrfTokens.delete(origin));
    return token;
  };
  return stampClient(
    new ConduitClient({
      baseUrl: origin,
      auth: { kind: 'session', csrfToken: () => csrfTokens.get(origin) ?? fresh(), refreshCsrfToken: fresh },
      onRequest,
      ...bodies,
      ...patience,
      ...(onAnswered ? { onAnswered } : {}),
    }),
    origin,
    born,
  );
}
