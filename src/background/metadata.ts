// What the worker knows about an instance: its priorities and statuses, its projects and who the user is.
// Priorities and projects change rarely: they are cached for a day; the viewer for an hour, or until the
// account Steward reads as changes.
import type { InstanceVocabulary, PhabProject } from '../core/model';
import type { ConduitClient } from '../phabricator/conduit';
import { db, type InstanceEntry } from './db';
import { nowSeconds } from './clock';
import { assertCurrent, endAccount, readsAsCurrentAccount } from './instance-epoch';

const DAY = 24 * 3600;
const HOUR = 3600;

function emptyEntry(origin: string): InstanceEntry {
  return {
    origin,
    vocabulary: null,
    vocabularyAt: null,
    projects: null,
    projectsAt: null,
    viewer: null,
    viewerAt: null,
  };
}

// Each instance's entry as last written or read, per worker life: its project list can hold thousands of
// projects, and a page view answered from the cache should not read them from IndexedDB every time.
// Every write goes through update() or forgetInstance().
const remembered = new Map<string, InstanceEntry | undefined>();

/** What is cached about an instance, however old, without asking Phabricator. */
export async function cachedInstance(origin: string): Promise<InstanceEntry | undefined> {
  if (remembered.has(origin)) return remembered.get(origin);
  const stored = await (await db()).get('instances', origin);
  // An update() that landed meanwhile is newer than what this read saw.
  if (!remembered.has(origin)) remembered.set(origin, stored);
  return remembered.get(origin);
}

async function entry(origin: string): Promise<InstanceEntry> {
  return (await cachedInstance(origin)) ?? emptyEntry(origin);
}

/** Deletes what is cached about an instance (removed from the settings). */
export async function forgetInstance(origin: string): Promise<void> {
  await (await db()).delete('instances', origin);
  remembered.set(origin, undefined);
}

/** Forgets the remembered entries (after the store was changed behind this module: tests, benchmarks). */
export function forgetRememberedInstances(): void {
  remembered.clear();
}

/**
 * Changes some fields of the instance's entry, read and written in one transaction: the vocabulary, the
 * projects and the viewer are read in parallel, and separate read-then-write steps would let one save
 * put back an entry without what another had just written.
 */
async function update(
  origin: string,
  patch: Partial<Omit<InstanceEntry, 'origin'>>,
  reader: ConduitClient | null,
): Promise<void> {
  const database = await db();
  if (reader) assertCurrent(reader);
  const tx = database.transaction('instances', 'readwrite');
  const current = (await tx.store.get(origin)) ?? emptyEntry(origin);
  const next = { ...current, ...patch };
  await tx.store.put(next);
  await tx.done;
  remembered.set(origin, next);
}

export async function vocabulary(origin: string, client: ConduitClient): Promise<InstanceVocabulary> {
  const cached = await entry(origin);
  if (cached.vocabulary && cached.vocabularyAt !== null && nowSeconds() - cached.vocabularyAt < DAY) {
    return cached.vocabulary;
  }
  return readVocabulary(origin, client, []);
}

async function readVocabulary(
  origin: string,
  client: ConduitClient,
  unseenStatuses: string[],
): Promise<InstanceVocabulary> {
  const [priorities, statuses] = await Promise.all([client.priorities(), client.statuses()]);
  const value = { priorities, statuses };
  await update(origin, { vocabulary: value, vocabularyAt: nowSeconds(), unseenStatuses }, client);
  return value;
}

/**
 * The vocabulary, read again at once when a task carries a status it does not list: an administrator
 * added one since the daily read, and until it is known a task moved to it would be counted open or
 * closed by guess (a new closed status shown as an open UBN!, a new open one dropped from the poll's
 * full read). A value still unlisted after that read is not read for again until the daily read, and
 * counts open (core/escalation/vocabulary.ts).
 */
export async function vocabularyIncluding(
  origin: string,
  client: ConduitClient,
  statuses: Iterable<string>,
): Promise<InstanceVocabulary> {
  const known = await vocabulary(origin, client);
  const unseen = (await entry(origin)).unseenStatuses ?? [];
  const listed = new Set([...known.statuses.map((s) => s.value), ...unseen]);
  const missing = [...new Set(statuses)].filter((value) => !listed.has(value));
  if (missing.length === 0) return known;
  const fresh = await readVocabulary(origin, client, unseen);
  const now = new Set(fresh.statuses.map((s) => s.value));
  const stillUnseen = missing.filter((value) => !now.has(value));
  if (stillUnseen.length > 0) await update(origin, { unseenStatuses: [...unseen, ...stillUnseen] }, client);
  return fresh;
}

export async function projects(origin: string, client: ConduitClient, force = false): Promise<PhabProject[]> {
  const cached = await entry(origin);
  if (!force && cached.projects && cached.projectsAt !== null && nowSeconds() - cached.projectsAt < DAY) {
    return cached.projects;
  }
  const list = await client.searchProjects({});
  await update(origin, { projects: list, projectsAt: nowSeconds(), unseenProjects: [] }, client);
  return list;
}

/** Projects by PHID, reading the ones a fresh task brings that the daily list does not know yet. */
export async function projectsIncluding(
  origin: string,
  client: ConduitClient,
  phids: string[],
): Promise<PhabProject[]> {
  const list = await projects(origin, client);
  const unseen = (await entry(origin)).unseenProjects ?? [];
  const known = new Set([...list.map((p) => p.phid), ...unseen]);
  const missing = [...new Set(phids.filter((phid) => !known.has(phid)))];
  if (missing.length === 0) return list;
  const extra = await client.searchProjects({ phids: missing });
  const found = new Set(extra.map((p) => p.phid));
  // A tag this account cannot see stays unseen until the daily list is read again: a task tagged with
  // a hidden project must not cost every poll a project.search.
  const stillUnseen = [...unseen, ...missing.filter((phid) => !found.has(phid))];
  if (extra.length === 0) {
    await update(origin, { unseenProjects: stillUnseen }, client);
    return list;
  }
  const merged = [...list, ...extra];
  await update(origin, { projects: merged, unseenProjects: stillUnseen }, client);
  return merged;
}

/** whoami in flight per instance: pages told at once to ask again (a new token) share one. */
const viewerReads = new Map<string, Promise<NonNullable<InstanceEntry['viewer']>>>();

/**
 * The instance's account may have changed (its token set or removed, its auth mode switched): who "you"
 * are is read again at the next ask, not an hour later.
 */
export async function forgetViewer(origin: string): Promise<void> {
  endAccount(origin);
  viewerReads.delete(origin);
  if ((await cachedInstance(origin))?.viewer) await update(origin, { viewer: null, viewerAt: null }, null);
}

export async function viewer(
  origin: string,
  client: ConduitClient,
  force = false,
): Promise<InstanceEntry['viewer']> {
  const cached = await entry(origin);
  if (!force && cached.viewer && cached.viewerAt !== null && nowSeconds() - cached.viewerAt < HOUR)
    return cached.viewer;
  // A client made before the account changed asks as the account before: its answer is not "you" now.
  if (!readsAsCurrentAccount(client)) return whoami(client);
  let reading = viewerReads.get(origin);
  if (!reading) {
    const started = whoami(client).then(async (value) => {
      if (readsAsCurrentAccount(client))
        await update(origin, { viewer: value, viewerAt: nowSeconds() }, client);
      return value;
    });
    reading = started.finally(() => {
      if (viewerReads.get(origin) === reading) viewerReads.delete(origin);
    });
    viewerReads.set(origin, reading);
  }
  return reading;
}

async function whoami(client: ConduitClient): Promise<NonNullable<InstanceEntry['viewer']>> {
  const me = await client.whoami();
  return { phid: me.phid, username: me.userName, realName: me.realName };
}
