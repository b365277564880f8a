// Accounts are cached per instance; a banner answered from the cache looks up the few people it names in
// what the worker remembers, instead of reading every cached account from IndexedDB on each page view.
// What it remembers follows every write.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { PhabUser } from '../../../src/core/model';
import type { ConduitClient } from '../../../src/phabricator/conduit';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  return { default: createFakeBrowser().browser };
});

const { db } = await import('../../../src/background/db');
const { setClockOffset } = await import('../../../src/background/clock');
const { forgetCachedUsers, instanceUsers, pickUsers, usersFor, userByName, userByPhid, USER_TTL_SECONDS } =
  await import('../../../src/background/users');

const ORIGIN = 'https://phab.example.org';
const account = (
  username: string,
  availability: PhabUser['availability']['value'] = 'available',
): PhabUser => ({
  phid: `PHID-USER-${username}`,
  username,
  realName: username.toUpperCase(),
  roles: ['activated'],
  availability: { value: availability, until: null },
});

function directory(accounts: PhabUser[]) {
  const asked: { phids?: string[]; usernames?: string[] }[] = [];
  const client = {
    async searchUsers(query: { phids?: string[]; usernames?: string[] }) {
      asked.push(query);
      return accounts.filter(
        (a) =>
          query.phids?.includes(a.phid) ||
          query.usernames?.some((name) => name.toLowerCase() === a.username.toLowerCase()),
      );
    },
  } as unknown as ConduitClient;
  return { client, asked };
}

describe('cached accounts', () => {
  it('are read from IndexedDB once, and the same list answers again until an account is written', async () => {
    const { client } = directory([account('alice'), account('bob')]);
    await usersFor(ORIGIN, client, { usernames: ['alice', 'bob'] });
    const first = await instanceUsers(ORIGIN);
    expect(first.map((u) => u.user.username).sort()).toEqual(['alice', 'bob']);
    expect(await instanceUsers(ORIGIN)).toBe(first);
    expect(userByName(first, 'ALICE')?.phid).toBe('PHID-USER-alice');
    expect(userByPhid(first, 'PHID-USER-bob')?.user.username).toBe('bob');
  });

  it('follow every write: a new account, and a newer reading of a known one', async () => {
    const { client } = directory([account('carol'), account('bob', 'away')]);
    const before = await instanceUsers(ORIGIN);
    await usersFor(ORIGIN, client, { usernames: ['carol'] });
    const after = await instanceUsers(ORIGIN);
    expect(after).not.toBe(before);
    expect(userByName(after, 'carol')).toBeDefined();
    // Bob's availability is read again once his entry is older than the TTL.
    setClockOffset(USER_TTL_SECONDS + 1);
    await usersFor(ORIGIN, client, { phids: ['PHID-USER-bob'] });
    expect(userByName(await instanceUsers(ORIGIN), 'bob')?.user.availability.value).toBe('away');
    setClockOffset(0);
  });

  it('are read again after the store was changed behind the worker and forgotten', async () => {
    await (await db()).clear('users');
    forgetCachedUsers();
    expect(await instanceUsers(ORIGIN)).toEqual([]);
    const { client, asked } = directory([account('dave')]);
    const found = await usersFor(ORIGIN, client, { usernames: ['dave'] });
    expect(found.map((u) => u.username)).toEqual(['dave']);
    expect(asked).toHaveLength(1);
    // An answer from the cache names them without asking again.
    const { found: picked, missingAccounts } = pickUsers(await instanceUsers(ORIGIN), {
      phids: ['PHID-USER-dave', 'PHID-USER-nobody'],
    });
    expect(picked.map((u) => u.user.username)).toEqual(['dave']);
    expect(missingAccounts).toBe(1);
  });
});
