// HTTP 429 and 5xx: bounded retries with exponential backoff and full jitter, Retry-After honoured;
// network failures; and replies that are not Conduit at all.
import { describe, expect, it } from 'vitest';
import { backoffDelay, ConduitClient, parseRetryAfter } from '../../../src/phabricator/conduit';
import type { ConduitClientOptions, RequestInfo } from '../../../src/phabricator/conduit';
import { conduitOk, fakeFetch } from './support/fake-fetch';
import { failure } from './support/failure';
import type { FakeAnswer } from './support/fake-fetch';

const BASE = 'https://phab.example.org';
const PING_OK = conduitOk('phab-host');

function setup(answers: FakeAnswer[], options: Partial<ConduitClientOptions> = {}) {
  const fake = fakeFetch((_call, i) => answers[Math.min(i, answers.length - 1)]!);
  const sleeps: number[] = [];
  const requests: RequestInfo[] = [];
  const client = new ConduitClient({
    baseUrl: BASE,
    auth: { kind: 'token', token: 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc' },
    fetch: fake.fetch,
    retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onRequest: (info) => requests.push(info),
    ...options,
  });
  return { client, calls: fake.calls, sleeps, requests };
}

const status = (
  code: number,
  headers: Record<string, string> = {},
  body = '<html>busy</html>',
): FakeAnswer => ({
  status: code,
  body,
  headers,
});

describe('backoff', () => {
  it('draws each delay uniformly below an exponentially growing, capped ceiling', () => {
    const policy = { attempts: 7, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0.999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Thu, 26 Nov 2026 13:47:45 GMT');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 13:47:50 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('retrying reads', () => {
  it('retries a 429 and succeeds, waiting a jittered delay', async () => {
    const { client, calls, sleeps } = setup([status(429), PING_OK]);
    await expect(client.ping()).resolves.toBe('phab-host');
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([50]);
  });

  it('retries 5xx with growing delays', async () => {
    const { client, calls, sleeps } = setup([status(503), status(502), PING_OK]);
    await expect(client.ping()).resolves.toBe('phab-host');
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('gives up after the bounded number of attempts with a server error', async () => {
    const { client, calls, sleeps } = setup([status(500)]);
    const error = await failure(client.ping());
    expect(error).toMatchObject({ kind: 'server', status: 500, retryable: true, method: 'conduit.ping' });
    expect(error.userMessage).toMatch(/server error \(HTTP 500\)/);
    expect(calls).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it('reports rate limiting after the last attempt', async () => {
    const { client, calls } = setup([status(429)], {
      retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 100 },
    });
    expect(await failure(client.ping())).toMatchObject({
      kind: 'rate-limited',
      status: 429,
      retryable: true,
    });
    expect(calls).toHaveLength(2);
  });

  it('waits exactly what Retry-After asks when it fits the policy', async () => {
    const { client, sleeps } = setup([status(429, { 'Retry-After': '1' }), PING_OK]);
    await client.ping();
    expect(sleeps).toEqual([1000]);
  });

  it('honours an HTTP-date Retry-After against the injected clock', async () => {
    const now = Date.parse('Thu, 26 Nov 2026 13:47:45 GMT');
    const { client, sleeps } = setup(
      [status(503, { 'Retry-After': 'Thu, 26 Nov 2026 13:47:45 GMT' }), PING_OK],
      {
        now: () => now - 400,
      },
    );
    await client.ping();
    expect(sleeps).toEqual([400]);
  });

  it('stops at once when Retry-After is longer than the policy allows, and says how long to wait', async () => {
    const { client, calls, sleeps } = setup([status(429, { 'Retry-After': '120' })]);
    const error = await failure(client.ping());
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 120_000 });
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a network failure, then reports it', async () => {
    const { client, calls } = setup([new TypeError('fetch failed')]);
    const error = await failure(client.ping());
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.userMessage).toMatch(/Could not reach phab\.example\.org/);
    expect(calls).toHaveLength(4);
  });

  it('recovers from one dropped connection', async () => {
    const { client, calls } = setup([new TypeError('socket hang up'), PING_OK]);
    await expect(client.ping()).resolves.toBe('phab-host');
    expect(calls).toHaveLength(2);
  });

  it('times out a request that never answers', async () => {
    const hanging = ((_input: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as typeof fetch;
    const client = new ConduitClient({
      baseUrl: BASE,
      auth: { kind: 'token', token: 't' },
      fetch: hanging,
      timeoutMs: 20,
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    });
    const error = await failure(client.ping());
    expect(error.kind).toBe('network');
    expect(error.userMessage).toMatch(/did not answer within/);
  });
});

describe('edits are not repeated when they may have been applied', () => {
  const edit = (client: ConduitClient) => client.editTask(3, [{ type: 'comment', value: 'hello' }]);
  const EDIT_OK = conduitOk({
    object: { id: 3, phid: 'PHID-TASK-x' },
    transactions: [{ phid: 'PHID-XACT-TASK-y' }],
  });

  it('does not retry a 5xx and tells the user to check the task', async () => {
    const { client, calls } = setup([status(502), EDIT_OK]);
    const error = await failure(edit(client));
    expect(error.kind).toBe('server');
    expect(error.userMessage).toMatch(/may or may not have been saved/);
    expect(calls).toHaveLength(1);
  });

  it('does not retry a network failure', async () => {
    const { client, calls } = setup([new TypeError('fetch failed'), EDIT_OK]);
    expect((await failure(edit(client))).kind).toBe('network');
    expect(calls).toHaveLength(1);
  });

  it('retries a 429, which Phorge refuses before doing anything', async () => {
    const { client, calls } = setup([status(429), EDIT_OK]);
    await expect(edit(client)).resolves.toEqual({ id: 3, phid: 'PHID-TASK-x' });
    expect(calls).toHaveLength(2);
  });
});

describe('replies that are not Conduit', () => {
  it('calls an HTML page with HTTP 200 malformed', async () => {
    const { client } = setup([status(200, {}, '<!DOCTYPE html><html>Login</html>')]);
    const error = await failure(client.ping());
    expect(error).toMatchObject({ kind: 'malformed', method: 'conduit.ping' });
    expect(error.message).toMatch(/not JSON/);
  });

  it('points at the instance address when the path does not exist', async () => {
    const { client, calls } = setup([status(404, {}, '<html>Not Found</html>')]);
    const error = await failure(client.ping());
    expect(error.kind).toBe('malformed');
    expect(error.userMessage).toMatch(/check the instance address/);
    expect(calls).toHaveLength(1);
  });

  it('names the field path of a reply that does not match the schema', async () => {
    const broken = conduitOk({
      data: [
        { id: 1, phid: 'PHID-TASK-a', fields: { name: 'x', priority: { value: 'high', name: 'High' } } },
      ],
      cursor: { after: null },
    });
    const { client } = setup([broken]);
    const error = await failure(client.searchTasks({ ids: [1] }));
    expect(error.kind).toBe('malformed');
    expect(error.method).toBe('maniphest.search');
    expect(error.message).toMatch(/result\.data\[0\]\.fields\./);
    expect(error.userMessage).toMatch(/maniphest\.search reply/);
  });

  it('calls an envelope without error_code malformed', async () => {
    const { client } = setup([{ body: JSON.stringify({ result: 'x' }) }]);
    const error = await failure(client.ping());
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/reply\.error_code/);
  });
});

describe('request accounting', () => {
  it('reports every HTTP attempt with its bytes and status', async () => {
    const { client, requests, calls } = setup([status(503), PING_OK]);
    await client.ping();
    const body = calls[0]!.init.body as string;
    expect(requests).toEqual([
      {
        method: 'conduit.ping',
        bytesSent: body.length,
        bytesReceived: '<html>busy</html>'.length,
        status: 503,
      },
      {
        method: 'conduit.ping',
        bytesSent: body.length,
        bytesReceived: (PING_OK as { body: string }).body.length,
        status: 200,
      },
    ]);
  });
});
