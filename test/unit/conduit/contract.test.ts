// Contract: every real Phorge reply captured for the methods the client types parses with the
// client's schemas and maps to domain types, or maps to the error a user can act on.
import { describe, expect, it } from 'vitest';
import {
  ConduitClient,
  ConduitError,
  parseLoginRefresh,
  parseResult,
  resultSchemas,
} from '../../../src/phabricator/conduit';
import type { ConduitAuth, ConduitErrorKind, TypedMethod } from '../../../src/phabricator/conduit';
import { fakeFetch } from './support/fake-fetch';
import { fixtureNames, methodOf, responseText } from './support/fixtures';

const TYPED = new Set(Object.keys(resultSchemas));
const BASE = 'http://127.0.0.1:8081';
const TOKEN: ConduitAuth = { kind: 'token', token: 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc' };
const SESSION: ConduitAuth = { kind: 'session', csrfToken: async () => 'B@hhvwqkrhacada942012a5191' };

/** Every captured error reply (and the session failures) and what it must mean to the user. */
const EXPECTED_ERRORS: Record<string, { kind: ConduitErrorKind; auth: ConduitAuth; mentions?: RegExp }> = {
  'error.bad-attachment': { kind: 'invalid-request', auth: TOKEN, mentions: /attachments/ },
  'error.bad-constraint-ids': { kind: 'invalid-request', auth: TOKEN, mentions: /ids\[0\]/ },
  'error.bad-constraint-key': { kind: 'invalid-request', auth: TOKEN, mentions: /constraints/ },
  'error.bad-constraint-value': { kind: 'invalid-request', auth: TOKEN, mentions: /priorities/ },
  'error.bad-token': { kind: 'invalid-token', auth: TOKEN, mentions: /revoked/ },
  'error.disabled-user-token': { kind: 'invalid-token', auth: TOKEN, mentions: /disabled/ },
  'error.invalid-params-json': { kind: 'invalid-request', auth: TOKEN },
  'error.json-content-type': { kind: 'invalid-request', auth: TOKEN, mentions: /form-encoded/ },
  'error.malformed-token': { kind: 'invalid-token', auth: TOKEN, mentions: /wrong length/ },
  'error.maniphest.edit-bad-priority': { kind: 'invalid-request', auth: TOKEN, mentions: /priority keyword/ },
  'error.maniphest.edit-no-permission': { kind: 'permission', auth: TOKEN, mentions: /may not see it/ },
  'error.no-token': { kind: 'invalid-token', auth: TOKEN, mentions: /No API token/ },
  'error.transaction.search-unknown-object': { kind: 'not-found', auth: TOKEN },
  'error.unknown-method': { kind: 'unknown-method', auth: TOKEN, mentions: /too old/ },
  'transaction.search.T15.bob-no-access': {
    kind: 'not-found',
    auth: TOKEN,
    mentions: /not allowed to see it/,
  },
  'session-05.whoami.cookie-no-csrf': { kind: 'csrf', auth: SESSION, mentions: /reload/ },
  'session-06.whoami.cookie+apitoken-no-csrf': { kind: 'csrf', auth: SESSION },
  'session-08.whoami.cookie+other-users-csrf': { kind: 'csrf', auth: SESSION },
  'session-15.whoami.bogus-phsid+csrf': { kind: 'session-expired', auth: SESSION, mentions: /log in/ },
  'session-16.whoami.logged-out-cookie+csrf': { kind: 'session-expired', auth: SESSION, mentions: /log in/ },
};

const EMPTY_PAGE = JSON.stringify({
  result: { data: [], cursor: { after: null } },
  error_code: null,
  error_info: null,
});

/** A client whose first Conduit call gets the captured body; later ones get an empty page, or the same body again. */
function clientServing(body: string, auth: ConduitAuth = TOKEN, repeat = false) {
  const fake = fakeFetch((call) => {
    if (call.url.endsWith('/login/refresh/'))
      return { body: responseText('session-17.login-refresh.get-fresh-csrf') };
    const apiCalls = fake.calls.filter((c) => c.url.includes('/api/'));
    return { body: apiCalls.length === 1 || repeat ? body : EMPTY_PAGE };
  });
  return {
    client: new ConduitClient({
      baseUrl: BASE,
      auth,
      fetch: fake.fetch,
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    }),
    fake,
  };
}

async function callTyped(client: ConduitClient, method: string): Promise<unknown> {
  switch (method) {
    case 'conduit.ping':
      return client.ping();
    case 'user.whoami':
      return client.whoami();
    case 'maniphest.search':
      return client.searchTasks({ statuses: ['open'] });
    case 'transaction.search':
      return client.taskHistory('T14');
    case 'maniphest.gettasktransactions':
      return client.taskHistories([{ id: 6, phid: 'PHID-TASK-xowvfgrqsjxb5stvfejf' }]);
    case 'user.search':
      return client.searchUsers();
    case 'project.search':
      return client.searchProjects();
    case 'maniphest.priority.search':
      return client.priorities();
    case 'maniphest.status.search':
      return client.statuses();
    case 'maniphest.edit':
      return client.editTask('T3', [{ type: 'comment', value: 'x' }]);
    default:
      return client.call(method, {});
  }
}

const names = fixtureNames();
const conduitCaptures = names.filter((n) => {
  const method = methodOf(n);
  return method !== null && (TYPED.has(method) || n.startsWith('error.'));
});
const successes = conduitCaptures.filter((n) => JSON.parse(responseText(n)).error_code === null);
const failures = conduitCaptures.filter((n) => JSON.parse(responseText(n)).error_code !== null);

describe('captured successful replies', () => {
  it('covers every typed method', () => {
    const covered = new Set(successes.map((n) => methodOf(n)));
    expect([...TYPED].filter((m) => !covered.has(m))).toEqual([]);
  });

  it.each(successes)('%s parses with the schema of its method', (name) => {
    const method = methodOf(name) as TypedMethod;
    const reply = JSON.parse(responseText(name)) as { result: unknown };
    expect(() => parseResult(method, reply.result)).not.toThrow();
  });

  it.each(successes)('%s goes through the client to domain types', async (name) => {
    const { client } = clientServing(responseText(name), name.startsWith('session-') ? SESSION : TOKEN);
    await expect(callTyped(client, methodOf(name) as string)).resolves.toBeDefined();
  });
});

describe('captured error replies', () => {
  it('has an expectation for every captured error reply', () => {
    expect(failures.filter((n) => !(n in EXPECTED_ERRORS))).toEqual([]);
    expect(Object.keys(EXPECTED_ERRORS).filter((n) => !failures.includes(n))).toEqual([]);
  });

  it.each(Object.entries(EXPECTED_ERRORS))('%s -> %s', async (name, expected) => {
    const { client, fake } = clientServing(responseText(name), expected.auth, true);
    const method = methodOf(name) as string;
    const error = await callTyped(client, method).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConduitError);
    const e = error as ConduitError;
    expect(e.kind).toBe(expected.kind);
    expect(e.method).toBe(method);
    expect(e.code).toBe(JSON.parse(responseText(name)).error_code);
    // One sentence a user can act on: no line breaks, ends with a full stop.
    expect(e.userMessage).toMatch(/^[^\n]+\.$/);
    if (expected.mentions) expect(e.userMessage).toMatch(expected.mentions);
    // A rejected CSRF token is refreshed once and the call retried; nothing else is repeated.
    const refreshes = fake.calls.filter((c) => c.url.endsWith('/login/refresh/')).length;
    expect(refreshes).toBe(expected.kind === 'csrf' ? 1 : 0);
    expect(fake.calls.length).toBe(expected.kind === 'csrf' ? 3 : 1);
  });

  it('maps a missing token to an expired session in session mode', async () => {
    const { client } = clientServing(responseText('error.no-token'), SESSION);
    await expect(client.whoami()).rejects.toMatchObject({ kind: 'session-expired' });
  });
});

describe('/login/refresh/ captures', () => {
  it.each(['session-17.login-refresh.get-fresh-csrf', 'session-18.login-refresh.ajax'])(
    '%s yields a CSRF token',
    (name) => {
      expect(parseLoginRefresh(responseText(name))).toMatch(/^B@[a-z0-9]{8}[0-9a-f]{16}$/);
    },
  );
});
