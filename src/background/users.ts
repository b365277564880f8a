// Accounts and their availability. Availability changes through the day, so entries expire quickly;
// one user.search call covers every PHID and username a poll or a page needs.
import { USERNAME_PATTERN, type PhabUser } from '../core/model';
import type { ConduitClient } from '../phabricator/conduit';
import { db, instanceKeys, type UserEntry } from './db';
import { assertCurrent } from './instance-epoch';
import { RESOLVED_RETENTION_SECONDS } from './tasks';

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

/** An instance removed from the settings: its accounts go, from the store and from memory. */
export async function forgetUsers(origin: string): Promise<void> {
  generation.set(origin, (generation.get(origin) ?? 0) + 1);
  loaded.delete(origin);
  await (await db()).delete('users', instanceKeys(origin));
}

/**
 * An account not read for this long is forgotten: every task record Steward still keeps (a closed UBN!
 * for 13 weeks after its last change, a page viewed in the last 30 days) had its people read when it was
 * last read, so none of them is older than this; an account asked for again is read again.
 */
export const USER_RETENTION_SECONDS = RESOLVED_RETENTION_SECONDS;

/** Deletes the instance's accounts (and lookups that found none) not read for USER_RETENTION_SECONDS. */
export async function sweepUsers(origin: string, now: number): Promise<void> {
  const tx = (await db()).transaction('users', 'readwrite');
  const gone = new Set<string>();
  for (
    let cursor = await tx.store.openCursor(instanceKeys(origin));
    cursor;
    cursor = await cursor.continue()
  ) {
    if (now - cursor.value.fetchedAt <= USER_RETENTION_SECONDS) continue;
    gone.add(cursor.value.phid);
    void cursor.delete();
  }
  await tx.done;
  if (gone.size === 0) return;
  generation.set(origin, (generation.get(origin) ?? 0) + 1);
  const current = loaded.get(origin);
  if (current)
    loaded.set(
      origin,
      current.filter((entry) => !gone.has(entry.phid)),
    );
}

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
  // The remembered lookup, read for entries younger than the TTL: no maps built again per call.
  const { byPhid, byName, absent } = directoryOf(await cachedEntries(origin));
  const current = <T extends UserEntry>(entry: T | undefined): T | undefined =>
    entry && now - entry.fetchedAt < USER_TTL_SECONDS ? entry : undefined;
  const missingPhids: string[] = [];
  const missingNames: string[] = [];
  for (const phid of new Set(want.phids ?? [])) {
    const hit = current(byPhid.get(phid));
    if (hit) fresh.set(hit.phid, hit.user);
    else if (phid.startsWith('PHID-USER-') && !current(absent.get(`missing:${phid}`)))
      missingPhids.push(phid);
  }
  for (const name of new Set([...(want.usernames ?? [])].map((n) => n.toLowerCase()))) {
    const hit = current(byName.get(name));
    if (hit) fresh.set(hit.phid, hit.user);
    else if (USERNAME_PATTERN.test(name) && !current(absent.get(`missing:${name}`))) missingNames.push(name);
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
    assertCurrent(client);
    const tx = database.transaction('users', 'readwrite');
    for (const entry of written) void tx.store.put(entry);
    await tx.done;
    remember(origin, written);
  }
  return [...fresh.values()];
}

/** One remembered list of entries, looked up: its accounts, and the lookups recorded as finding none. */
interface Directory {
  known: KnownUserEntry[];
  byPhid: Map<string, KnownUserEntry>;
  byName: Map<string, KnownUserEntry>;
  /** `missing:<phid or lowercase username>` entries. */
  absent: Map<string, UserEntry>;
}
// Built once per remembered list (a new list after each write), found from the entries or from `known`:
// a page view or a poll looks up its people in maps rather than building them again.
const directories = new WeakMap<readonly UserEntry[], Directory>();

function directoryOf(entries: readonly UserEntry[]): Directory {
  let directory = directories.get(entries);
  if (!directory) {
    const known = entries.filter((u): u is KnownUserEntry => u.user !== null);
    directory = {
      known,
      byPhid: new Map(known.map((u) => [u.phid, u])),
      byName: new Map(known.map((u) => [u.user.username.toLowerCase(), u])),
      absent: new Map(entries.filter((u) => u.user === null).map((u) => [u.phid, u])),
    };
    directories.set(entries, directory);
    directories.set(known, directory);
  }
  return directory;
}

/** Every cached account of an instance, however old (the same list until an account is written). */
export async function instanceUsers(origin: string): Promise<readonly KnownUserEntry[]> {
  return directoryOf(await cachedEntries(origin)).known;
}

function lookupOf(cached: readonly KnownUserEntry[]): Directory {
  return directories.get(cached) ?? directoryOf(cached);
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
