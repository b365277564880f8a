// What the worker knows about an instance: its priorities and statuses, its projects and who the user is.
// Priorities and projects change rarely: they are cached for a day; the viewer for an hour.
import type { InstanceVocabulary, PhabProject } from '../core/model';
import type { ConduitClient } from '../phabricator/conduit';
import { db, type InstanceEntry } from './db';
import { nowSeconds } from './clock';

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

async function entry(origin: string): Promise<InstanceEntry> {
  return (await (await db()).get('instances', origin)) ?? emptyEntry(origin);
}

/** What is cached about an instance, however old, without asking Phabricator. */
export async function cachedInstance(origin: string): Promise<InstanceEntry | undefined> {
  return (await db()).get('instances', origin);
}

/**
 * Changes some fields of the instance's entry, read and written in one transaction: the vocabulary, the
 * projects and the viewer are read in parallel, and separate read-then-write steps would let one save
 * put back an entry without what another had just written.
 */
async function update(origin: string, patch: Partial<Omit<InstanceEntry, 'origin'>>): Promise<void> {
  const tx = (await db()).transaction('instances', 'readwrite');
  const current = (await tx.store.get(origin)) ?? emptyEntry(origin);
  await tx.store.put({ ...current, ...patch });
  await tx.done;
}

export async function vocabulary(origin: string, client: ConduitClient): Promise<InstanceVocabulary> {
  const cached = await entry(origin);
  if (cached.vocabulary && cached.vocabularyAt !== null && nowSeconds() - cached.vocabularyAt < DAY) {
    return cached.vocabulary;
  }
  const [priorities, statuses] = await Promise.all([client.priorities(), client.statuses()]);
  const value = { priorities, statuses };
  await update(origin, { vocabulary: value, vocabularyAt: nowSeconds() });
  return value;
}

export async function projects(origin: string, client: ConduitClient, force = false): Promise<PhabProject[]> {
  const cached = await entry(origin);
  if (!force && cached.projects && cached.projectsAt !== null && nowSeconds() - cached.projectsAt < DAY) {
    return cached.projects;
  }
  const list = await client.searchProjects({});
  await update(origin, { projects: list, projectsAt: nowSeconds() });
  return list;
}

/** Projects by PHID, reading the ones a fresh task brings that the daily list does not know yet. */
export async function projectsIncluding(
  origin: string,
  client: ConduitClient,
  phids: string[],
): Promise<PhabProject[]> {
  const list = await projects(origin, client);
  const known = new Set(list.map((p) => p.phid));
  const missing = phids.filter((phid) => !known.has(phid));
  if (missing.length === 0) return list;
  const extra = await client.searchProjects({ phids: missing });
  const merged = [...list, ...extra];
  await update(origin, { projects: merged });
  return merged;
}

export async function viewer(
  origin: string,
  client: ConduitClient,
  force = false,
): Promise<InstanceEntry['viewer']> {
  const cached = await entry(origin);
  if (!force && cached.viewer && cached.viewerAt !== null && nowSeconds() - cached.viewerAt < HOUR)
    return cached.viewer;
  const me = await client.whoami();
  const value = { phid: me.phid, username: me.userName, realName: me.realName };
  await update(origin, { viewer: value, viewerAt: nowSeconds() });
  return value;
}
