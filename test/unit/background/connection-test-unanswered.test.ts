// "Test connection" against an instance that accepts the connection and never answers: the options page
// shows "Testing…" meanwhile, so the worker makes one attempt and gives up after the wait its message
// names, instead of retrying with backoff as a poll does.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { handlers } = await import('../../../src/background/handlers');
const { CONNECTION_TEST_TIMEOUT_MS } = await import('../../../src/background/instance-client');

const ORIGIN = 'https://phab.example.org';
const call = (type: string, request: Record<string, unknown> = {}) =>
  (handlers as unknown as Record<string, (r: unknown, s: unknown) => Promise<unknown>>)[type]!(
    { type, ...request },
    { kind: 'extension-page' },
  );

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Requests to the instance hang until aborted; anything else (a registry source) fails at once. */
function hangingInstance() {
  let fetches = 0;
  const hanging: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(ORIGIN)) return Promise.reject(new TypeError('offline'));
    fetches += 1;
    return new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  };
  vi.stubGlobal('fetch', hanging);
  return { fetches: () => fetches };
}

async function timeTest(): Promise<{ waitedSeconds: number; message: string }> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const start = Date.now();
  let settledAt: number | null = null;
  let message = '';
  void call('connection/test', { instance: ORIGIN }).then(
    () => (settledAt = Date.now()),
    (error: { message?: string }) => {
      settledAt = Date.now();
      message = error.message ?? '';
    },
  );
  for (let i = 0; i < 300 && settledAt === null; i++) await vi.advanceTimersByTimeAsync(1000);
  expect(settledAt).not.toBeNull();
  return { waitedSeconds: (settledAt! - start) / 1000, message };
}

describe('connection test on a server that never answers', () => {
  it('with an API token: one attempt, and the message names the wait', async () => {
    const server = hangingInstance();
    fake.current!.grant(ORIGIN);
    await call('settings/save', {
      settings: { version: 1, instances: [{ url: ORIGIN, authMode: 'token' }] },
    });
    await call('token/set', { instance: ORIGIN, token: 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc' });
    const { waitedSeconds, message } = await timeTest();
    const seconds = CONNECTION_TEST_TIMEOUT_MS / 1000;
    expect(message).toContain(`did not answer within ${seconds} seconds`);
    expect(waitedSeconds).toBeLessThanOrEqual(seconds + 1);
    expect(server.fetches()).toBe(1);
  });

  it('with the browser session: the security-token request gives up as soon', async () => {
    const server = hangingInstance();
    fake.current!.grant(ORIGIN);
    await call('settings/save', {
      settings: { version: 1, instances: [{ url: ORIGIN, authMode: 'session' }] },
    });
    const { waitedSeconds, message } = await timeTest();
    const seconds = CONNECTION_TEST_TIMEOUT_MS / 1000;
    expect(message).toContain(`did not answer within ${seconds} seconds`);
    expect(waitedSeconds).toBeLessThanOrEqual(seconds + 1);
    expect(server.fetches()).toBe(1);
  });
});
