// Conduit semantics beyond the captured replies: sessions and CSRF over time, constraint pitfalls,
// paging, policies, and what maniphest.edit does to the world.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Standin } from '../../standin/server';
import { startStandin } from '../../standin/server';
import type { Auth } from './helpers';
import { call, control, ids, login, PHIDS, TOKENS } from './helpers';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, `../../fixtures/standin/conduit/${name}.response.json`), 'utf8'),
  ) as {
    error_code: string;
    error_info: string;
  };

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  await control(standin, 'reset');
});

const admin: Auth = { token: TOKENS.admin };

describe('sessions and CSRF, as Phorge checks them', () => {
  it('accepts the session token as field or header, for the session it belongs to', async () => {
    const alice = await login(standin, 'alice');
    expect(
      (await call(standin, 'user.whoami', {}, { phsid: alice.phsid, csrf: alice.csrf })).result.userName,
    ).toBe('alice');
    expect(
      (await call(standin, 'user.whoami', {}, { phsid: alice.phsid, csrfHeader: alice.csrf })).result
        .userName,
    ).toBe('alice');
  });

  it('refuses a cookie without token, and a token of another session, with the captured errors', async () => {
    const alice = await login(standin, 'alice');
    const aliceAgain = await login(standin, 'alice');
    const missing = await call(standin, 'user.whoami', {}, { phsid: alice.phsid });
    const noCsrf = fixture('session-05.whoami.cookie-no-csrf');
    expect([missing.error_code, missing.error_info]).toEqual([noCsrf.error_code, noCsrf.error_info]);
    const foreign = await call(standin, 'user.whoami', {}, { phsid: alice.phsid, csrf: aliceAgain.csrf });
    const badCsrf = fixture('session-08.whoami.cookie+other-users-csrf');
    expect([foreign.error_code, foreign.error_info]).toEqual([badCsrf.error_code, badCsrf.error_info]);
  });

  it('keeps a token good for six hours of stand-in time, not eight', async () => {
    const alice = await login(standin, 'alice');
    standin.clock.advance(5 * 3600);
    expect(
      (await call(standin, 'user.whoami', {}, { phsid: alice.phsid, csrf: alice.csrf })).error_code,
    ).toBeNull();
    standin.clock.advance(3 * 3600);
    expect(
      (await call(standin, 'user.whoami', {}, { phsid: alice.phsid, csrf: alice.csrf })).error_info,
    ).toContain('This request had an invalid CSRF token.');
    const fresh = await fetch(`${standin.url}/login/refresh/`, {
      headers: { Cookie: `phsid=${alice.phsid}` },
    });
    const token = (
      JSON.parse((await fresh.text()).replace('for (;;);', '')) as { payload: { token: string } }
    ).payload.token;
    expect(
      (await call(standin, 'user.whoami', {}, { phsid: alice.phsid, csrf: token })).result.userName,
    ).toBe('alice');
  });

  it('lets a valid session win over an API token', async () => {
    const alice = await login(standin, 'alice');
    const form = new URLSearchParams({
      params: JSON.stringify({ __conduit__: { token: TOKENS.admin } }),
      __csrf__: alice.csrf,
    });
    const response = await fetch(`${standin.url}/api/user.whoami`, {
      method: 'POST',
      headers: { Cookie: `phsid=${alice.phsid}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(((await response.json()) as { result: { userName: string } }).result.userName).toBe('alice');
  });

  it('treats expired sessions as logged out', async () => {
    const alice = await login(standin, 'alice');
    expect((await control(standin, 'expire-sessions')).json.expired).toBeGreaterThan(0);
    const reply = await call(standin, 'user.whoami', {}, { phsid: alice.phsid, csrf: alice.csrf });
    expect([reply.error_code, reply.error_info]).toEqual([
      'ERR-INVALID-SESSION',
      'Session key is not present.',
    ]);
  });

  it('checks token format before looking it up', async () => {
    const reply = await call(standin, 'user.whoami', {}, { token: 'xyz-aaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(reply.error_code).toBe('ERR-INVALID-AUTH');
    expect(reply.error_info).toContain('has the wrong format');
    expect((await call(standin, 'conduit.ping', {}, { token: 'api-short' })).error_code).toBeNull();
  });
});

describe('maniphest.search constraints', () => {
  const search = (constraints: Record<string, unknown>, extra: Record<string, unknown> = {}, auth = admin) =>
    call(standin, 'maniphest.search', { constraints, ...extra }, auth);

  it('ANDs project names, slugs and PHIDs, ORs any(PHID), and ignores any(Name) and #slug', async () => {
    expect(ids(await search({ projects: ['CentralAuth', 'mediawiki-authentication'] }))).toEqual([14, 8, 1]);
    expect(ids(await search({ projects: [PHIDS.centralAuth, 'Security'] }))).toEqual([15, 1]);
    expect(
      ids(await search({ projects: [`any(${PHIDS.security})`, `any(${PHIDS.echo})`], statuses: ['open'] })),
    ).toEqual([16, 15, 7, 6, 1, 13, 4]);
    expect(ids(await search({ projects: ['any(Security)'] }))).toEqual([]);
    expect(ids(await search({ projects: ['#security'] }))).toEqual([]);
    expect(ids(await search({ projects: ['CentralAuth', `not(${PHIDS.security})`] }))).toEqual([
      14, 8, 10, 2,
    ]);
  });

  it('reads statuses, open()/closed(), assignees, none() and subscribers', async () => {
    expect(ids(await search({ statuses: ['closed()'] }))).toEqual([8, 5]);
    expect(ids(await search({ statuses: ['open()'], priorities: [100] }))).toEqual([16, 15, 14, 11, 7, 6, 1]);
    expect(ids(await search({ statuses: ['nonsense'] }))).toEqual([]);
    expect(ids(await search({ assigned: ['carol', PHIDS.erin] }))).toEqual([16, 11, 10, 12]);
    expect(ids(await search({ assigned: ['none()'], statuses: ['open'] }))).toEqual([14, 1, 13, 2]);
    expect(ids(await search({ subscribers: ['dave'] }))).toEqual([7]);
  });

  it('is strict about JSON types and lenient with form fields, like Phorge', async () => {
    const strict = await search({ ids: ['14'] });
    expect(strict.error_info).toBe('Error while reading "ids[0]": Expected integer, got something else.');
    const body = new URLSearchParams({ 'constraints[ids][0]': '14', 'api.token': TOKENS.admin });
    const response = await fetch(`${standin.url}/api/maniphest.search`, { method: 'POST', body });
    expect(ids((await response.json()) as { result: unknown; error_code: null; error_info: null })).toEqual([
      14,
    ]);
  });

  it('pages with after and before, and refuses pages over 100', async () => {
    const first = await search({}, { order: 'newest', limit: 5 });
    expect(ids(first)).toEqual([16, 15, 14, 13, 12]);
    expect(first.result.cursor).toMatchObject({ limit: 5, after: '12', before: null, order: 'newest' });
    const second = await search({}, { order: 'newest', limit: 5, after: first.result.cursor.after });
    expect(ids(second)).toEqual([11, 10, 9, 8, 7]);
    expect(second.result.cursor.before).toBe('11');
    const back = await search({}, { order: 'newest', limit: 5, before: second.result.cursor.before });
    expect(ids(back)).toEqual([16, 15, 14, 13, 12]);
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof search>> = await search(
        {},
        { limit: 4, ...(after ? { after } : {}) },
      );
      seen.push(...ids(page));
      after = page.result.cursor.after;
    } while (after);
    expect(seen).toEqual(ids(await search({})));
    expect((await search({}, { limit: 101 })).error_info).toBe(
      'Maximum page size for Conduit API method calls is 100, but this call specified 101.',
    );
  });

  it('orders by priority by default, as the captured replies show', async () => {
    expect(ids(await search({ statuses: ['open'] }))).toEqual([
      16, 15, 14, 11, 7, 6, 1, 13, 10, 9, 12, 4, 3, 2,
    ]);
  });

  it('hides restricted tasks from users outside the policy everywhere', async () => {
    const bob = { token: TOKENS.bob };
    expect(ids(await search({ ids: [15, 14] }, {}, bob))).toEqual([14]);
    expect((await call(standin, 'transaction.search', { objectIdentifier: PHIDS.T15 }, bob)).error_code).toBe(
      'ERR-INVALID-OBJECT-PHID',
    );
    const edit = await call(
      standin,
      'maniphest.edit',
      { objectIdentifier: 15, transactions: [{ type: 'comment', value: 'x' }] },
      bob,
    );
    expect(edit.error_info).toBe('No object exists with ID "15".');
    expect(ids(await search({ ids: [15] }, {}, { token: TOKENS.alice }))).toEqual([15]);
  });
});

describe('maniphest.edit changes the world like Phorge', () => {
  it('escalates, comments and assigns with the clock, the actor and Phorge transaction order', async () => {
    standin.clock.advance(600);
    const now = standin.clock.now();
    const edit = await call(
      standin,
      'maniphest.edit',
      {
        objectIdentifier: 'T10',
        transactions: [
          { type: 'priority', value: 'unbreak' },
          { type: 'comment', value: 'Process owner: @erin' },
          { type: 'owner', value: PHIDS.bob },
        ],
      },
      { token: TOKENS.alice },
    );
    expect(edit.result.transactions).toHaveLength(4);
    const history = await call(standin, 'transaction.search', { objectIdentifier: 'T10', limit: 4 }, admin);
    const newest = history.result.data as {
      type: string;
      authorPHID: string;
      dateCreated: number;
      fields: unknown;
      id: number;
    }[];
    // Newest first: comment, owner, priority, subscribers (erin mentioned; alice owns nothing here but already subscribed).
    expect(newest.map((xaction) => xaction.type)).toEqual(['comment', 'owner', 'priority', 'subscribers']);
    expect(newest.every((xaction) => xaction.authorPHID === PHIDS.alice && xaction.dateCreated === now)).toBe(
      true,
    );
    expect(newest[2]?.fields).toEqual({
      old: { value: 80, name: 'High' },
      new: { value: 100, name: 'Unbreak Now!' },
    });
    expect(newest[1]?.fields).toEqual({ old: PHIDS.carol, new: PHIDS.bob });
    expect(newest[3]?.fields).toEqual({ operations: [{ operation: 'add', phid: PHIDS.erin }] });
    expect(newest[0]?.id).toBeGreaterThan(160);
    const task = await call(
      standin,
      'maniphest.search',
      { constraints: { ids: [10] }, attachments: { subscribers: true } },
      admin,
    );
    expect(task.result.data[0].fields.dateModified).toBe(now);
    expect(task.result.data[0].fields.ownerPHID).toBe(PHIDS.bob);
    expect(task.result.data[0].attachments.subscribers.subscriberPHIDs).toContain(PHIDS.erin);
    expect(
      ids(await call(standin, 'maniphest.search', { constraints: { modifiedStart: now } }, admin)),
    ).toEqual([10]);
  });

  it('keeps explicit subscriber additions in requested order when nothing was implied (as on T7)', async () => {
    await call(
      standin,
      'maniphest.edit',
      {
        objectIdentifier: 'T9',
        transactions: [
          { type: 'priority', value: 'unbreak' },
          { type: 'owner', value: PHIDS.carol },
          { type: 'subscribers.add', value: [PHIDS.erin] },
          { type: 'comment', value: 'Handing over.' },
        ],
      },
      { token: TOKENS.alice },
    );
    const history = await call(standin, 'transaction.search', { objectIdentifier: 'T9', limit: 4 }, admin);
    expect(history.result.data.map((xaction: { type: string }) => xaction.type)).toEqual([
      'comment',
      'subscribers',
      'owner',
      'priority',
    ]);
  });

  it('writes a new task in the creation order of the captured histories', async () => {
    const created = await call(
      standin,
      'maniphest.edit',
      {
        transactions: [
          { type: 'owner', value: PHIDS.bob },
          { type: 'projects.add', value: [PHIDS.echo] },
          { type: 'title', value: 'Push broken' },
          { type: 'priority', value: 'unbreak' },
          { type: 'description', value: 'Since wmf.9.' },
        ],
      },
      { token: TOKENS.alice },
    );
    const history = await call(
      standin,
      'transaction.search',
      { objectIdentifier: created.result.object.phid },
      admin,
    );
    expect(history.result.data.map((xaction: { type: string }) => xaction.type).reverse()).toEqual([
      'create',
      'title',
      'description',
      'priority',
      'projects',
      'owner',
      'subscribers',
    ]);
    expect(history.result.data[0].fields).toEqual({ operations: [{ operation: 'add', phid: PHIDS.alice }] });
    expect(history.result.data[3].fields).toEqual({
      old: { value: 90, name: 'Needs Triage' },
      new: { value: 100, name: 'Unbreak Now!' },
    });
  });

  it('subscribes the actor who comments unless they own the task, and drops no-ops', async () => {
    const bySelf = await call(
      standin,
      'maniphest.edit',
      { objectIdentifier: 'T4', transactions: [{ type: 'comment', value: 'mine' }] },
      { token: TOKENS.bob },
    );
    expect(bySelf.result.transactions).toHaveLength(1);
    const byOther = await call(
      standin,
      'maniphest.edit',
      { objectIdentifier: 'T4', transactions: [{ type: 'comment', value: 'hi' }] },
      admin,
    );
    expect(byOther.result.transactions).toHaveLength(2);
    const noop = await call(
      standin,
      'maniphest.edit',
      {
        objectIdentifier: 'T4',
        transactions: [
          { type: 'priority', value: 'normal' },
          { type: 'subscribers.add', value: [PHIDS.admin] },
        ],
      },
      admin,
    );
    expect(noop.result.transactions).toEqual([]);
  });

  it('closes and reopens, with dateClosed and closer', async () => {
    await call(
      standin,
      'maniphest.edit',
      { objectIdentifier: 'T14', transactions: [{ type: 'status', value: 'resolved' }] },
      { token: TOKENS.alice },
    );
    const closed = await call(standin, 'maniphest.search', { constraints: { ids: [14] } }, admin);
    expect(closed.result.data[0].fields.status).toEqual({ value: 'resolved', name: 'Resolved', color: null });
    expect(closed.result.data[0].fields.closerPHID).toBe(PHIDS.alice);
    expect(closed.result.data[0].fields.dateClosed).toBe(standin.clock.now());
    await call(
      standin,
      'maniphest.edit',
      { objectIdentifier: 'T14', transactions: [{ type: 'status', value: 'open' }] },
      admin,
    );
    const open = await call(standin, 'maniphest.search', { constraints: { ids: [14] } }, admin);
    expect(open.result.data[0].fields.dateClosed).toBeNull();
  });

  it('puts a task tagged with a board project into the default column', async () => {
    await call(
      standin,
      'maniphest.edit',
      { objectIdentifier: 'T14', transactions: [{ type: 'projects.add', value: ['Echo'] }] },
      admin,
    );
    const reply = await call(
      standin,
      'maniphest.search',
      { constraints: { ids: [14] }, attachments: { columns: true, projects: true } },
      admin,
    );
    expect(reply.result.data[0].attachments.projects.projectPHIDs[0]).toBe(PHIDS.echo);
    expect(reply.result.data[0].attachments.columns.boards).toEqual({
      [PHIDS.echo]: { columns: [{ id: 5, phid: 'PHID-PCOL-egw2lyvez43sog6x7bwy', name: 'Backlog' }] },
    });
  });

  it('validates before changing anything', async () => {
    const before = await call(standin, 'transaction.search', { objectIdentifier: 'T3' }, admin);
    const bad = await call(
      standin,
      'maniphest.edit',
      {
        objectIdentifier: 'T3',
        transactions: [
          { type: 'comment', value: 'x' },
          { type: 'priority', value: 'urgent' },
        ],
      },
      admin,
    );
    expect(bad.error_info).toBe(fixture('error.maniphest.edit-bad-priority').error_info);
    const after = await call(standin, 'transaction.search', { objectIdentifier: 'T3' }, admin);
    expect(ids(after)).toEqual(ids(before));
    const unknown = await call(
      standin,
      'maniphest.edit',
      { objectIdentifier: 'T3', transactions: [{ type: 'colour', value: 'x' }] },
      admin,
    );
    expect(unknown.error_code).toBe('ERR-CONDUIT-CORE');
    expect(unknown.error_info).toContain('has invalid type "colour"');
  });
});

describe('availability follows the clock', () => {
  it('ends busy and away spells at their until time', async () => {
    const availability = async () => {
      const reply = await call(
        standin,
        'user.search',
        { constraints: { usernames: ['carol', 'erin'] }, attachments: { availability: true } },
        admin,
      );
      return Object.fromEntries(
        (
          reply.result.data as {
            fields: { username: string };
            attachments: { availability: { value: string } };
          }[]
        ).map((user) => [user.fields.username, user.attachments.availability.value]),
      );
    };
    expect(await availability()).toEqual({ carol: 'away', erin: 'busy' });
    standin.clock.set(1795707900);
    expect(await availability()).toEqual({ carol: 'away', erin: 'available' });
    await control(standin, 'set-availability', { username: 'erin', value: 'away', until: '+2d' });
    expect(await availability()).toEqual({ carol: 'away', erin: 'away' });
  });
});

describe('legacy methods old clients still call', () => {
  it('maniphest.gettasktransactions titles transactions like Phorge', async () => {
    const real = JSON.parse(
      readFileSync(
        join(
          import.meta.dirname,
          '../../fixtures/standin/conduit/maniphest.gettasktransactions.legacy.response.json',
        ),
        'utf8',
      ),
    ) as { result: Record<string, { transactionID: string; title: string; transactionType: string }[]> };
    const ours = await call(standin, 'maniphest.gettasktransactions', { ids: [6] }, admin);
    const titles = (list: { transactionID: string; title: string; transactionType: string }[]) =>
      list
        .filter((entry) => !['core:columns', 'core:edge'].includes(entry.transactionType))
        .map((entry) => [entry.transactionID, entry.title]);
    expect(titles(ours.result['6'])).toEqual(titles(real.result['6'] ?? []));
  });

  it('maniphest.gettasktransactions names a project edge by its edge:type, like Phorge', async () => {
    type Legacy = { transactionID: string; transactionType: string; meta: Record<string, unknown> };
    const real = JSON.parse(
      readFileSync(
        join(
          import.meta.dirname,
          '../../fixtures/standin/conduit/maniphest.gettasktransactions.legacy.response.json',
        ),
        'utf8',
      ),
    ) as { result: Record<string, Legacy[]> };
    const ours = (await call(standin, 'maniphest.gettasktransactions', { ids: [6] }, admin)) as {
      result: Record<string, Legacy[]>;
    };
    // Without it, a client reads a tag change as a board move: someone's act the first poll misses.
    const edges = (list: Legacy[]) =>
      list
        .filter((entry) => entry.transactionType === 'core:edge')
        .map((entry) => [entry.transactionID, entry.meta['edge:type']]);
    expect(edges(ours.result['6'] ?? [])).toEqual(edges(real.result['6'] ?? []));
  });
});
