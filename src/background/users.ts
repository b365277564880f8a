// Accounts and their availability. Availability changes through the day, so entries expire quickly;
// one user.search call covers every PHID and username a poll or a page needs.
import { USERNAME_PATTERN, type PhabUser } from '../core/model';
import type { ConduitClient } from '../phabricator/conduit';
import { db, instanceKeys, type UserEntry } from './db';

/** A cached account that exists (entries without a user record an account looked up and not found). */
export type KnownUserEntry = UserEntry & { user: PhabUser };
import { nowSeconds } from './clock';

export const USER_TTL_SECONDS = 10 * 60;

// An instance's cached accounts are read from IndexedDB once per worker life and kept in step with every
// write below: a banner answered from the cache looks up the few people it names instead of reading
// every account ever cached (thousands, once a poll watches many tasks) on each page view.
const loaded = new Map<string, readonly UserEntry[]>();
const loading = new Map<string, Promise<readonly UserEntry[]>>();
// Bumped by every write: a read that started before it does not become the remembered list.
const generation = new Map<string, number>();

async function cachedEntries(origin: string): Promise<readonly UserEntry[]> {
  const ready = loaded.get(origin);
  if (ready) return ready;
  let pending = loading.get(origin);
  if (!pending) {
    const started = generation.get(origin) ?? 0;
    pending = db()
      .then((database) => database.getAll('users', instanceKeys(origin)))
      .then((entries) => {
        if ((generation.get(origin) ?? 0) === started) loaded.set(origin, entries);
        return entries;
      })
      .finally(() => loading.delete(origin));
    loading.set(origin, pending);
  }
  return pending;
}

/** Keeps the remembered list in step with entries just written to IndexedDB. */
function remember(origin: string, written: readonly UserEntry[]): void {
  generation.set(origin, (generation.get(origin) ?? 0) + 1);
  const current = loaded.get(origin);
  if (!current) return;
  const replaced = new Map(written.map((entry) => [entry.phid, entry]));
  const merged = current.map((entry) => replaced.get(entry.phid) ?? entry);
  const present = new Set(current.map((entry) => entry.phid));
  for (const entry of written) if (!present.has(entry.phid)) merged.push(entry);
  loaded.set(origin, merged);
}

/** Forgets the remembered accounts (after the store was changed behind this module: tests, benchmarks). */
export function forgetCachedUsers(): void {
  for (const origin of [...loaded.keys(), ...loading.keys()])
    generation.set(origin, (generation.get(origin) ?? 0) + 1);
  loaded.clear();
}

export async function usersFor(
  origin: string,
  client: ConduitClient,
  want: { phids?: Iterable<string>; usernames?: Iterable<string> },
): Promise<PhabUser[]> {
  const database = await db();
  const now = nowSeconds();
  const fresh = new Map<string, PhabUser>();
  const mine = (await cachedEntries(origin)).filter((u) => now - u.fetchedAt < USER_TTL_SECONDS);
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
    const written: UserEntry[] = [];
    for (const user of fetched) {
      fresh.set(user.phid, user);
      written.push({ origin, phid: user.phid, user, fetchedAt: now });
    }
    const foundNames = new Set(fetched.map((u) => u.username.toLowerCase()));
    for (const key of [
      ...missingPhids.filter((phid) => !fresh.has(phid)),
      ...missingNames.filter((name) => !foundNames.has(name)),
    ])
      written.push({ origin, phid: `missing:${key}`, user: null, fetchedAt: now });
    const tx = database.transaction('users', 'readwrite');
    for (const entry of written) void tx.store.put(entry);
    await tx.done;
    remember(origin, written);
  }
  return [...fresh.values()];
}

const knownOf = new WeakMap<readonly UserEntry[], KnownUserEntry[]>();

/** Every cached account of an instance, however old (the same list until an account is written). */
export async function instanceUsers(origin: string): Promise<readonly KnownUserEntry[]> {
  const entries = await cachedEntries(origin);
  let known = knownOf.get(entries);
  if (!known) {
    known = entries.filter((u): u is KnownUserEntry => u.user !== null);
    knownOf.set(entries, known);
  }
  return known;
}

interface Lookup {
  byPhid: Map<string, KnownUserEntry>;
  byName: Map<string, KnownUserEntry>;
}
// Built once per list: a page view looks up its few people in maps rather than building them again.
const lookups = new WeakMap<readonly KnownUserEntry[], Lookup>();

function lookupOf(cached: readonly KnownUserEntry[]): Lookup {
  let lookup = lookups.get(cached);
  if (!lookup) {
    lookup = {
      byPhid: new Map(cached.map((u) => [u.phid, u])),
      byName: new Map(cached.map((u) => [u.user.username.toLowerCase(), u])),
    };
    lookups.set(cached, lookup);
  }
  return lookup;
}

/** The cached account with this PHID, from a list instanceUsers gave. */
export function userByPhid(cached: readonly KnownUserEntry[], phid: string): KnownUserEntry | undefined {
  return lookupOf(cached).byPhid.get(phid);
}

/** The cached account with this username (any case), from a list instanceUsers gave. */
export function userByName(cached: readonly KnownUserEntry[], username: string): KnownUserEntry | undefined {
  return lookupOf(cached).byName.get(username.toLowerCase());
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
  const { byPhid, byName } = lookupOf(cached);
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
