// One poll of an instance: every open UBN! in one maniphest.search, the watched tasks that are no longer
// UBN! in one more, transaction.search only for tasks whose dateModified moved, one user.search for
// availability; then staleness, reminders and the badge. A poll cut short by a worker stop leaves
// nothing half-done that matters: reminders are recorded only after they are shown, and the next
// alarm runs the poll again.
import type { PhabUser, TaskSnapshot, TaskTransaction } from '../core/model';
import { UBN_PRIORITY } from '../core/model';
import type { RegistryIndex } from '../core/registry/registry-index';
import { planReminders, type WatchedTaskState } from '../core/reminders/policy';
import { toTeamContact, type TeamContact } from '../core/reminders/contact';
import { parseQuietHours } from '../core/reminders/quiet-hours';
import { openStatusValues, type ConduitClient } from '../phabricator/conduit';
import type { StaleRow } from '../messages';
import type { Settings } from '../shared/settings';
import { db, instanceKeys, instancePrefix, type PollEntry } from './db';
import { nowSeconds } from './clock';
import { evaluate, wantedUsers, type Evaluation } from './context';
import { asHandlerError, connectionOf } from './errors';
import { clientFor } from './instance-client';
import { afterFailure, afterSuccess, pollIsDue } from './poll-backoff';
import { projectsIncluding, viewer as readViewer, vocabulary as readVocabulary } from './metadata';
import { registryFor } from './registry';
import { historyFor, rememberSnapshots } from './tasks';
import { usersFor } from './users';
import { worstSeverity } from './views';
import { applyRuleMatches } from './watch';
import { myComponentPHIDs, watchRuleMatcher } from './watch-rules';
import { showDigest, showReminder } from './notifications';

export function emptyPoll(origin: string): PollEntry {
  return {
    origin,
    startedAt: null,
    finishedAt: null,
    lastOkAt: null,
    connection: 'ok',
    message: null,
    failures: 0,
    notBefore: 0,
    rows: [],
    gateCount: 0,
  };
}

export async function pollState(origin: string): Promise<PollEntry> {
  return (await (await db()).get('polls', origin)) ?? emptyPoll(origin);
}

/** The team a reminder names: the first steward team with someone reachable, else the owner of last resort. */
function contactOf(evaluation: Evaluation): TeamContact | null {
  const ownership = evaluation.ownership;
  if (!ownership) return null;
  for (const component of ownership.components) {
    for (const steward of component.stewards) {
      if (steward.kind === 'team' && steward.state === 'live')
        return toTeamContact({ team: steward.name, contacts: steward.contacts });
    }
  }
  return ownership.lastResort ? toTeamContact(ownership.lastResort) : null;
}

function rowOf(
  evaluation: Evaluation,
  snoozedUntil: number | null,
  viewer: string | null,
  mine: Set<string>,
): StaleRow {
  const { context } = evaluation;
  const team = contactOf(evaluation)?.team ?? null;
  const me = viewer?.toLowerCase() ?? null;
  return {
    task: context.task,
    escalation: context.escalation,
    processOwner: context.processOwner,
    stale: context.stale,
    team,
    severity: worstSeverity(context.stale),
    mine:
      me !== null &&
      (context.task.assignee?.username.toLowerCase() === me ||
        context.processOwner?.person?.username.toLowerCase() === me),
    myComponent: evaluation.snapshot.projectPHIDs.some((phid) => mine.has(phid)),
    snoozedUntil,
    suggestions: context.suggestions,
  };
}

export interface PollOutcome {
  state: PollEntry;
  reminders: number;
}

/** Reads the accounts of every task of the poll in one go, instead of once per task. */
async function usersForAll(
  origin: string,
  client: ConduitClient,
  entries: { snapshot: TaskSnapshot; history: TaskTransaction[] }[],
  index: RegistryIndex | null,
  viewer: { phid: string } | null,
): Promise<PhabUser[]> {
  const phids = new Set<string>();
  const usernames = new Set<string>();
  for (const { snapshot, history } of entries) {
    const wanted = wantedUsers(snapshot, history, index, viewer);
    for (const phid of wanted.phids) phids.add(phid);
    for (const name of wanted.usernames) usernames.add(name);
  }
  return usersFor(origin, client, { phids, usernames });
}

// One poll per instance at a time: the alarm, the popup's refresh and the poll after an assign may all ask
// at once, and two overlapping polls would both see a reminder as due and overwrite each other's rows.
// A request that arrives while a poll runs must not get that poll's answer: it may have started before
// the user granted access or signed in again. Such requests share one follow-up poll instead.
interface Wish {
  settings: Settings;
  force: boolean;
}
interface Queue {
  running: Promise<PollOutcome>;
  next?: { wish: Wish; poll: Promise<PollOutcome> };
}
const queues = new Map<string, Queue>();

export function pollInstance(
  settings: Settings,
  origin: string,
  options: { force?: boolean } = {},
): Promise<PollOutcome> {
  const queue = queues.get(origin);
  if (!queue) return start(origin, () => pollOnce(settings, origin, options));
  if (queue.next) {
    // The follow-up has not started yet: the latest caller's settings and the strongest wish win.
    queue.next.wish.settings = settings;
    queue.next.wish.force ||= options.force === true;
    return queue.next.poll;
  }
  const wish: Wish = { settings, force: options.force === true };
  const poll = queue.running
    .catch(() => undefined)
    .then(() => {
      queues.delete(origin);
      return start(origin, () => pollOnce(wish.settings, origin, { force: wish.force }));
    });
  queue.next = { wish, poll };
  return poll;
}

function start(origin: string, run: () => Promise<PollOutcome>): Promise<PollOutcome> {
  const queue: Queue = { running: run() };
  queue.running = queue.running.finally(() => {
    if (queues.get(origin) === queue && !queue.next) queues.delete(origin);
  });
  queues.set(origin, queue);
  return queue.running;
}

async function pollOnce(
  settings: Settings,
  origin: string,
  options: { force?: boolean } = {},
): Promise<PollOutcome> {
  const database = await db();
  const previous = await pollState(origin);
  const now = nowSeconds();
  if (!pollIsDue(previous, now, options.force === true)) return { state: previous, reminders: 0 };
  await database.put('polls', { ...previous, startedAt: now });
  let client: ConduitClient;
  try {
    client = await clientFor(settings, origin, 'poll');
    const vocabulary = await readVocabulary(origin, client);
    const viewer = await readViewer(origin, client);
    const openStatuses = openStatusValues(vocabulary.statuses);
    const ubnOpen = await client.searchTasks({ priorities: [UBN_PRIORITY], statuses: openStatuses });
    const projects = await projectsIncluding(origin, client, [
      ...new Set(ubnOpen.flatMap((t) => t.projectPHIDs)),
    ]);
    const { index, sources } = await registryFor(settings, projects);
    const mine = myComponentPHIDs(index, viewer?.username ?? null);
    const ruled = watchRuleMatcher(settings, projects, mine);
    const matched = new Set(ubnOpen.filter(ruled).map((t) => t.id));
    const watched = await applyRuleMatches(origin, matched);
    const ubnById = new Map(ubnOpen.map((t) => [t.id, t]));
    const missing = watched.map((w) => w.id).filter((id) => !ubnById.has(id));
    const others = missing.length > 0 ? await client.searchTasks({ ids: missing }) : [];
    // Every open UBN! is evaluated, watched or not: the deploy gate is about any UBN! without a process
    // owner. Histories are cached by dateModified, so this costs transaction.search calls only for changes.
    const watchedIds = new Set(watched.map((w) => w.id));
    const snapshots = [...ubnOpen, ...others];
    const entries = await rememberSnapshots(origin, snapshots);
    const withHistory: { snapshot: TaskSnapshot; history: TaskTransaction[]; id: number }[] = [];
    for (const entry of entries) {
      withHistory.push({
        id: entry.id,
        snapshot: entry.snapshot,
        history: await historyFor(origin, client, entry),
      });
    }
    const users = await usersForAll(origin, client, withHistory, index, viewer);

    const evaluations: Evaluation[] = [];
    for (const { id, snapshot, history } of withHistory) {
      evaluations.push(
        await evaluate({
          settings,
          origin,
          client,
          snapshot,
          history,
          vocabulary,
          projects,
          index,
          viewer,
          watched: watchedIds.has(id),
          now,
          users,
          sources,
        }),
      );
    }
    // Snoozes are read after Phabricator answered: one may have been set while this poll was waiting.
    const snoozes = await database.getAll('snoozes', instanceKeys(origin));
    const snoozeOf = new Map(snoozes.map((s) => [s.id, s.until]));
    const gateCount = evaluations.filter((e) =>
      e.context.stale.some((s) => s.rule === 'no-process-owner'),
    ).length;
    const mineWatched = evaluations.filter((e) => watchedIds.has(e.snapshot.id));
    const rows = mineWatched.map((e) =>
      rowOf(e, snoozeOf.get(e.snapshot.id) ?? null, viewer?.username ?? null, mine),
    );
    const reminders = await remind(settings, origin, mineWatched, snoozes);
    const state: PollEntry = {
      ...previous,
      startedAt: now,
      finishedAt: nowSeconds(),
      lastOkAt: nowSeconds(),
      connection: 'ok',
      message: null,
      ...afterSuccess(),
      rows,
      gateCount,
    };
    await database.put('polls', state);
    return { state, reminders };
  } catch (caught) {
    const error = asHandlerError(caught);
    const state: PollEntry = {
      ...previous,
      startedAt: now,
      finishedAt: nowSeconds(),
      connection: connectionOf(error),
      message: error.message,
      ...afterFailure(previous, now, options.force === true),
    };
    await database.put('polls', state);
    return { state, reminders: 0 };
  }
}

async function remind(
  settings: Settings,
  origin: string,
  evaluations: Evaluation[],
  snoozes: { id: number; until: number }[],
): Promise<number> {
  if (!settings.notifications.enabled) return 0;
  const database = await db();
  const enabled = (rule: string) =>
    settings.notifications.rules[rule as keyof typeof settings.notifications.rules] !== false;
  const tasks: WatchedTaskState[] = evaluations
    .filter((e) => e.assessment.escalation.current)
    .map((e) => ({
      taskId: e.snapshot.id,
      title: e.snapshot.title,
      findings: e.assessment.findings.filter((f) => enabled(f.rule)),
      contact: contactOf(e),
    }));
  const fired = (await database.getAll('reminders', instancePrefix(origin))).map((r) =>
    r.key.slice(origin.length + 1),
  );
  const quiet = settings.notifications.quietHours.enabled
    ? parseQuietHours({
        start: settings.notifications.quietHours.start,
        end: settings.notifications.quietHours.end,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      })
    : null;
  const plan = planReminders({
    tasks,
    fired,
    snoozes: snoozes.map((s) => ({ taskId: s.id, until: s.until })),
    now: nowSeconds(),
    quietHours: quiet?.ok ? quiet.quietHours : null,
  });
  for (const reminder of plan.fire) {
    await showReminder(origin, reminder);
    // Recorded only once shown: a worker stopped in between shows it again (same id, so not twice on screen).
    const tx = database.transaction('reminders', 'readwrite');
    for (const key of reminder.keys)
      void tx.store.put({ key: `${origin}|${key}`, origin, firedAt: nowSeconds() });
    await tx.done;
  }
  if (plan.digest) await showDigest(plan.digest.text);
  const settled = new Set(plan.fire.flatMap((r) => r.keys));
  const leftover = plan.record.filter((key) => !settled.has(key));
  if (leftover.length > 0) {
    const tx = database.transaction('reminders', 'readwrite');
    for (const key of leftover) void tx.store.put({ key: `${origin}|${key}`, origin, firedAt: nowSeconds() });
    await tx.done;
  }
  return plan.fire.length;
}
