// What changed on an instance since the last poll. With a usable cache: UBN! tasks modified since its
// window (any status, so closed and reopened ones too) and known tasks of other priorities modified
// since (lowered ones, watched ones), in two maniphest.search calls; otherwise every open UBN!, and the
// last poll's other tasks that changed since it. The next window is built on Phorge's clock
// (poll-cache.ts says why it overlaps).
import type { InstanceVocabulary, PhabProject, TaskSnapshot } from '../core/model';
import { UBN_PRIORITY } from '../core/model';
import type { RegistryIndex } from '../core/registry/registry-index';
import { openStatusValues, type ConduitClient } from '../phabricator/conduit';
import type { Settings } from '../shared/settings';
import type { PollEntry } from './db';
import { projectsIncluding, vocabularyIncluding } from './metadata';
import { usableCache, WINDOW_OVERLAP_SECONDS, type PollCache } from './poll-cache';
import { registryFor } from './registry';

export interface Found {
  /** The previous poll's cache when this poll continues it; null when it read everything. */
  cache: PollCache | null;
  /**
   * When this poll read everything only because the cache was due for its full read (the settings,
   * registry and viewer are as they were): that cache, whose evaluations of unchanged tasks still hold.
   */
  aged: PollCache | null;
  /** Tasks Phorge returned in this poll, by id. */
  fresh: Map<number, TaskSnapshot>;
  nextSince: number | null;
  readAt: number | null;
  projects: PhabProject[];
  index: RegistryIndex | null;
  sources: Awaited<ReturnType<typeof registryFor>>['sources'];
  basis: string;
  /** The instance's priorities and statuses this poll read with (read again for a status it lacked). */
  vocabulary: InstanceVocabulary;
}

/**
 * What changed since the last poll: with a usable cache, UBN! tasks modified since its window (any
 * status: closed and reopened ones too) and known tasks of other priorities modified since (lowered
 * ones, watched ones); otherwise every open UBN!.
 */
export async function changedTasks(
  settings: Settings,
  origin: string,
  client: ConduitClient,
  vocabulary: InstanceVocabulary,
  viewer: { phid: string; username: string; realName: string } | null,
  previous: PollEntry,
  now: number,
): Promise<Found> {
  const openStatuses = new Set(openStatusValues(vocabulary.statuses));
  const cachedProjects = new Set((previous.cache?.tasks ?? []).flatMap((t) => t.projectPHIDs));
  const basisOf = async (tags: Iterable<string>) => {
    const projects = await projectsIncluding(origin, client, [...new Set(tags)]);
    const { index, sources, basis: registryBasis } = await registryFor(settings, projects);
    // A refresh that read the same registry again changes no task: its digest, not its time, counts.
    const basis = JSON.stringify({
      thresholds: settings.thresholds,
      watch: settings.watch,
      registry: registryBasis,
      viewer: viewer?.phid ?? null,
      vocabulary,
      projects: projects.length,
    });
    return { projects, index, sources, basis };
  };
  const cachedBasis = previous.cache ? await basisOf(cachedProjects) : null;
  const cache = cachedBasis ? usableCache(previous.cache, cachedBasis.basis, now) : null;
  const aged =
    cache === null && cachedBasis && previous.cache?.basis === cachedBasis.basis ? previous.cache : null;
  const fresh = new Map<number, TaskSnapshot>();
  const others = vocabulary.priorities.map((p) => p.value).filter((value) => value !== UBN_PRIORITY);
  // Known tasks of other priorities modified since `since`: the lowered ones, and watched ones. Asked by
  // id, all in one call: without the ids Phorge would send every task anyone edited meanwhile, which on a
  // busy instance is most of the bytes of a poll, whatever this browser watches.
  const changedSince = async (ids: number[], since: number, priorities?: number[]) => {
    if (ids.length === 0 || priorities?.length === 0) return;
    const found = await client.searchTasks(
      { ids, modifiedStart: since, ...(priorities ? { priorities } : {}) },
      { idsInOneCall: true },
    );
    for (const task of found) fresh.set(task.id, task);
  };
  // The window's next start is built on Phorge's clock at its first page: a task on that page changed
  // while later pages were read is listed as it was, and must fall inside the next window.
  const firstClock = client.watchServerTime();
  if (cache?.since != null) {
    for (const task of await client.searchTasks({ priorities: [UBN_PRIORITY], modifiedStart: cache.since }))
      fresh.set(task.id, task);
    await changedSince(
      cache.tasks.map((t) => t.id),
      cache.since,
      others,
    );
  } else {
    for (const task of await client.searchTasks({ priorities: [UBN_PRIORITY], statuses: [...openStatuses] }))
      fresh.set(task.id, task);
    // The last poll's tasks the open list no longer has and that changed since it (lowered or closed):
    // read as they are now, so that they are stored and their pages told, rather than kept as the open
    // UBN! they were.
    const last = previous.cache;
    if (last?.since != null)
      await changedSince(
        last.tasks.filter((t) => !fresh.has(t.id)).map((t) => t.id),
        last.since,
      );
  }
  // A status added since the daily read of the vocabulary: read it again, and with another vocabulary
  // (another basis) everything is read again, the open list by the new open statuses too.
  const current = await vocabularyIncluding(
    origin,
    client,
    [...fresh.values()].map((t) => t.status.value),
  );
  // (Compared by content: the stored entry is a copy once anything else about the instance was written.)
  if (current !== vocabulary && JSON.stringify(current) !== JSON.stringify(vocabulary))
    return changedTasks(settings, origin, client, current, viewer, previous, now);
  const serverTime = firstClock();
  const newTags = [...fresh.values()].flatMap((t) => t.projectPHIDs).filter((p) => !cachedProjects.has(p));
  let basis = cachedBasis;
  if (!basis || newTags.length > 0) basis = await basisOf([...cachedProjects, ...newTags]);
  // Without Phorge's clock, the newest modification seen is a safe start (inclusive): nothing that
  // changed after the search can carry an earlier time.
  let newest = cache?.since ?? null;
  for (const task of fresh.values())
    if (newest === null || task.dateModified > newest) newest = task.dateModified;
  const nextSince = serverTime !== null ? serverTime - WINDOW_OVERLAP_SECONDS : newest;
  // Without it, the newest modification seen stands for when the search was read (no later, so a task
  // modified in that second is read again next time rather than trusted).
  return { cache, aged, fresh, nextSince, readAt: serverTime ?? newest, vocabulary, ...basis };
}
