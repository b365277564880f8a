// Task contexts built from the worker's caches alone, with no request: the whole context of a task whose
// history is cached, and the part of a never-seen task that needs no history (priority and status from
// its page, owners of its tags from the cached registry and projects).
import type { PhabProject, TaskSnapshot } from '../core/model';
import type { PageFacts, TaskContext } from '../messages';
import type { Settings } from '../shared/settings';
import { nowSeconds } from './clock';
import { evaluate, wantedUsers } from './context';
import type { InstanceEntry, TaskEntry } from './db';
import { peopleDue } from './freshness';
import { registryFor } from './registry';
import { pickUsers, userByName, type KnownUserEntry } from './users';
import { isWatchedNow } from './watch-rules';

/** What the worker has cached for one task page: read once per answer. */
export interface TaskCache {
  entry: TaskEntry | undefined;
  instance: InstanceEntry | undefined;
  users: readonly KnownUserEntry[];
}

/** The task's whole context from the cache, and whether the people in it are due to be read again. */
export async function contextFromCache(
  settings: Settings,
  origin: string,
  cache: TaskCache & { entry: TaskEntry; instance: InstanceEntry },
): Promise<{ context: TaskContext; peopleDue: boolean }> {
  const { entry, instance } = cache;
  const now = nowSeconds();
  const projects = instance.projects ?? [];
  const history = entry.history ?? [];
  const { index, sources } = await registryFor(settings, projects);
  const { found, missingAccounts } = pickUsers(
    cache.users,
    wantedUsers(entry.snapshot, history, index, instance.viewer),
  );
  const evaluation = await evaluate({
    withTimeline: true,
    settings,
    origin,
    snapshot: entry.snapshot,
    history,
    vocabulary: instance.vocabulary!,
    projects,
    index,
    viewer: instance.viewer,
    watched: await isWatchedNow({
      settings,
      origin,
      snapshot: entry.snapshot,
      vocabulary: instance.vocabulary!,
      projects,
      index,
      viewer: instance.viewer,
    }),
    sources,
    now,
    users: found.map((u) => u.user),
  });
  return { context: evaluation.context, peopleDue: peopleDue(found, missingAccounts, now) };
}

function projectOf(
  projects: readonly PhabProject[],
  tag: PageFacts['tags'][number],
): PhabProject | undefined {
  return projects.find((p) => (tag.slug !== null && p.slug === tag.slug) || p.name === tag.name);
}

/**
 * The task as its page shows it, in the terms of the cached vocabulary and projects; null when the page
 * names something the cache cannot place (a renamed priority, a project never listed).
 */
function snapshotFromPage(
  taskId: number,
  page: PageFacts,
  cache: TaskCache & { instance: InstanceEntry },
): TaskSnapshot | null {
  const vocabulary = cache.instance.vocabulary;
  if (!vocabulary) return null;
  const previous = cache.entry?.snapshot;
  const priority =
    page.priority !== null ? vocabulary.priorities.find((p) => p.name === page.priority) : previous?.priority;
  // Open tasks show the status by name; a closed task's header shows "Closed, <name>".
  const status = vocabulary.statuses.find(
    (s) => s.closed === page.closed && (page.status === s.name || page.status.endsWith(`, ${s.name}`)),
  );
  if (!priority || !status) return null;
  const projectPHIDs: string[] = [];
  for (const tag of page.tags) {
    const project = projectOf(cache.instance.projects ?? [], tag);
    if (!project) return null;
    projectPHIDs.push(project.phid);
  }
  // In the order Conduit gave them before, so the owners do not reorder when the whole answer arrives.
  if (previous) {
    const rank = (phid: string) => {
      const at = previous.projectPHIDs.indexOf(phid);
      return at < 0 ? Number.MAX_SAFE_INTEGER : at;
    };
    projectPHIDs.sort((a, b) => rank(a) - rank(b));
  }
  const assignee = page.assignee?.toLowerCase();
  const owner = assignee ? userByName(cache.users, assignee) : undefined;
  return {
    id: taskId,
    phid: page.phid,
    title: page.title,
    status: { value: status.value, name: status.name },
    priority: { value: priority.value, name: priority.name },
    ownerPHID: owner?.phid ?? null,
    authorPHID: previous?.authorPHID ?? '',
    dateCreated: previous?.dateCreated ?? 0,
    dateModified: previous?.dateModified ?? 0,
    dateClosed: previous?.dateClosed ?? null,
    projectPHIDs,
    subscriberPHIDs: previous?.subscriberPHIDs ?? [],
  };
}

/**
 * What can be shown of a task before its history is read: its priority and status (from the page) and who
 * owns its tags (cached registry, projects and people). Escalation, process owner, staleness and the
 * assign suggestions need the history: they are left out and the context says it is pending.
 */
export async function partialContext(
  settings: Settings,
  origin: string,
  taskId: number,
  page: PageFacts,
  cache: TaskCache & { instance: InstanceEntry },
): Promise<TaskContext | null> {
  const snapshot = snapshotFromPage(taskId, page, cache);
  if (!snapshot) return null;
  const projects = cache.instance.projects ?? [];
  const { index, sources } = await registryFor(settings, projects);
  const { found } = pickUsers(cache.users, wantedUsers(snapshot, [], index, cache.instance.viewer));
  const { context } = await evaluate({
    settings,
    origin,
    snapshot,
    history: [],
    vocabulary: cache.instance.vocabulary!,
    projects,
    index,
    viewer: cache.instance.viewer,
    watched: await isWatchedNow({
      settings,
      origin,
      snapshot,
      vocabulary: cache.instance.vocabulary!,
      projects,
      index,
      viewer: cache.instance.viewer,
    }),
    sources,
    now: nowSeconds(),
    users: found.map((u) => u.user),
  });
  return {
    ...context,
    escalation: null,
    processOwner: null,
    stale: [],
    suggestions: [],
    // Whether one process owner is needed depends on a declaration in the history.
    ownership: { ...context.ownership, needsSingleProcessOwner: false },
    pending: 'history',
  };
}

/**
 * The accounts a never-seen task's answer will need that its page already names: the people it links, its
 * assignee, the owners of its tags and the viewer. Read alongside the task, they spare the banner a
 * second round trip after the history.
 */
export async function peopleOfPage(
  settings: Settings,
  taskId: number,
  page: PageFacts,
  cache: TaskCache & { instance: InstanceEntry },
): Promise<{ phids: string[]; usernames: string[] }> {
  const usernames = [...(page.people ?? []), ...(page.assignee ? [page.assignee] : [])];
  const snapshot = snapshotFromPage(taskId, page, cache);
  if (!snapshot) return { phids: [], usernames };
  const { index } = await registryFor(settings, cache.instance.projects ?? []);
  const want = wantedUsers(snapshot, [], index, cache.instance.viewer);
  return { phids: want.phids, usernames: [...usernames, ...want.usernames] };
}
