// Long request bodies (a poll naming a thousand kept tasks) go gzipped to a Phorge that offers it, as
// arcanist sends them; nothing else changes what Phorge is asked, and nothing is lost where a proxy
// between does not pass such a body on.
import { describe, expect, it } from 'vitest';
import { ConduitClient, ConduitError } from '../../../src/phabricator/conduit';
import { conduitError, conduitOk, fakeFetch } from './support/fake-fetch';
import type { FakeAnswer, RecordedCall } from './support/fake-fetch';
import { responseText } from './support/fixtures';
import { fakeTask, maniphestSearch, range } from './support/task-server';

const BASE = 'http://phab.test';
const auth = { kind: 'token' as const, token: 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc' };
/** What the captured Phorge sends with every Conduit reply. */
const OFFERS_GZIP = { 'X-Conduit-Capabilities': 'gzip' };

type Handler = (call: RecordedCall, index: number) => FakeAnswer;

/** Answers as `handler` does, with the capability header the captured Phorge sends (unless `offer` is false). */
function phorge(handler: Handler, offer = true): Handler {
  return (call, index) => {
    const answer = handler(call, index);
    if (answer instanceof Error || !offer) return answer;
    return { ...answer, headers: { ...answer.headers, ...OFFERS_GZIP } };
  };
}

function clientWith(handler: Handler) {
  const fake = fakeFetch(handler);
  const client = new ConduitClient({
    baseUrl: BASE,
    auth,
    fetch: fake.fetch,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
  return { client, calls: fake.calls };
}

const kept = range(5001, 6000);
const ask = { ids: kept, modifiedStart: 1_795_441_666, priorities: [90, 80, 50, 25, 0] };
/** A few of the kept tasks changed: one page answers. */
const changed = [5001, 5003, 5900];
const idsOf = (call: RecordedCall) => (call.params.constraints as { ids?: number[] }).ids ?? [];

describe('long request bodies to a Phorge that offers gzip', () => {
  it('sends the thousand kept ids gzipped, asking Phorge exactly the same, at about a third of the bytes', async () => {
    const { client, calls } = clientWith(phorge(maniphestSearch([5003, 5900])));
    await client.ping().catch(() => undefined);
    const found = await client.searchTasks(ask, { idsInOneCall: true });
    expect(found.map((t) => t.id)).toEqual([5900, 5003]);
    const search = calls.at(-1)!;
    expect(search.gzipped).toBe(true);
    expect(search.headers['content-encoding']).toBe('gzip');
    expect(search.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(idsOf(search)).toEqual(kept);
    expect(search.params).toMatchObject({ constraints: { modifiedStart: 1_795_441_666 } });
    expect(search.form.get('output')).toBe('json');
    const plainBytes = Buffer.byteLength(search.form.toString());
    expect(search.wireBytes).toBeLessThan(plainBytes * 0.45);
  });

  it('sends a short call as it is, and a long one as it is until a reply has offered gzip', async () => {
    const { client, calls } = clientWith(phorge(maniphestSearch(changed)));
    await client.searchTasks(ask, { idsInOneCall: true });
    await client.searchTasks({ ids: [5001] });
    await client.searchTasks(ask, { idsInOneCall: true });
    expect(calls.map((c) => c.gzipped)).toEqual([false, false, true]);
  });

  it('never gzips for a Phorge that does not offer it', async () => {
    const { client, calls } = clientWith(phorge(maniphestSearch(changed), false));
    await client.searchTasks({ ids: [5001] });
    await client.searchTasks(ask, { idsInOneCall: true });
    expect(calls.map((c) => c.gzipped)).toEqual([false, false]);
    expect(calls[1]!.headers['content-encoding']).toBeUndefined();
  });

  it('never gzips an edit, however long its comment', async () => {
    const { client, calls } = clientWith(
      phorge((call) =>
        call.method === 'maniphest.edit'
          ? conduitOk({ object: { id: 5001, phid: fakeTask(5001).phid }, transactions: [] })
          : maniphestSearch(kept)(call),
      ),
    );
    await client.searchTasks({ ids: [5001] });
    await client.editTask(5001, [{ type: 'comment', value: 'I am driving this. '.repeat(200) }]);
    expect(calls.at(-1)!.method).toBe('maniphest.edit');
    expect(calls.at(-1)!.gzipped).toBe(false);
  });
});

describe('a proxy between that does not pass gzipped bodies on', () => {
  it('a refused gzipped call is sent again as it is, and the client stops gzipping', async () => {
    const search = maniphestSearch(changed);
    const { client, calls } = clientWith(
      phorge((call) =>
        call.gzipped
          ? { status: 415, body: '<html><body>415 Unsupported Media Type</body></html>' }
          : search(call),
      ),
    );
    await client.searchTasks({ ids: [5001] });
    const found = await client.searchTasks(ask, { idsInOneCall: true });
    expect(found.map((t) => t.id)).toEqual([5900, 5003, 5001]);
    await client.searchTasks(ask, { idsInOneCall: true });
    expect(calls.map((c) => c.gzipped)).toEqual([false, true, false, false]);
  });

  it('a reply that lists tasks it was not asked for (the body was not read) is not taken as the answer', async () => {
    const search = maniphestSearch(range(1, 7000));
    // Content-Encoding dropped on the way: Phorge sees no params and lists the newest tasks of all.
    const { client, calls } = clientWith(
      phorge((call) => (call.gzipped ? search({ ...call, params: {} }) : search(call))),
    );
    await client.searchTasks({ ids: [5001] });
    const found = await client.searchTasks(ask, { idsInOneCall: true });
    expect(new Set(found.map((t) => t.id))).toEqual(new Set(kept));
    expect(calls.map((c) => c.gzipped)).toEqual([false, true, ...calls.slice(2).map(() => false)]);
  });

  it('a plain reply listing tasks it was not asked for is refused as malformed', async () => {
    const search = maniphestSearch(range(1, 20));
    const { client } = clientWith(phorge((call) => search({ ...call, params: {} })));
    const error = await client.searchTasks({ ids: [3] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConduitError);
    expect((error as ConduitError).kind).toBe('malformed');
  });

  it('a network failure of a gzipped call is not blamed on gzip: it is not sent again', async () => {
    const search = maniphestSearch(kept);
    const { client, calls } = clientWith(
      phorge((call) => (call.gzipped ? new TypeError('Failed to fetch') : search(call))),
    );
    await client.searchTasks({ ids: [5001] });
    const error = await client.searchTasks(ask, { idsInOneCall: true }).catch((e: unknown) => e);
    expect((error as ConduitError).kind).toBe('network');
    expect(calls).toHaveLength(2);
  });
});

describe('a session (cookie and CSRF token) with gzipped bodies', () => {
  const stale = 'B@hhvwqkrhacada942012a5191';
  const fresh = 'B@6cixfp3h2296d96a9c8de1f7';
  /** Phorge's CSRF check: the __csrf__ it read from the body, else the header (AphrontRequest). */
  const csrfOf = (call: RecordedCall) => call.form.get('__csrf__') ?? call.headers['x-phabricator-csrf'];
  const sessionClient = (handler: Handler) => {
    const fake = fakeFetch(handler);
    const client = new ConduitClient({
      baseUrl: BASE,
      auth: { kind: 'session', csrfToken: async () => stale, refreshCsrfToken: async () => fresh },
      fetch: fake.fetch,
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    });
    return { client, calls: fake.calls };
  };

  it('a gzipped call carries its CSRF token in the body only', async () => {
    const { client, calls } = sessionClient(phorge(maniphestSearch(changed)));
    await client.searchTasks({ ids: [5001] });
    await client.searchTasks(ask, { idsInOneCall: true });
    expect(calls[0]!.headers['x-phabricator-csrf']).toBe(stale);
    expect(calls[1]!.gzipped).toBe(true);
    expect(calls[1]!.form.get('__csrf__')).toBe(stale);
    expect(calls[1]!.headers['x-phabricator-csrf']).toBeUndefined();
  });

  it('a stale CSRF token on a gzipped call is refreshed once, and the call goes gzipped again', async () => {
    const search = maniphestSearch(changed);
    const { client, calls } = sessionClient(
      phorge((call) =>
        csrfOf(call) === stale && call.gzipped
          ? { body: responseText('session-08.whoami.cookie+other-users-csrf') }
          : search(call),
      ),
    );
    await client.searchTasks({ ids: [5001] });
    const found = await client.searchTasks(ask, { idsInOneCall: true });
    expect(found.map((t) => t.id)).toEqual([5900, 5003, 5001]);
    expect(calls.map((c) => [c.gzipped, csrfOf(c)])).toEqual([
      [false, stale],
      [true, stale],
      [true, fresh],
    ]);
  });

  it('a gzipped body that reaches Phorge unread fails for want of a CSRF token, and is sent again plain', async () => {
    // A proxy drops Content-Encoding: Phorge reads no params and no __csrf__. Were the token in the
    // header too, the cookie would carry the call and Phorge would list everyone, unasked.
    const users = Array.from({ length: 80 }, (_, i) => `PHID-USER-${String(i + 1).padStart(20, 'a')}`);
    const user = (phid: string, i: number) => ({
      id: i + 1,
      type: 'USER',
      phid,
      fields: {
        username: `user${i + 1}`,
        realName: `User ${i + 1}`,
        roles: ['verified', 'approved', 'activated'],
        dateCreated: 1_700_000_000,
        dateModified: 1_700_000_000,
        policy: { view: 'public', edit: 'no-one' },
      },
      attachments: {
        availability: { value: 'available', until: null, name: 'Available', color: null, eventPHID: null },
      },
    });
    const userSearch = (phids: string[] | undefined) =>
      conduitOk({
        data: users.map(user).filter((u) => !phids || phids.includes(u.phid)),
        maps: {},
        query: { queryKey: null },
        cursor: { limit: 100, after: null, before: null, order: null },
      });
    const { client, calls } = sessionClient(
      phorge((call) => {
        if (call.method !== 'user.search') return maniphestSearch(changed)(call);
        if (!call.gzipped) return userSearch((call.params.constraints as { phids?: string[] }).phids);
        const header = call.headers['x-phabricator-csrf'];
        return header === undefined
          ? { body: responseText('session-05.whoami.cookie-no-csrf') }
          : userSearch(undefined);
      }),
    );
    await client.searchTasks({ ids: [5001] });
    const asked = users.filter((_, i) => i % 2 === 0);
    const found = await client.searchUsers({ phids: asked });
    expect(found.map((u) => u.phid).sort()).toEqual([...asked].sort());
    await client.searchUsers({ phids: asked });
    expect(calls.map((c) => c.gzipped)).toEqual([false, true, false, false]);
  });
});

describe('a long read that meets a server error', () => {
  function setup(searchAnswer: () => FakeAnswer) {
    const fake = fakeFetch((call: RecordedCall) =>
      call.method === 'conduit.ping'
        ? { ...(conduitOk('phab') as { body: string }), headers: OFFERS_GZIP }
        : searchAnswer(),
    );
    const sleeps: number[] = [];
    const client = new ConduitClient({
      baseUrl: BASE,
      auth,
      fetch: fake.fetch,
      retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    });
    return { client, calls: fake.calls, sleeps };
  }

  it('a 503 asking for more patience than the client has: one request, the wait left to the poll', async () => {
    const { client, calls } = setup(() => ({
      status: 503,
      body: '<html>Down for maintenance</html>',
      headers: { 'Retry-After': '600', ...OFFERS_GZIP },
    }));
    await client.ping();
    const error = await client.searchTasks(ask, { idsInOneCall: true }).catch((e: unknown) => e);
    expect((error as ConduitError).kind).toBe('server');
    expect((error as ConduitError).retryAfterMs).toBe(600_000);
    expect(calls.filter((c) => c.method === 'maniphest.search').map((c) => c.gzipped)).toEqual([true]);
  });

  it('a 503 without Retry-After: the retry policy once, not once gzipped and once plain', async () => {
    const { client, calls, sleeps } = setup(() => ({
      status: 503,
      body: '<html>busy</html>',
      headers: OFFERS_GZIP,
    }));
    await client.ping();
    const error = await client.searchTasks(ask, { idsInOneCall: true }).catch((e: unknown) => e);
    expect((error as ConduitError).kind).toBe('server');
    expect(calls.filter((c) => c.method === 'maniphest.search')).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });
});

function readRefusalSetup(searchAnswer: (call: RecordedCall) => FakeAnswer) {
  let refusals = 0;
  const fake = fakeFetch((call) => {
    const answer = call.method === 'conduit.ping' ? conduitOk('phab') : searchAnswer(call);
    if (answer instanceof Error) return answer;
    return { ...answer, headers: { ...answer.headers, ...OFFERS_GZIP } };
  });
  const client = new ConduitClient({
    baseUrl: BASE,
    auth: { kind: 'token', token: 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc' },
    fetch: fake.fetch,
    retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
    sleep: async () => undefined,
    onGzipRefused: () => {
      refusals++;
    },
  });
  return { client, calls: fake.calls, refusals: () => refusals };
}

describe('Conduit errors that show the gzipped body was read: not sent again, no refusal', () => {
  it('a token Phorge read and refused (ERR-INVALID-AUTH) is not sent again plain, and is no gzip refusal', async () => {
    const { client, calls, refusals } = readRefusalSetup(() =>
      // The account was disabled (or the token revoked) since the last call: error.disabled-user-token.
      conduitError('ERR-INVALID-AUTH', 'User account is not permitted to use the API.'),
    );
    await client.ping();
    const error = await client.searchTasks(ask, { idsInOneCall: true }).catch((e: unknown) => e);
    expect((error as ConduitError).kind).toBe('invalid-token');
    const searches = calls.filter((c) => c.method === 'maniphest.search');
    // The same token goes in the plain body: it is refused the same way.
    expect(searches.map((c) => c.gzipped)).toEqual([true]);
    expect(refusals()).toBe(0);
  });

  it('an exception inside the query (ERR-CONDUIT-CORE, e.g. a query timeout) is not run a second time at once', async () => {
    const { client, calls, refusals } = readRefusalSetup(() =>
      conduitError(
        'ERR-CONDUIT-CORE',
        '[AphrontQueryTimeoutQueryException] #3024: Query execution was interrupted, maximum statement execution time exceeded',
      ),
    );
    await client.ping();
    const error = await client.searchTasks(ask, { idsInOneCall: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConduitError);
    const searches = calls.filter((c) => c.method === 'maniphest.search');
    expect(searches).toHaveLength(1);
    expect(refusals()).toBe(0);
  });
});
