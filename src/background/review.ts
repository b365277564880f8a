// The UBN! review page's data: every open UBN! of an instance (watched or not) with its timeline, from
// what the poll already cached first, then from Phabricator. The first answer reads IndexedDB only, so
// the page shows rows at once; the page then asks for the list again and for the missing histories in
// small batches, which is what lets it show progress on a long first load.
import type { InstanceVocabulary, PhabProject, PhabUser, TaskSnapshot } from '../core/model';
import { UBN_PRIORITY } from '../core/model';
import { isClosedStatus } from '../core/escalation/vocabulary';
import { readEscalation } from '../core/escalation/escalation';
import { resolvedTask, weekStart } from '../core/escalation/resolved-weeks';
import { resolveTaskOwnership } from '../core/ownership/resolve';
import { UserDirectory } from '../core/ownership/liveness';
import type { TaskOwnership } from '../core/ownership/types';
import { openStatusValues, type ConduitClient } from '../phabricator/conduit';
import type { OwnerFlag, ResolvedView, ReviewRow, ReviewView } from '../messages';
import type { Settings } from '../shared/settings';
import { mapLimited } from '../shared/map-limited';
import { nowSeconds } from './clock';
import { evaluate, wantedUsers } from './context';
import { db, instanceKeys, type TaskEntry } from './db';
import { clientFor } from './instance-client';
import {
  cachedInstance,
  projectsIncluding,
  vocabulary as readVocabulary,
  vocabularyIncluding,
} from './metadata';
import { registryFor } from './registry';
import { longestRunning } from './review-first';
import { historyFor, historyIsCurrent, rememberSnapshots } from './tasks';
import { instanceUsers, usersFor } from './users';
import { worstSeverity } from './views';

/** A chart row is a few hundred pixels wide: more ticks than this only add bytes. */
const ROW_TICKS = 80;
const WEEK = 7 * 86400;
const HISTORY_READS_AT_ONCE = 4;
/** When the open-UBN! list was last read from Phabricator, per instance, for this worker's life. */
const listedAt = new Map<string, number>();

function isOpenUbn(snapshot: TaskSnapshot, vocabulary: InstanceVocabulary): boolean {
  return snapshot.priority.value === UBN_PRIORITY && !isClosedStatus(vocabulary, snapshot.status.value);
}

/** Accounts as cached, whatever their age: availability a few minutes old is fine for a first paint. */
async function cachedUsers(origin: string): Promise<PhabUser[]> {
  // Kept in memory by users.ts, in step with every write: not read from IndexedDB at each opening.
  return (await instanceUsers(origin)).map((u) => u.user);
}

interface Shared {
  settings: Settings;
  origin: string;
  /** Absent when answering from the cache: the accounts are then given, nothing is asked. */
  client?: ConduitClient;
  vocabulary: InstanceVocabulary;
  projects: PhabProject[];
  users: PhabUser[];
  now: number;
}

function tagNames(snapshot: TaskSnapshot, projectName: Map<string, string>): string[] {
  return snapshot.projectPHIDs.map((phid) => projectName.get(phid) ?? phid);
}

/** The steward teams of the task's components, for the team filter of both views. */
function teamsOf(ownership: TaskOwnership | null): string[] {
  // Teams only: a person named as steward is not a team to filter by.
  return [
    ...new Set(
      (ownership?.components ?? []).flatMap((c) =>
        c.stewards.flatMap((s) => (s.kind === 'team' ? [s.name] : [])),
      ),
    ),
  ];
}

async function rowsOf(shared: Shared, entries: { snapshot: TaskSnapshot; history: TaskEntry['history'] }[]) {
  const { index, sources } = await registryFor(shared.settings, shared.projects);
  const projectName = new Map(shared.projects.map((p) => [p.phid, p.name]));
  const rows: ReviewRow[] = [];
  for (const { snapshot, history } of entries) {
    if (history === null) continue;
    const { context, ownership } = await evaluate({
      settings: shared.settings,
      origin: shared.origin,
      client: shared.client,
      snapshot,
      history,
      vocabulary: shared.vocabulary,
      projects: shared.projects,
      index,
      viewer: null,
      watched: false,
      now: shared.now,
      sources,
      users: shared.users,
      withTimeline: true,
    });
    const timeline = context.timeline ?? null;
    if (timeline && timeline.ticks.length > ROW_TICKS) {
      timeline.omittedTicks += timeline.ticks.length - ROW_TICKS;
      timeline.ticks = timeline.ticks.slice(-ROW_TICKS);
    }
    const components = context.ownership.components.map((c) => ({
      name: c.name,
      stewards: c.stewards.map((s) => s.name),
      flags: c.flags as OwnerFlag[],
    }));
    rows.push({
      task: context.task,
      projects: tagNames(snapshot, projectName),
      escalation: context.escalation,
      processOwner: context.processOwner,
      stale: context.stale,
      severity: worstSeverity(context.stale),
      components,
      teams: teamsOf(ownership),
      needsSingleProcessOwner: context.ownership.needsSingleProcessOwner,
      lastActivityAt: history.reduce<number | null>((max, tx) => Math.max(max ?? 0, tx.dateCreated), null),
      timeline,
    });
  }
  return rows;
}

/** Every account the rows need (authors, owners, declared people, the registry's owners), for one user.search. */
async function usersWanted(
  settings: Settings,
  projects: PhabProject[],
  entries: { snapshot: TaskSnapshot; history: TaskEntry['history'] }[],
) {
  const { index } = await registryFor(settings, projects);
  const phids = new Set<string>();
  const usernames = new Set<string>();
  for (const { snapshot, history } of entries) {
    const wanted = wantedUsers(snapshot, history ?? [], index, null);
    for (const phid of wanted.phids) phids.add(phid);
    for (const name of wanted.usernames) usernames.add(name);
  }
  return { phids, usernames };
}

/**
 * Every open UBN! of the instance. Without `refresh` only IndexedDB is read (what the last poll left);
 * with it the list itself is read again from Phabricator (one paged maniphest.search). Tasks whose
 * history is missing or out of date are listed in `pending` for review/fetch.
 */
export async function reviewOpen(
  settings: Settings,
  origin: string,
  refresh: boolean,
  first?: number,
): Promise<ReviewView> {
  // From the cache nothing is asked of Phabricator: no client (its token and host-access checks) is needed.
  const client = refresh ? await clientFor(settings, origin) : undefined;
  const database = await db();
  const now = nowSeconds();
  let vocabulary: InstanceVocabulary | null;
  let entries: TaskEntry[];
  let projects: PhabProject[];
  let users: PhabUser[];
  if (client) {
    vocabulary = await readVocabulary(origin, client);
    const open = await client.searchTasks({
      priorities: [UBN_PRIORITY],
      statuses: openStatusValues(vocabulary.statuses),
    });
    entries = await rememberSnapshots(origin, open);
    listedAt.set(origin, now);
    projects = await projectsIncluding(origin, client, [...new Set(open.flatMap((t) => t.projectPHIDs))]);
    const current = entries.filter(historyIsCurrent);
    users = await usersFor(origin, client, await usersWanted(settings, projects, current));
  } else {
    const instance = await cachedInstance(origin);
    vocabulary = instance?.vocabulary ?? null;
    const known = vocabulary;
    if (known && first !== undefined) {
      // The reads the first screen needs, issued together rather than one after another.
      const [shortcut, cached, poll] = await Promise.all([
        longestRunning(origin, known, first),
        cachedUsers(origin),
        listedAt.has(origin) ? undefined : database.get('polls', origin),
      ]);
      if (shortcut) {
        // The first screen only: `pending` covers the rows read, the page's refresh lists the rest.
        const shared = {
          settings,
          origin,
          client,
          vocabulary: known,
          projects: instance?.projects ?? [],
          users: cached,
          now,
        };
        const listed = listedAt.get(origin) ?? poll?.lastOkAt ?? null;
        // The rest is counted as still to read: the page says "showing 24 of 310", not "24 of 24".
        return {
          instance: origin,
          now,
          rows: await rowsOf(shared, shortcut.shown),
          pending: shortcut.others,
          listedAt: listed,
        };
      }
    }
    entries =
      known === null
        ? []
        : (await database.getAll('tasks', instanceKeys(origin))).filter((e) => isOpenUbn(e.snapshot, known));
    projects = instance?.projects ?? [];
    users = await cachedUsers(origin);
  }
  const poll = await database.get('polls', origin);
  const listed = listedAt.get(origin) ?? poll?.lastOkAt ?? null;
  if (vocabulary === null) return { instance: origin, now, rows: [], pending: [], listedAt: listed };
  let current = entries.filter(historyIsCurrent);
  const pending = entries.filter((e) => !historyIsCurrent(e)).map((e) => e.id);
  if (!refresh && first !== undefined && current.length > first) {
    // Evaluating every task takes a while with 1,000 of them; the escalation alone orders them.
    const known = vocabulary;
    const started = new Map(
      current.map((e) => [e.id, readEscalation(e.history ?? [], known, e.snapshot).current?.at ?? now]),
    );
    const ordered = [...current].sort((a, b) => started.get(a.id)! - started.get(b.id)! || a.id - b.id);
    current = ordered.slice(0, first);
    // Not shown yet, so counted with what is still to read.
    pending.push(...ordered.slice(first).map((e) => e.id));
  }
  const rows = await rowsOf({ settings, origin, client, vocabulary, projects, users, now }, current);
  return { instance: origin, now, rows, pending, listedAt: listed };
}

/** Rows for tasks whose history the cache lacked: reads each history, then evaluates them together. */
export async function reviewFetch(settings: Settings, origin: string, ids: number[]): Promise<ReviewRow[]> {
  const client = await clientFor(settings, origin);
  const database = await db();
  const stored = (await Promise.all(ids.map((id) => database.get('tasks', [origin, id])))).filter(
    (entry): entry is TaskEntry => entry !== undefined,
  );
  const vocabulary = await vocabularyIncluding(
    origin,
    client,
    stored.map((entry) => entry.snapshot.status.value),
  );
  const entries: { snapshot: TaskSnapshot; history: TaskEntry['history'] }[] = [];
  for (const entry of stored) {
    if (!isOpenUbn(entry.snapshot, vocabulary)) continue;
    entries.push({ snapshot: entry.snapshot, history: await historyFor(origin, client, entry) });
  }
  const projects = await projectsIncluding(origin, client, [
    ...new Set(entries.flatMap((e) => e.snapshot.projectPHIDs)),
  ]);
  const users = await usersFor(origin, client, await usersWanted(settings, projects, entries));
  return rowsOf({ settings, origin, client, vocabulary, projects, users, now: nowSeconds() }, entries);
}

/** Each closed UBN! with the tags, components and steward teams the page filters by, as the open rows carry. */
async function resolvedOf(
  settings: Settings,
  origin: string,
  client: ConduitClient,
  vocabulary: InstanceVocabulary,
  entries: { snapshot: TaskSnapshot; history: TaskEntry['history'] }[],
  since: number,
): Promise<ResolvedView['tasks']> {
  const projects = await projectsIncluding(origin, client, [
    ...new Set(entries.flatMap((e) => e.snapshot.projectPHIDs)),
  ]);
  const { index } = await registryFor(settings, projects);
  const projectName = new Map(projects.map((p) => [p.phid, p.name]));
  const users = new UserDirectory(await cachedUsers(origin));
  const now = nowSeconds();
  const tasks: ResolvedView['tasks'] = [];
  for (const { snapshot, history } of entries) {
    const task = history === null ? null : resolvedTask(snapshot, history, vocabulary);
    if (task === null || task.resolvedAt < since) continue;
    const ownership = index
      ? resolveTaskOwnership({ projectPHIDs: snapshot.projectPHIDs, index, users, now })
      : null;
    tasks.push({
      ...task,
      projects: tagNames(snapshot, projectName),
      components: (ownership?.components ?? []).map((c) => c.name),
      teams: teamsOf(ownership),
    });
  }
  return tasks.sort((a, b) => b.resolvedAt - a.resolvedAt);
}

/**
 * UBN! tasks closed in the last `weeks` weeks, with their time to first process owner and to resolution;
 * the page groups them per week (after its filters). Without `ids` the list is read from Phabricator and
 * the tasks whose history the cache holds are answered at once, the others listed in `pending`; with
 * `ids` those histories are read, a batch per request so the page can show progress.
 */
export async function reviewResolved(
  settings: Settings,
  origin: string,
  ids?: number[],
  weeks = 12,
): Promise<ResolvedView> {
  const client = await clientFor(settings, origin);
  const vocabulary = await readVocabulary(origin, client);
  const now = nowSeconds();
  // The first Monday shown: a task closed before it would count in no week, and the caption's total
  // would then be lower than the number of tasks.
  const since = weekStart(now) - (weeks - 1) * WEEK;
  if (ids !== undefined) {
    const database = await db();
    const known = (await Promise.all(ids.map((id) => database.get('tasks', [origin, id])))).filter(
      (e): e is TaskEntry =>
        e !== undefined &&
        e.snapshot.priority.value === UBN_PRIORITY &&
        isClosedStatus(vocabulary, e.snapshot.status.value),
    );
    // Histories a few at a time rather than one after another.
    const entries = await mapLimited(known, HISTORY_READS_AT_ONCE, async (entry) => ({
      snapshot: entry.snapshot,
      history: await historyFor(origin, client, entry),
    }));
    const tasks = await resolvedOf(settings, origin, client, vocabulary, entries, since);
    return { instance: origin, now, weeks, tasks, pending: [] };
  }
  const closed = vocabulary.statuses.filter((s) => s.closed).map((s) => s.value);
  // A task lowered before it was closed is not UBN! any more and is not found here: the review is
  // about UBN!s that were fixed as such.
  const found = await client.searchTasks({
    priorities: [UBN_PRIORITY],
    statuses: closed,
    modifiedStart: since,
  });
  const entries = await rememberSnapshots(origin, found);
  const current = entries.filter(historyIsCurrent);
  const pending = entries.filter((e) => !historyIsCurrent(e)).map((e) => e.id);
  const tasks = await resolvedOf(settings, origin, client, vocabulary, current, since);
  return { instance: origin, now, weeks, tasks, pending };
}
