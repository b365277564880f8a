// Accounts and their availability. Availability changes through the day, so entries expire quickly;
// one user.search call covers every PHID and username a poll or a page needs.
import { USERNAME_PATTERN, type PhabUser } from '../core/model';
import type { ConduitClient } from '../phabricator/conduit';
import { db, instanceKeys, type UserEntry } from './db';

/** A cached account that exists (entries without a user record an account looked up and not found). */
export type KnownUserEntry = UserEntry & { user: PhabUser };
import { nowSeconds } from './clock';

export const USER_TTL_SECONDS = 10 * 60;

export async function usersFor(
  origin: string,
  client: ConduitClient,
  want: { phids?: Iterable<string>; usernames?: Iterable<string> },
): Promise<PhabUser[]> {
  const database = await db();
  const now = nowSeconds();
  const fresh = new Map<string, PhabUser>();
  const mine = (await database.getAll('users', instanceKeys(origin))).filter(
    (u) => now - u.fetchedAt < USER_TTL_SECONDS,
  );
  const byPhid = new Map<string, PhabUser>();
  const byName = new Map<string, PhabUser>();
  const absent = new Set<string>();
  for (const entry of mine) {
    if (entry.user === null) absent.add(entry.phid);
    else {
      byPhid.set(entry.phid, entry.user);
      byName.set(entry.user.username.toLowerCase(), entry.user);
    }
  }
  const missingPhids: string[] = [];
  const missingNames: string[] = [];
  for (const phid of new Set(want.phids ?? [])) {
    const hit = byPhid.get(phid);
    if (hit) fresh.set(hit.phid, hit);
    else if (phid.startsWith('PHID-USER-') && !absent.has(`missing:${phid}`)) missingPhids.push(phid);
  }
  for (const name of new Set([...(want.usernames ?? [])].map((n) => n.toLowerCase()))) {
    const hit = byName.get(name);
    if (hit) fresh.set(hit.phid, hit);
    else if (USERNAME_PATTERN.test(name) && !absent.has(`missing:${name}`)) missingNames.push(name);
  }
  if (missingPhids.length > 0 || missingNames.length > 0) {
    // Both at once: a banner waiting on a never-seen task pays one round trip for its people, not two.
    const fetched = (
      await Promise.all([
        missingPhids.length ? client.searchUsers({ phids: missingPhids }) : [],
        missingNames.length ? client.searchUsers({ usernames: missingNames }) : [],
      ])
    ).flat();
    const tx = database.transaction('users', 'readwrite');
    for (const user of fetched) {
      fresh.set(user.phid, user);
      void tx.store.put({ origin, phid: user.phid, user, fetchedAt: now });
    }
    const foundNames = new Set(fetched.map((u) => u.username.toLowerCase()));
    for (const key of [
      ...missingPhids.filter((phid) => !fresh.has(phid)),
      ...missingNames.filter((name) => !foundNames.has(name)),
    ])
      void tx.store.put({ origin, phid: `missing:${key}`, user: null, fetchedAt: now });
    await tx.done;
  }
  return [...fresh.values()];
}

/** Every cached account of an instance, however old. */
export async function instanceUsers(origin: string): Promise<KnownUserEntry[]> {
  const entries = await (await db()).getAll('users', instanceKeys(origin));
  return entries.filter((u): u is KnownUserEntry => u.user !== null);
}

/**
 * The cached accounts of this want, however old, without asking Phabricator: what a banner answered from
 * the cache shows. `missingAccounts` counts wanted account PHIDs never read (registry usernames that
 * match no account are not counted: they would stay missing).
 */
export function pickUsers(
  cached: readonly KnownUserEntry[],
  want: { phids?: Iterable<string>; usernames?: Iterable<string> },
): { found: KnownUserEntry[]; missingAccounts: number } {
  const byPhid = new Map(cached.map((u) => [u.phid, u]));
  const byName = new Map(cached.map((u) => [u.user.username.toLowerCase(), u]));
  const found = new Map<string, KnownUserEntry>();
  let missingAccounts = 0;
  for (const phid of new Set(want.phids ?? [])) {
    const hit = byPhid.get(phid);
    if (hit) found.set(phid, hit);
    else if (phid.startsWith('PHID-USER-')) missingAccounts += 1;
  }
  for (const name of want.usernames ?? []) {
    const hit = byName.get(name.toLowerCase());
    if (hit) found.set(hit.phid, hit);
  }
  return { found: [...found.values()], missingAccounts };
}
