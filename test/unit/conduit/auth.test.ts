// Both ways to authenticate, as Phorge requires them (fixtures conduit.ping, session-01/02/05/17).
import { describe, expect, it } from 'vitest';
import { ConduitClient, ConduitError, fetchSessionCsrfToken } from '../../../src/phabricator/conduit';
import { conduitOk, fakeFetch } from './support/fake-fetch';
import type { RecordedCall } from './support/fake-fetch';
import { capturedRequest, responseText } from './support/fixtures';

const BASE = 'http://127.0.0.1:8081';
const WHOAMI = { body: responseText('user.whoami.alice') };
const CSRF_REJECTED = { body: responseText('session-05.whoami.cookie-no-csrf') };
const FRESH_CSRF = { body: responseText('session-17.login-refresh.get-fresh-csrf') };
const PAGE_TOKEN = 'B@hhvwqkrhacada942012a5191';
const FRESH_TOKEN = 'B@6cixfp3h2296d96a9c8de1f7';

/** The form fields of a body, with `params` decoded, for comparing with arcanist's captured bodies. */
function decodeForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body))
    out[key] = key === 'params' ? JSON.parse(value) : value;
  return out;
}

describe('token mode', () => {
  it('sends the token inside params exactly as arcanist does, without cookies', async () => {
    const fake = fakeFetch(() => ({ body: responseText('conduit.ping') }));
    const token = capturedRequest('conduit.ping').token!;
    const client = new ConduitClient({
      baseUrl: `${BASE}/`,
      auth: { kind: 'token', token },
      fetch: fake.fetch,
    });
    await client.ping();
    const call = fake.calls[0]!;
    expect(call.url).toBe(`${BASE}/api/conduit.ping`);
    expect(call.init.method).toBe('POST');
    expect(call.init.credentials).toBe('omit');
    expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call.headers).not.toHaveProperty('x-phabricator-csrf');
    expect(decodeForm(call.init.body as string)).toEqual(
      decodeForm(capturedRequest('conduit.ping').request_body!),
    );
  });

  it('merges the token into the method parameters of a search', async () => {
    const captured = capturedRequest('maniphest.search.ids+attachments');
    const fake = fakeFetch(() => ({ body: responseText('maniphest.search.ids+attachments') }));
    const client = new ConduitClient({
      baseUrl: BASE,
      auth: { kind: 'token', token: captured.token! },
      fetch: fake.fetch,
    });
    const tasks = await client.call('maniphest.search', captured.params!);
    expect(tasks).toBeTruthy();
    expect(decodeForm(fake.calls[0]!.init.body as string)).toEqual(decodeForm(captured.request_body!));
  });
});

describe('session mode', () => {
  function sessionClient(
    answer: (call: RecordedCall, i: number) => { body: string },
    extra: { refresh?: () => Promise<string> } = {},
  ) {
    let asked = 0;
    const fake = fakeFetch(answer);
    const client = new ConduitClient({
      baseUrl: BASE,
      auth: {
        kind: 'session',
        csrfToken: async () => {
          asked++;
          return PAGE_TOKEN;
        },
        ...(extra.refresh ? { refreshCsrfToken: extra.refresh } : {}),
      },
      fetch: fake.fetch,
    });
    return { client, calls: fake.calls, asked: () => asked };
  }

  it('sends the cookie and the CSRF token as header and as __csrf__, and no API token', async () => {
    const { client, calls } = sessionClient(() => WHOAMI);
    await expect(client.whoami()).resolves.toMatchObject({ userName: 'alice' });
    const call = calls[0]!;
    expect(call.init.credentials).toBe('include');
    expect(call.headers['x-phabricator-csrf']).toBe(PAGE_TOKEN);
    expect(call.form.get('__csrf__')).toBe(PAGE_TOKEN);
    expect(call.params).toEqual({});
    // session-01 shows this body working against real Phorge.
    expect(decodeForm(call.init.body as string)).toEqual(
      decodeForm(capturedRequest('session-01.whoami.cookie+csrf-param').request_body!),
    );
  });

  it('on a rejected CSRF token, fetches a fresh one from /login/refresh/ once and retries', async () => {
    const { client, calls } = sessionClient((call, i) =>
      call.url.endsWith('/login/refresh/') ? FRESH_CSRF : i === 0 ? CSRF_REJECTED : WHOAMI,
    );
    await expect(client.whoami()).resolves.toMatchObject({ userName: 'alice' });
    expect(calls.map((c) => c.url)).toEqual([
      `${BASE}/api/user.whoami`,
      `${BASE}/login/refresh/`,
      `${BASE}/api/user.whoami`,
    ]);
    expect(calls[1]!.init.method).toBe('GET');
    expect(calls[1]!.init.credentials).toBe('include');
    expect(calls[2]!.headers['x-phabricator-csrf']).toBe(FRESH_TOKEN);
    expect(calls[2]!.form.get('__csrf__')).toBe(FRESH_TOKEN);
  });

  it('keeps using the refreshed token for later calls', async () => {
    const { client, calls, asked } = sessionClient((call, i) =>
      call.url.endsWith('/login/refresh/') ? FRESH_CSRF : i === 0 ? CSRF_REJECTED : WHOAMI,
    );
    await client.whoami();
    await client.whoami();
    expect(asked()).toBe(1);
    expect(calls[3]!.headers['x-phabricator-csrf']).toBe(FRESH_TOKEN);
  });

  it('shares one refresh between calls that were rejected together', async () => {
    const { client, calls } = sessionClient((call) =>
      call.url.endsWith('/login/refresh/')
        ? FRESH_CSRF
        : call.headers['x-phabricator-csrf'] === FRESH_TOKEN
          ? WHOAMI
          : CSRF_REJECTED,
    );
    await Promise.all([client.whoami(), client.whoami(), client.whoami()]);
    expect(calls.filter((c) => c.url.endsWith('/login/refresh/'))).toHaveLength(1);
  });

  it('uses the caller-supplied refresher when there is one', async () => {
    const { client, calls } = sessionClient((_call, i) => (i === 0 ? CSRF_REJECTED : WHOAMI), {
      refresh: async () => 'B@fromthepage0000000000000',
    });
    await client.whoami();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.headers['x-phabricator-csrf']).toBe('B@fromthepage0000000000000');
  });

  it('refreshes only once: a second rejection is a csrf error for the user', async () => {
    const { client, calls } = sessionClient((call) =>
      call.url.endsWith('/login/refresh/') ? FRESH_CSRF : CSRF_REJECTED,
    );
    await expect(client.whoami()).rejects.toMatchObject({ kind: 'csrf', code: 'ERR-CONDUIT-CORE' });
    expect(calls).toHaveLength(3);
  });

  it('reports an expired session after the refresh when the cookie is no longer logged in', async () => {
    const { client } = sessionClient((call) =>
      call.url.endsWith('/login/refresh/')
        ? FRESH_CSRF
        : { body: responseText('session-15.whoami.bogus-phsid+csrf') },
    );
    const error = (await client.whoami().catch((e: unknown) => e)) as ConduitError;
    expect(error.kind).toBe('session-expired');
    expect(error.userMessage).toMatch(/not logged in to 127\.0\.0\.1:8081/);
  });

  it('turns a failing token source into a csrf error instead of crashing', async () => {
    const fake = fakeFetch(() => WHOAMI);
    const client = new ConduitClient({
      baseUrl: BASE,
      auth: {
        kind: 'session',
        csrfToken: async () => Promise.reject(new Error('no __csrf__ input on this page')),
      },
      fetch: fake.fetch,
    });
    await expect(client.whoami()).rejects.toMatchObject({ kind: 'csrf' });
    expect(fake.calls).toHaveLength(0);
  });
});

describe('fetchSessionCsrfToken', () => {
  it('GETs /login/refresh/ with the session cookie and returns the token', async () => {
    const fake = fakeFetch(() => FRESH_CSRF);
    await expect(fetchSessionCsrfToken(`${BASE}/`, fake.fetch)).resolves.toBe(FRESH_TOKEN);
    expect(fake.calls[0]!.url).toBe(`${BASE}/login/refresh/`);
    expect(fake.calls[0]!.init).toMatchObject({ method: 'GET', credentials: 'include' });
  });

  it.each([
    ['an HTML login page', '<html>Log In</html>'],
    ['a reply without a token', 'for (;;);{"error":null,"payload":{}}'],
    ['a token of the wrong form', 'for (;;);{"error":null,"payload":{"token":"abc"}}'],
  ])('rejects %s as malformed', async (_label, body) => {
    const fake = fakeFetch(() => ({ body }));
    await expect(fetchSessionCsrfToken(BASE, fake.fetch)).rejects.toMatchObject({
      kind: 'malformed',
      method: 'login.refresh',
    });
  });

  it('reports a network failure as such', async () => {
    const fake = fakeFetch(() => new TypeError('fetch failed'));
    await expect(fetchSessionCsrfToken(BASE, fake.fetch)).rejects.toMatchObject({ kind: 'network' });
  });

  it('is not confused by a plain Conduit reply', async () => {
    const fake = fakeFetch(() => conduitOk('x'));
    await expect(fetchSessionCsrfToken(BASE, fake.fetch)).rejects.toBeInstanceOf(ConduitError);
  });
});
