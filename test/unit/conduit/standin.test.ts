// The client against the local Phabricator stand-in (test/standin), over real HTTP, in token mode.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConduitClient } from '../../../src/phabricator/conduit';
import type { ConduitClientOptions, RequestInfo } from '../../../src/phabricator/conduit';
import { startStandin } from '../../standin/server';
import type { Standin } from '../../standin/server';
import { capturedRequest } from './support/fixtures';
import { failure } from './support/failure';
import { conduitError, fakeFetch } from './support/fake-fetch';
import { assessTask } from '../../../src/core/escalation/assess';

// The tokens real Phorge issued, as recorded in the captured requests; the stand-in knows them.
const TOKENS = {
  admin: capturedRequest('conduit.ping').token!,
  alice: capturedRequest('maniphest.search.ubn-open.alice').token!,
  bob: capturedRequest('maniphest.search.ubn-open.bob-no-T15').token!,
  dave: capturedRequest('error.disabled-user-token').token!,
};
const OPEN_UBN_FOR_MEMBERS = [1, 6, 7, 11, 14, 15, 16];

let standin: Standin;
let sleeps: number[];

beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});
beforeEach(() => {
  standin.state.faults.clear();
  sleeps = [];
});

function client(token: string, extra: Partial<ConduitClientOptions> = {}) {
  return new ConduitClient({
    baseUrl: standin.url,
    auth: { kind: 'token', token },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  });
}

describe('reads', () => {
  it('pings and knows who the token belongs to', async () => {
    const admin = client(TOKENS.admin);
    await expect(admin.ping()).resolves.toEqual(expect.any(String));
    await expect(admin.whoami()).resolves.toMatchObject({
      userName: 'admin',
      roles: expect.arrayContaining(['admin']),
    });
  });

  it('reads the instance vocabulary', async () => {
    const admin = client(TOKENS.admin);
    expect((await admin.priorities()).find((p) => p.value === 100)).toMatchObject({
      name: 'Unbreak Now!',
      keywords: ['unbreak'],
    });
    expect((await admin.statuses()).find((s) => s.value === 'resolved')?.closed).toBe(true);
  });

  it('finds the open UBN tasks, hiding the restricted one from a non-member', async () => {
    const ubn = { priorities: [100], statuses: ['open'] };
    const forAlice = await client(TOKENS.alice).searchTasks(ubn);
    expect(forAlice.map((t) => t.id).sort((a, b) => a - b)).toEqual(OPEN_UBN_FOR_MEMBERS);
    const forBob = await client(TOKENS.bob).searchTasks(ubn);
    expect(forBob.map((t) => t.id).sort((a, b) => a - b)).toEqual(
      OPEN_UBN_FOR_MEMBERS.filter((id) => id !== 15),
    );
    const t16 = forAlice.find((t) => t.id === 16)!;
    expect(t16.projectPHIDs).toHaveLength(2);
    expect(t16.subscriberPHIDs.length).toBeGreaterThan(0);
  });

  it('pages through small pages to the same answer as one big page', async () => {
    const requests: RequestInfo[] = [];
    const admin = client(TOKENS.admin, { onRequest: (r) => requests.push(r) });
    const big = await admin.searchTasks({ statuses: ['open'] });
    requests.length = 0;
    const small = await admin.searchTasks({ statuses: ['open'] }, { limit: 3 });
    expect(small.map((t) => t.id)).toEqual(big.map((t) => t.id));
    // One call per page of 3, plus possibly an empty last page when the count divides evenly.
    expect(requests.length).toBeGreaterThanOrEqual(Math.ceil(big.length / 3));
    expect(requests.length).toBeLessThanOrEqual(Math.ceil(big.length / 3) + 1);
  });

  it('reads a task history with the escalation in it', async () => {
    const history = await client(TOKENS.admin).taskHistory(14);
    const escalation = history.find(
      (t) => t.type === 'priority' && (t.fields.new as { value: number }).value === 100,
    );
    expect(escalation?.authorPHID).toBe('PHID-USER-xhdgapgwb75vgmayvc6o');
    expect(history.some((t) => t.type === 'comment')).toBe(true);
  });

  it('reads many histories in one legacy call, which core reads as it reads transaction.search', async () => {
    const admin = client(TOKENS.admin);
    const tasks = await admin.searchTasks({ ids: [1, 6, 7, 11, 14, 16] });
    const requests: RequestInfo[] = [];
    const counted = client(TOKENS.admin, { onRequest: (info) => requests.push(info) });
    const batched = await counted.taskHistories(tasks, { batch: 25 });
    expect(requests.map((r) => r.method)).toEqual(['maniphest.gettasktransactions']);
    const vocabulary = { priorities: await admin.priorities(), statuses: await admin.statuses() };
    const users = new Map((await admin.searchUsers()).map((u) => [u.username, u]));
    const now = standin.clock.now() + 3 * 86400;
    for (const task of tasks) {
      const legacy = batched!.get(task.id)!;
      const current = await admin.taskHistory(task.id);
      expect(legacy.map((tx) => tx.id)).toEqual(current.map((tx) => tx.id));
      const read = (history: typeof current) => {
        const a = assessTask({ history, vocabulary, task, users, now });
        return {
          escalations: a.escalation.escalations.map((e) => [e.at, e.cause, e.transactionId]),
          owner: [a.owner.state, a.owner.username, a.owner.declaration?.at, a.owner.lastActivityAt],
          findings: a.findings.map((f) => f.text),
        };
      };
      expect(read(legacy)).toEqual(read(current));
    }
  });

  it('says when an instance no longer has the legacy call, so the caller reads task by task', async () => {
    const fake = fakeFetch(() =>
      conduitError('ERR-CONDUIT-CALL', 'Conduit API method "maniphest.gettasktransactions" does not exist.'),
    );
    const legacyless = client(TOKENS.admin, { fetch: fake.fetch });
    expect(await legacyless.taskHistories([{ id: 6, phid: 'PHID-TASK-x' }])).toBeNull();
  });

  it('reads availability and finds projects by name', async () => {
    const admin = client(TOKENS.admin);
    const users = await admin.searchUsers({ usernames: ['carol', 'dave', 'erin'] });
    const by = Object.fromEntries(users.map((u) => [u.username, u.availability.value]));
    expect(by).toEqual({ carol: 'away', dave: 'disabled', erin: expect.stringMatching(/busy|available/) });
    const projects = await admin.searchProjects({ names: ['CentralAuth', 'Release-Engineering-Team'] });
    expect(projects.map((p) => p.slug)).toEqual(['centralauth', 'release-engineering-team']);
  });
});

describe('writes', () => {
  it('comments on a task and sees the comment in its history', async () => {
    const alice = client(TOKENS.alice);
    const edited = await alice.editTask('T13', [{ type: 'comment', value: 'Process owner: @alice' }]);
    expect(edited.id).toBe(13);
    const [newest] = await alice.taskHistory(13);
    expect(newest?.type).toBe('comment');
    expect(newest?.comments[0]?.content.raw).toBe('Process owner: @alice');
  });

  it('reads only the new end of a known history, in few bytes, and merges it in order', async () => {
    const requests: RequestInfo[] = [];
    const alice = client(TOKENS.alice, { onRequest: (info) => requests.push(info) });
    const known = await alice.taskHistory(14);
    const whole = requests.reduce((sum, r) => sum + r.bytesReceived, 0);
    standin.clock.advance(5);
    await alice.editTask('T14', [{ type: 'comment', value: 'Process owner: @alice' }]);
    requests.length = 0;
    const { history, fetched } = await alice.taskHistorySince(14, known);
    expect(requests.map((r) => r.method)).toEqual(['transaction.search']);
    expect(requests[0]!.bytesReceived).toBeLessThan(whole);
    expect(fetched).toBeGreaterThan(0);
    expect(history).toEqual(await alice.taskHistory(14));
    expect(alice.serverTime()).toBe(standin.clock.now());
  });

  it('refuses an edit of a task the user may not see', async () => {
    const error = await failure(client(TOKENS.bob).editTask('T15', [{ type: 'comment', value: 'x' }]));
    expect(error.kind).toBe('permission');
  });
});

describe('errors a user can act on', () => {
  it.each([
    ['an unknown token', 'api-aaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'invalid-token'],
    ['a token of the wrong length', 'api-short', 'invalid-token'],
    ["a disabled user's token", TOKENS.dave, 'invalid-token'],
  ])('%s', async (_label, token, kind) => {
    expect((await failure(client(token).whoami())).kind).toBe(kind);
  });

  it('a task that does not exist', async () => {
    expect((await failure(client(TOKENS.admin).taskHistory('T9999'))).kind).toBe('not-found');
  });

  it('a method this server lacks', async () => {
    expect((await failure(client(TOKENS.admin).call('maniphest.nonexistent', {}))).kind).toBe(
      'unknown-method',
    );
  });
});

describe('faults injected into the stand-in', () => {
  it('waits out a 429 as Retry-After says, then succeeds', async () => {
    standin.state.faults.add({ method: 'user.whoami', kind: '429', ms: 2000 });
    await expect(client(TOKENS.admin).whoami()).resolves.toMatchObject({ userName: 'admin' });
    expect(sleeps).toEqual([2000]);
  });

  it('retries a 500 and a dropped connection', async () => {
    standin.state.faults.add({ method: 'conduit.ping', kind: '500' });
    standin.state.faults.add({ method: 'conduit.ping', kind: 'drop' });
    await expect(client(TOKENS.admin).ping()).resolves.toEqual(expect.any(String));
    expect(sleeps).toHaveLength(2);
  });

  it('gives up after the bounded attempts', async () => {
    standin.state.faults.add({ method: 'conduit.ping', kind: '500', times: 10 });
    const error = await failure(
      client(TOKENS.admin, { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 } }).ping(),
    );
    expect(error).toMatchObject({ kind: 'server', status: 500 });
    expect(sleeps).toHaveLength(2);
  });

  it('calls a truncated reply malformed instead of crashing', async () => {
    standin.state.faults.add({ method: 'maniphest.search', kind: 'malformed' });
    expect((await failure(client(TOKENS.admin).searchTasks({ ids: [14] }))).kind).toBe('malformed');
  });
});

describe('single sign-on', () => {
  it('a 302 to a sign-in page means signed out, not unreachable, and the token goes nowhere', async () => {
    standin.state.faults.add({ method: 'user.whoami', kind: 'sso-redirect' });
    const before = standin.requests.all().length;
    const error = await failure(client(TOKENS.alice).whoami());
    expect(error).toMatchObject({ kind: 'session-expired', status: 302 });
    expect(error.userMessage).toMatch(/sent Steward to a sign-in page: log in to 127\.0\.0\.1:\d+ in a tab/);
    // The redirect was not followed: the stand-in saw one call, and no request reached the sign-in page.
    const seen = standin.requests.all().slice(before);
    expect(seen.map((r) => [r.path, r.status])).toEqual([['/api/user.whoami', 302]]);
  });
});
