// Everything the banner, popup and reminders know about one task, assembled from Phabricator (through
// the caches) and the owners registry by core's pure logic.
import type { InstanceVocabulary, PhabProject, PhabUser, TaskSnapshot, TaskTransaction } from '../core/model';
import { assessTask, type TaskAssessment } from '../core/escalation/assess';
import { buildTimeline } from '../core/escalation/timeline';
import { DEFAULT_STALENESS_SETTINGS, type StalenessSettings } from '../core/escalation/thresholds';
import { currentDeclarations } from '../core/escalation/declarations';
import { resolveTaskOwnership } from '../core/ownership/resolve';
import { personKey } from '../core/registry/types';
import type { RegistryIndex } from '../core/registry/registry-index';
import type { TaskOwnership } from '../core/ownership/types';
import type { ConduitClient } from '../phabricator/conduit';
import { isDeclared, type OwnershipView, type PersonView, type TaskContext } from '../messages';
import type { Settings } from '../shared/settings';
import { nowSeconds } from './clock';
import {
  projectsIncluding,
  viewer as readViewer,
  vocabulary as readVocabulary,
  vocabularyIncluding,
} from './metadata';
import { registryFor } from './registry';
import { HandlerError } from './router';
import { assertCurrent } from './instance-epoch';
import { tellOpenPages } from './open-pages';
import { historyFor, rememberSnapshots, storeHistory, viewedTask } from './tasks';
import type { TaskEntry } from './db';
import { usersFor } from './users';
import { accountLookups, projectsByPhid } from './evaluate-lookups';
import {
  escalationView,
  ownershipView,
  personFromUser,
  processOwnerView,
  staleViews,
  suggestionViews,
  taskView,
} from './views';
import { isWatchedNow } from './watch-rules';

export interface Evaluation {
  snapshot: TaskSnapshot;
  assessment: TaskAssessment;
  ownership: TaskOwnership | null;
  context: TaskContext;
}

/** Usernames that declarations in the history name, so that they resolve to accounts. */
function declaredUsernames(history: readonly TaskTransaction[]): string[] {
  return history.flatMap((tx) =>
    currentDeclarations(tx).flatMap((d) => (d.kind === 'declare' ? [d.username] : [])),
  );
}

/** People of the registry who matter for these project tags (their components' owners and managers). */
function registryUsernames(index: RegistryIndex | null, projectPHIDs: readonly string[]): string[] {
  if (!index) return [];
  const names = new Set<string>();
  const addPerson = (key: string) => {
    const person = index.people.get(key);
    if (person?.username) names.add(person.username);
    for (const alias of person?.aliases ?? []) if (/^[\w.-]+$/.test(alias)) names.add(alias);
  };
  const fallback = index.registry.fallback ? index.teams.get(index.registry.fallback) : undefined;
  for (const key of fallback?.members ?? []) addPerson(key);
  for (const phid of projectPHIDs) {
    for (const component of index.componentsByProject.get(phid) ?? []) {
      for (const claim of [...component.stewards, ...component.maintainers]) {
        if (claim.kind === 'person') addPerson(claim.ref);
        else {
          const team = index.teams.get(claim.ref);
          for (const member of team?.members ?? []) addPerson(member);
          if (team?.manager) addPerson(team.manager);
        }
      }
    }
  }
  return [...names];
}

function departedCheck(index: RegistryIndex | null) {
  return (user: PhabUser): boolean => {
    if (!index) return false;
    const person = index.people.get(personKey(user.username));
    return person?.status === 'departed';
  };
}

function managerOf(
  index: RegistryIndex | null,
  ownership: TaskOwnership | null,
  users: PhabUser[],
  now: number,
): PersonView | null {
  if (!index || !ownership) return null;
  for (const component of ownership.components) {
    for (const steward of component.stewards) {
      if (steward.kind !== 'team') continue;
      const managerKey = index.teams.get(steward.key)?.manager;
      const person = managerKey ? index.people.get(managerKey) : undefined;
      const user = person?.username
        ? users.find((u) => u.username.toLowerCase() === person.username!.toLowerCase())
        : undefined;
      if (user) return personFromUser(user, now, person?.status === 'departed');
    }
  }
  return null;
}

export function stalenessSettings(settings: Settings): StalenessSettings {
  const t = settings.thresholds;
  return {
    ...DEFAULT_STALENESS_SETTINGS,
    noDeclarationSeconds: t.noProcessOwnerHours * 3600,
    notAcknowledgedSeconds: t.notAcknowledgedHours * 3600,
    ownerSilentSeconds: t.ownerSilentHours * 3600,
    escalationAgeWarningSeconds: t.escalationWarningDays * 86400,
    escalationAgeCriticalSeconds: t.escalationCriticalDays * 86400,
  };
}

export interface EvaluateInput {
  settings: Settings;
  origin: string;
  /** Needed only when `users` is not given. */
  client?: ConduitClient;
  snapshot: TaskSnapshot;
  history: TaskTransaction[];
  vocabulary: InstanceVocabulary;
  projects: PhabProject[];
  index: RegistryIndex | null;
  viewer: { phid: string; username: string; realName: string } | null;
  watched: boolean;
  now: number;
  /** The registry sources and their state, read once by the caller for all the tasks it evaluates. */
  sources: OwnershipView['registry']['sources'];
  /** Accounts already read for a whole poll; without them the evaluation reads its own. */
  users?: PhabUser[];
  /** Adds the escalation timeline to the context. */
  withTimeline?: boolean;
}

/** The accounts a task's evaluation needs: its owner, the history's authors, declared and registry people. */
export function wantedUsers(
  snapshot: TaskSnapshot,
  history: readonly TaskTransaction[],
  index: RegistryIndex | null,
  viewer: { phid: string } | null,
): { phids: string[]; usernames: string[] } {
  return {
    phids: [
      ...(snapshot.ownerPHID ? [snapshot.ownerPHID] : []),
      ...new Set(history.map((tx) => tx.authorPHID)),
      ...(viewer ? [viewer.phid] : []),
    ],
    usernames: [...declaredUsernames(history), ...registryUsernames(index, snapshot.projectPHIDs)],
  };
}

export async function evaluate(input: EvaluateInput): Promise<Evaluation> {
  const { snapshot, history, index, origin, now } = input;
  let users = input.users;
  if (!users) {
    if (!input.client) throw new Error('evaluate: neither accounts nor a client to read them');
    users = await usersFor(origin, input.client, wantedUsers(snapshot, history, index, input.viewer));
  }
  const { byUsername, byPhid: userByPhid, directory } = accountLookups(users);
  const isDeparted = departedCheck(index);
  const assessment = assessTask({
    history,
    vocabulary: input.vocabulary,
    task: snapshot,
    users: byUsername,
    now,
    settings: stalenessSettings(input.settings),
    isDeparted,
  });
  const ownership = index
    ? resolveTaskOwnership({
        projectPHIDs: snapshot.projectPHIDs,
        index,
        users: directory,
        now,
      })
    : null;
  const projectByPhid = projectsByPhid(input.projects);
  const tagNames = snapshot.projectPHIDs.map((phid) => {
    const project = projectByPhid.get(phid);
    return { name: project?.name ?? phid, slug: project?.slug ?? null };
  });
  const assigneeUser = snapshot.ownerPHID ? userByPhid.get(snapshot.ownerPHID) : undefined;
  const assignee = assigneeUser ? personFromUser(assigneeUser, now, isDeparted(assigneeUser)) : null;
  const viewerUser = input.viewer ? userByPhid.get(input.viewer.phid) : undefined;
  const viewerPerson = viewerUser ? personFromUser(viewerUser, now) : null;
  const findings = assessment.escalation.current ? assessment.findings : [];
  const processOwner = processOwnerView(assessment, now, isDeparted);
  const ownershipShown = ownershipView(ownership, origin, input.sources, tagNames);
  // "Needs a single process owner" is met once one is declared.
  if (isDeclared(processOwner)) {
    ownershipShown.needsSingleProcessOwner = false;
  }
  const context: TaskContext = {
    instance: origin,
    task: taskView(snapshot, input.vocabulary, origin, assignee),
    viewer: input.viewer,
    escalation: escalationView(assessment),
    processOwner,
    stale: staleViews(findings),
    ownership: ownershipShown,
    suggestions: suggestionViews(ownership?.suggestions ?? [], {
      assignee,
      viewer: viewerPerson,
      manager: managerOf(index, ownership, users, now),
    }),
    watched: input.watched,
    fetchedAt: now,
    // Polls evaluate every open UBN! and need no picture; the banner and the review page ask for it.
    ...(input.withTimeline
      ? {
          timeline: buildTimeline({
            history,
            assessment,
            users: byUsername,
            now,
            settings: stalenessSettings(input.settings),
          }),
        }
      : {}),
  };
  return { snapshot, assessment, ownership, context };
}

// Per task, the search for its snapshot now running, shared by the asks that come meanwhile.
const snapshotsInFlight = new Map<string, Promise<{ entry: TaskEntry | undefined; moved: boolean }>>();

/** The instance was removed: a later ask must not join a search made for the setup that is gone. */
export function forgetSnapshotReads(origin: string): void {
  for (const key of [...snapshotsInFlight.keys()])
    if (key.startsWith(`${origin}|`)) snapshotsInFlight.delete(key);
}

/**
 * Keeps a history read at the same time as the task: current if it holds the task's last edit (every edit
 * is a transaction dated at the task's dateModified), else read again after the search.
 */
async function historyReadAlongside(
  origin: string,
  client: ConduitClient,
  entry: TaskEntry,
  history: TaskTransaction[],
  /** Phorge's clock when the read began, if this client knew it then. */
  readAt: number | null,
): Promise<TaskTransaction[]> {
  const newest = Math.max(0, ...history.map((tx) => tx.dateCreated));
  if (newest < entry.snapshot.dateModified) return historyFor(origin, client, entry, true);
  assertCurrent(client);
  await storeHistory(entry, history, readAt);
  return history;
}

/** The context of one task, for the banner or a popup row. */
export async function taskContext(
  settings: Settings,
  origin: string,
  client: ConduitClient,
  taskId: number,
  refresh: boolean,
  /** Accounts the task's page names: those not cached are read alongside the task, not after it. */
  pagePeople: { phids: string[]; usernames: string[] } | null = null,
  asker: {
    /** The tab whose ask this is: it gets the answer, other tabs of the task are told when it moved. */
    tab?: number;
    /** Retry: who "you" are is read again too, as the account may have changed without Steward being told. */
    retry?: boolean;
  } = {},
): Promise<TaskContext> {
  // A page view asks Phabricator again for the task itself (one cheap maniphest.search), so a comment
  // posted a moment ago shows; the history is read again only when dateModified moved. Concurrent asks
  // for the same task (the banner and its assign frame) share one request.
  const key = `${origin}|${taskId}`;
  // A task whose history is not cached needs it whatever the search says: read both at once.
  const known = await viewedTask(origin, taskId);
  const earlyReadAt = client.serverTime();
  // A client new to this ask knows no clock yet: then the first reply's, a second earlier (its Date comes
  // after Phorge's read), stands for when the read began.
  const firstClock = client.watchServerTime();
  const early = refresh || !known?.history ? client.taskHistory(taskId) : null;
  early?.catch(() => undefined);
  const readAtOf = () => {
    const first = firstClock();
    return earlyReadAt ?? (first === null ? null : first - 1);
  };
  if (!early) firstClock();
  // Best effort: whoever the history names beyond them is read after it, as before.
  const people = pagePeople ? usersFor(origin, client, pagePeople) : null;
  people?.catch(() => undefined);
  let pending = snapshotsInFlight.get(key);
  const starter = !pending;
  if (!pending) {
    const search = client.searchTasks({ ids: [taskId] }).then(async ([snapshot]) => {
      if (!snapshot) return { entry: undefined, moved: false };
      const moved: number[] = [];
      assertCurrent(client);
      const [entry] = await rememberSnapshots(origin, [snapshot], moved);
      return { entry, moved: moved.length > 0 };
    });
    pending = search.finally(() => {
      if (snapshotsInFlight.get(key) === pending) snapshotsInFlight.delete(key);
    });
    snapshotsInFlight.set(key, pending);
  }
  // Usually cached; when due, read alongside the task rather than after it.
  const metadata = Promise.all([
    readVocabulary(origin, client),
    readViewer(origin, client, asker.retry === true),
  ]);
  metadata.catch(() => undefined);
  const { entry, moved } = await pending;
  if (!entry) throw new HandlerError('not-found', `T${taskId} does not exist or you cannot see it.`);
  const [, viewer] = await metadata;
  // Read again when the task carries a status added since the daily read (metadata.ts says why).
  const vocabulary = await vocabularyIncluding(origin, client, [entry.snapshot.status.value]);
  // Retry means "ask Phabricator, not the cache": the history is read again too.
  const history = early
    ? await historyReadAlongside(origin, client, entry, await early, readAtOf())
    : await historyFor(origin, client, entry, refresh);
  const projects = await projectsIncluding(origin, client, entry.snapshot.projectPHIDs);
  const { index, sources } = await registryFor(settings, projects);
  await people?.catch(() => undefined);
  const evaluation = await evaluate({
    settings,
    origin,
    client,
    snapshot: entry.snapshot,
    history,
    vocabulary,
    projects,
    index,
    viewer,
    watched: await isWatchedNow({
      settings,
      origin,
      snapshot: entry.snapshot,
      vocabulary,
      projects,
      index,
      viewer,
    }),
    sources,
    now: nowSeconds(),
    withTimeline: true,
  });
  // The task moved since it was stored: other tabs of it show what was (a task lowered or closed here
  // leaves the poll's list, and no poll would tell them). Told once its history is stored, so that their
  // asks are answered from the cache.
  if (starter && moved) void tellOpenPages(origin, [taskId], asker.tab ?? null).catch(() => undefined);
  return evaluation.context;
}
