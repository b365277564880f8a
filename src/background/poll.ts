// One poll of an instance. The first reads every open UBN!; later ones ask only what changed since the
// last (two maniphest.search calls with modifiedStart, in Phorge's clock), read only the new end of the
// changed tasks' histories, and evaluate again only tasks that changed, whose people changed or whose
// next threshold fell due (poll-cache.ts keeps the rest); then reminders and the badge. A poll cut
// short by a worker stop leaves nothing half-done that matters: reminders are recorded only after they
// are shown, and the next alarm runs the poll again.
import type { PhabUser, TaskSnapshot, TaskTransaction } from '../core/model';
import { nextChangeAt } from '../core/escalation/next-change';
import { isClosedStatus } from '../core/escalation/vocabulary';
import { planReminders, type WatchedTaskState } from '../core/reminders/policy';
import { toTeamContact, type TeamContact } from '../core/reminders/contact';
import { parseQuietHours } from '../core/reminders/quiet-hours';
import type { ConduitClient } from '../phabricator/conduit';
import type { StaleRow } from '../messages';
import type { Settings } from '../shared/settings';
import { db, instanceKeys, instancePrefix, type PollEntry, type TaskEntry } from './db';
import { pollState, savePollState } from './poll-store';
import { readSettings } from './settings-store';
import { sweepInstance, SWEEP_EVERY_SECONDS } from './housekeeping';
import { nowSeconds } from './clock';
import { evaluate, stalenessSettings, wantedUsers, type Evaluation } from './context';
import { asHandlerError, connectionOf } from './errors';
import { isConduitError } from '../phabricator/conduit';
import { clientFor } from './instance-client';
import { plainBodiesUntil } from './plain-bodies';
import { afterFailure, afterSuccess, pollIsDue } from './poll-backoff';
import { recoverableCause } from './errors';
import { viewer as readViewer, vocabulary as readVocabulary } from './metadata';
import { historyFor, rememberSnapshots, storeHistories } from './tasks';
import { editedDeclarations } from './declaration-check';
import { assertCurrent } from './instance-epoch';
import { declaringComments, type DeclaringComment } from '../core/escalation/declarations';
import { giveWay, yieldToEvents } from './give-way';
import { changedTasks } from './poll-window';
import { FULL_READ_SECONDS, isUbnOpen, personSignature, sameFindings, type CachedTask } from './poll-cache';
import { usersFor } from './users';
import { accountLookups } from './evaluate-lookups';
import { worstSeverity } from './views';
import { applyRuleMatches, watchedNow } from './watch';
import { myComponentPHIDs, watchRuleMatcher } from './watch-rules';
import { showDigest, showReminder } from './notifications';

export { emptyPoll, forgetPollState, pollState } from './poll-store';

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
  /** Tasks this poll saw move (a new dateModified): their open pages are told (change-notice.ts). */
  moved: number[];
}

// One poll per instance at a time: the alarm, the popup's refresh and the poll after an assign may all ask
// at once, and two overlapping polls would both see a reminder as due and overwrite each other's rows.
// A request that arrives while a poll runs must not get that poll's answer: it may have started before
// the user granted access or signed in again. Such requests share one follow-up poll instead.
interface Wish {
  settings: Settings;
  force: boolean;
  recovery: boolean;
  /** The instance was removed from the settings before this follow-up started: it does not run. */
  cancelled?: boolean;
}

/**
 * `force`: someone asked (Try again, a permission change): runs now, a failure keeps the wait as it was.
 * `recovery`: an outside answer disproved the last failure (recovery.ts): runs now, but a failure counts as
 * a scheduled one (the backoff climbs) and spends that step's recovery.
 */
export interface PollOptions {
  force?: boolean;
  recovery?: boolean;
}
interface Queue {
  running: Promise<PollOutcome>;
  next?: { wish: Wish; poll: Promise<PollOutcome> };
}
const queues = new Map<string, Queue>();

/** Settles when the polls of this instance now running or queued have ended (at once when none is). */
export async function pollsSettled(origin: string): Promise<void> {
  for (let queue = queues.get(origin); queue; queue = queues.get(origin)) {
    await (queue.next?.poll ?? queue.running).catch(() => undefined);
    if (queues.get(origin) === queue && !queue.next) break;
  }
}

export function pollInstance(
  settings: Settings,
  origin: string,
  options: PollOptions = {},
): Promise<PollOutcome> {
  const queue = queues.get(origin);
  if (!queue) return start(origin, () => pollOnce(settings, origin, options));
  if (queue.next) {
    // The follow-up has not started yet: the latest caller's settings and the strongest wish win.
    queue.next.wish.settings = settings;
    queue.next.wish.force ||= options.force === true;
    queue.next.wish.recovery ||= options.recovery === true;
    return queue.next.poll;
  }
  const wish: Wish = { settings, force: options.force === true, recovery: options.recovery === true };
  const poll = queue.running
    .catch(() => undefined)
    .then(async () => {
      queues.delete(origin);
      if (wish.cancelled) return { state: await pollState(origin), reminders: 0, moved: [] };
      return start(origin, () =>
        pollOnce(wish.settings, origin, { force: wish.force, recovery: wish.recovery }),
      );
    });
  queue.next = { wish, poll };
  return poll;
}

/**
 * How often the comments that declare a process owner are asked after (see declaration-check.ts): with
 * the 6-hourly full read. Hourly cost some 180 KB an hour at 1,000 watched with a third declared, more than
 * everything else a quiet hour costs; a withdrawn declaration is rare, and Retry on its page reads it at once.
 */
const DECLARATIONS_EVERY_SECONDS = FULL_READ_SECONDS;

/** How long a watched task stays listed after it stopped being an open UBN! and was last changed. */
const WATCHED_AFTER_SECONDS = 7 * 86400;

/** Bumped when an instance is removed from the settings: a poll of it already running saves and reminds nothing. */
const removals = new Map<string, number>();

/**
 * The instance was removed from the settings: a poll of it that is running stops before it saves or
 * reminds, one queued behind it does not start, and what this module keeps of it in memory goes.
 */
export function forgetInstancePolls(origin: string): void {
  removals.set(origin, (removals.get(origin) ?? 0) + 1);
  const next = queues.get(origin)?.next;
  if (next) next.wish.cancelled = true;
  firedByOrigin.delete(origin);
  lastPlans.delete(origin);
}

function start(origin: string, run: () => Promise<PollOutcome>): Promise<PollOutcome> {
  const queue: Queue = { running: run() };
  queue.running = queue.running.finally(() => {
    if (queues.get(origin) === queue && !queue.next) queues.delete(origin);
  });
  queues.set(origin, queue);
  return queue.running;
}

async function pollOnce(settings: Settings, origin: string, options: PollOptions = {}): Promise<PollOutcome> {
  const database = await db();
  const previous = await pollState(origin);
  const now = nowSeconds();
  const generation = removals.get(origin) ?? 0;
  const removed = () => (removals.get(origin) ?? 0) !== generation;
  const nothing = (): PollOutcome => ({ state: previous, reminders: 0, moved: [] });
  if (!pollIsDue(previous, now, options.force === true || options.recovery === true)) return nothing();
  // The refusal of gzipped bodies is read back by clientFor (plain-bodies.ts); the state keeps it.
  const bodiesMark = () => {
    const until = plainBodiesUntil(origin);
    return until === undefined ? {} : { plainBodiesUntil: until };
  };
  let client: ConduitClient;
  try {
    client = await clientFor(settings, origin, 'poll');
    const dailyVocabulary = await readVocabulary(origin, client);
    const viewer = await readViewer(origin, client);
    const found = await changedTasks(settings, origin, client, dailyVocabulary, viewer, previous, now);
    const { cache, aged, fresh, projects, index, sources, basis, vocabulary } = found;
    // What the last poll evaluated, continued (cache) or read again in full for its age alone (aged).
    const last = cache ?? aged;
    const mine = myComponentPHIDs(index, viewer?.username ?? null);
    const ruled = watchRuleMatcher(settings, projects, mine);

    // The last poll's tasks, also when this one read everything again (and so has no cache to continue).
    let lastTasks: Map<number, CachedTask> | null = null;
    const lastEvaluated = () => (lastTasks ??= new Map((previous.cache?.tasks ?? []).map((t) => [t.id, t])));

    // The table of tasks as this poll knows them: the cached ones, updated by what Phorge said changed.
    const known = new Map<number, { cached: CachedTask | null; snapshot: TaskSnapshot | null }>();
    for (const task of cache?.tasks ?? []) known.set(task.id, { cached: task, snapshot: null });
    // A full read keeps only what it lists; of those, an unchanged task keeps its last evaluation.
    const carried = aged ? lastEvaluated() : null;
    const cachedOf = (id: number) => known.get(id)?.cached ?? carried?.get(id) ?? null;
    for (const snapshot of fresh.values())
      known.set(snapshot.id, { cached: cachedOf(snapshot.id), snapshot });
    const ubnOpen = (id: number): boolean => {
      const task = known.get(id);
      if (!task) return false;
      return task.snapshot ? isUbnOpen(task.snapshot, vocabulary) : (task.cached?.ubnOpen ?? false);
    };
    const projectsOf = (id: number): string[] => {
      const task = known.get(id);
      return task?.snapshot?.projectPHIDs ?? task?.cached?.projectPHIDs ?? [];
    };
    // A watched task that is no longer an open UBN! (resolved, lowered) stays on the list, as "fine", for a
    // week after its last change; then it, the watch choice and its reminder records are let go (the
    // review page reads closed tasks again from Phabricator as it needs them).
    const recent = (id: number): boolean => {
      const task = known.get(id);
      const modified = task?.snapshot?.dateModified ?? task?.cached?.modified ?? 0;
      return now - modified < WATCHED_AFTER_SECONDS;
    };
    // A task watched while open at another priority stays watched (the banner offers Watch on any task).
    const stillOpen = (id: number): boolean => {
      const task = known.get(id);
      if (task?.snapshot) return !isClosedStatus(vocabulary, task.snapshot.status.value);
      return task?.cached?.open ?? true;
    };
    const matched = new Set<number>();
    for (const id of known.keys()) {
      if (!ubnOpen(id)) continue;
      if (ruled({ projectPHIDs: projectsOf(id) })) matched.add(id);
    }
    const watched = await applyRuleMatches(origin, matched);
    const watchedIds = new Set(watched.map((w) => w.id));
    // Watched but never read (watched from a page since, or no longer UBN! at a full read): one search.
    const unread = [...watchedIds].filter((id) => !known.get(id)?.snapshot && !known.get(id)?.cached);
    if (cache === null)
      for (const id of watchedIds) {
        const before = carried?.get(id);
        if (!fresh.has(id) && (!before || (before.open ?? true) || recent(id))) unread.push(id);
      }
    for (const snapshot of unread.length > 0 ? await client.searchTasks({ ids: [...new Set(unread)] }) : []) {
      fresh.set(snapshot.id, snapshot);
      known.set(snapshot.id, { cached: cachedOf(snapshot.id), snapshot });
    }
    // Every open UBN! is kept, watched or not: the deploy gate is about any UBN! without a process owner.
    const kept = [...known.keys()].filter(
      (id) =>
        ubnOpen(id) ||
        (watchedIds.has(id) && (fresh.has(id) || known.get(id)?.cached) && (stillOpen(id) || recent(id))),
    );

    const previousRows = new Map(previous.rows.map((row) => [row.task.id, row]));
    const sameSecond = new Set<number>();
    const stale = (id: number): boolean => {
      const { cached, snapshot } = known.get(id)!;
      if (cached === null) return true;
      if (snapshot && snapshot.dateModified !== cached.modified) return true;
      if (snapshot && last?.readAt != null && snapshot.dateModified >= last.readAt) {
        sameSecond.add(id);
        return true;
      }
      if (cached.dueAt !== null && cached.dueAt <= now) return true;
      return watchedIds.has(id) && !previousRows.has(id);
    };
    const evaluateIds = new Set(kept.filter(stale));

    // Accounts: the cached tasks name theirs; a changed account re-evaluates every task that names it.
    const entries = new Map<number, TaskEntry>();
    const moved: number[] = [];
    // Tasks this poll knew that left the list (closed, lowered, unwatched) are stored as they are now too:
    // the review page's cached list and an open page of such a task must not go on showing an open UBN!.
    const keptIds = new Set(kept);
    // What the last poll evaluated counts here whatever made this one read everything (a settings or
    // registry change too): only reusing an evaluation needs the same basis.
    const lastSeen = (id: number) => known.get(id)?.cached ?? lastEvaluated().get(id);
    const left = [...fresh.values()].filter((s) => !keptIds.has(s.id) && lastSeen(s.id));
    // Nothing read for a setup removed meanwhile is written back (instance-epoch.ts).
    assertCurrent(client);
    // Only snapshots this poll evaluates (new, moved, same-second, due) are stored: one listed again as it
    // was (the window's overlap, a full read) is what the store holds already, history and all.
    for (const entry of await rememberSnapshots(
      origin,
      [...kept.flatMap((id) => (fresh.has(id) && evaluateIds.has(id) ? [fresh.get(id)!] : [])), ...left],
      moved,
    ))
      if (keptIds.has(entry.id)) entries.set(entry.id, entry);
    // A banner or the review page may have stored the newer snapshot first: what moved since this poll's
    // own last look is what open pages have to hear about, a task that left the list (lowered, closed) too.
    const told = new Set(moved);
    for (const id of [...kept, ...left.map((s) => s.id)]) {
      const { snapshot } = known.get(id)!;
      const cached = lastSeen(id);
      if (cached && snapshot && snapshot.dateModified !== cached.modified && !told.has(id)) {
        moved.push(id);
        told.add(id);
      }
    }
    const histories = new Map<number, TaskTransaction[]>();
    /** Tasks Phorge no longer shows this user, found while reading histories. */
    const hidden = new Set<number>();
    /** Tasks whose declaring comments were edited since their history was read: read again whole. */
    const rereadWhole = new Set<number>();
    const readHistories = async (ids: Iterable<number>) => {
      const wanted = [...ids].filter((id) => !histories.has(id));
      // Tasks never read before (a first poll): their whole histories, many tasks per call.
      const unreadHistories = wanted
        .map((id) => entries.get(id))
        .filter((entry): entry is TaskEntry => entry !== undefined && entry.history === null);
      if (unreadHistories.length > 1) {
        const batched = await client.taskHistories(
          unreadHistories.map((e) => e.snapshot),
          { between: yieldToEvents },
        );
        if (batched) {
          // The frozen method gives a comment as it reads now, with no trace of its edits: the comments
          // that say who is in charge are asked after with transaction.search before anything is stored
          // (a poll that stops here stores none of it), and a task whose comment was edited is read
          // again whole instead.
          const declaring = new Map<number, DeclaringComment[]>();
          for (const [id, history] of batched) {
            const comments = declaringComments(history);
            if (comments.length > 0) declaring.set(id, comments);
          }
          for (const id of await editedDeclarations(client, declaring, yieldToEvents)) {
            batched.delete(id);
            rereadWhole.add(id);
          }
          assertCurrent(client);
          for (const stored of await storeHistories(unreadHistories, batched, found.readAt, giveWay)) {
            entries.set(stored.id, stored);
            histories.set(stored.id, stored.history!);
          }
        }
      }
      for (const id of wanted) {
        if (histories.has(id)) continue;
        const entry = entries.get(id) ?? (await database.get('tasks', [origin, id]));
        if (!entry) continue;
        entries.set(id, entry);
        try {
          histories.set(id, await historyFor(origin, client, entry, rereadWhole.has(id), sameSecond.has(id)));
        } catch (error) {
          // Made private or deleted since Phorge listed it: the task leaves this user's list; the rest
          // of the poll goes on.
          if (!(isConduitError(error) && error.kind === 'not-found')) throw error;
          hidden.add(id);
          continue;
        }
        // A page view waiting behind a long first poll is answered between tasks, not after all of them.
        await giveWay();
      }
    };
    // With every full read (every 6 hours) the comments that say who is in charge of an open UBN! are
    // asked after again; a task cached by a build that did not keep them is evaluated again, once, from
    // its stored history to learn them.
    let checkDeclarations = aged !== null || now - (cache?.declarationsAt ?? 0) >= DECLARATIONS_EVERY_SECONDS;
    if (checkDeclarations) {
      const declaring = new Map<number, readonly DeclaringComment[]>();
      for (const id of kept) {
        // After a settings or registry change nothing is carried, but the last poll's comments still are
        // what a stored history (trusted while dateModified stands) may have got wrong since.
        const before = cachedOf(id) ?? lastEvaluated().get(id) ?? null;
        if (!ubnOpen(id) || !before) continue;
        if (before.declaring === undefined) evaluateIds.add(id);
        else if (before.declaring.length > 0) declaring.set(id, before.declaring);
      }
      let edited = new Set<number>();
      try {
        edited = await editedDeclarations(client, declaring, yieldToEvents);
      } catch (error) {
        // Not checked this time, and asked again at the next poll: the rest of this poll, and its news,
        // stand. An account Phabricator no longer accepts fails the poll as any call would.
        if (isConduitError(error) && (error.kind === 'invalid-token' || error.kind === 'session-expired'))
          throw error;
        checkDeclarations = false;
      }
      for (const id of edited) {
        rereadWhole.add(id);
        evaluateIds.add(id);
        if (!told.has(id)) {
          moved.push(id);
          told.add(id);
        }
      }
    }
    await readHistories(evaluateIds);
    const phids = new Set<string>();
    const usernames = new Set<string>();
    const wantedOf = new Map<number, { phids: string[]; usernames: string[] }>();
    for (const id of kept) {
      if (hidden.has(id)) continue;
      const entry = entries.get(id);
      const history = histories.get(id);
      const cached = known.get(id)?.cached;
      // Reading a thousand histories for the people they name is a stretch a page view must not wait out.
      if (entry && history) await giveWay();
      const wanted =
        entry && history
          ? wantedUsers(entry.snapshot, history, index, viewer)
          : { phids: cached?.phids ?? [], usernames: cached?.usernames ?? [] };
      wantedOf.set(id, wanted);
      for (const phid of wanted.phids) phids.add(phid);
      for (const name of wanted.usernames) usernames.add(name);
    }
    const users = await usersFor(origin, client, { phids, usernames });
    // The same lookups every evaluation below reads these accounts through.
    const { byPhid: userByPhid, byLowercaseName: userByName } = accountLookups(users);
    const people: Record<string, string> = {};
    const changedPeople = new Set<string>();
    for (const user of users) {
      const signature = personSignature(user);
      people[user.phid] = signature;
      if (last && last.people[user.phid] !== signature) {
        changedPeople.add(user.phid);
        changedPeople.add(user.username.toLowerCase());
      }
    }
    if (changedPeople.size > 0) {
      for (const id of kept) {
        if (hidden.has(id)) continue;
        if (evaluateIds.has(id)) continue;
        const wanted = wantedOf.get(id)!;
        if (
          wanted.phids.some((p) => changedPeople.has(p)) ||
          wanted.usernames.some((n) => changedPeople.has(n.toLowerCase()))
        )
          evaluateIds.add(id);
      }
      await readHistories(evaluateIds);
    }

    const tasks: CachedTask[] = [];
    const rows: StaleRow[] = [];
    const staleness = stalenessSettings(settings);
    for (const id of kept) {
      if (hidden.has(id)) continue;
      const entry = entries.get(id);
      const history = histories.get(id);
      if (evaluateIds.has(id) && entry && history) {
        // Evaluating is all computation: a first poll of a thousand tasks lets page views in between.
        await giveWay();
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
          watched: watchedIds.has(id),
          now,
          users,
          sources,
        });
        const wanted = wantedOf.get(id)!;
        const named = [
          ...wanted.phids.map((phid) => userByPhid.get(phid)),
          ...wanted.usernames.map((name) => userByName.get(name.toLowerCase())),
        ].filter((u): u is PhabUser => u !== undefined);
        const findings = evaluation.assessment.escalation.current ? evaluation.assessment.findings : null;
        // A threshold crossed on the clock alone is a change an open page has to hear about too.
        const before = known.get(id)?.cached ?? lastEvaluated().get(id);
        if (before && !told.has(id) && !sameFindings(before.findings, findings)) {
          moved.push(id);
          told.add(id);
        }
        tasks.push({
          id,
          modified: entry.snapshot.dateModified,
          title: entry.snapshot.title,
          ubnOpen: isUbnOpen(entry.snapshot, vocabulary),
          open: !isClosedStatus(vocabulary, entry.snapshot.status.value),
          projectPHIDs: entry.snapshot.projectPHIDs,
          phids: wanted.phids,
          usernames: wanted.usernames,
          dueAt: nextChangeAt(evaluation.assessment, now, named, staleness),
          gate: evaluation.context.stale.some((f) => f.rule === 'no-process-owner'),
          findings,
          contact: contactOf(evaluation),
          escalatedAt: evaluation.assessment.escalation.current?.at ?? null,
          declaring: declaringComments(history),
        });
        if (watchedIds.has(id)) rows.push(rowOf(evaluation, null, viewer?.username ?? null, mine));
        continue;
      }
      const cached = known.get(id)?.cached;
      if (!cached) continue;
      tasks.push(cached);
      const row = previousRows.get(id);
      if (watchedIds.has(id) && row) rows.push(row);
    }

    // Snoozes are read after Phabricator answered: one may have been set while this poll was waiting.
    const snoozes = await database.getAll('snoozes', instanceKeys(origin));
    const snoozeOf = new Map(snoozes.map((s) => [s.id, s.until]));
    // A row keeps its object when its snooze did not change: the save writes only rows that are new objects.
    // The lists stay the same objects when no element changed: the save, the popup's first screen and
    // the reminders then see at once that nothing did.
    const shownRows = sameElements(
      previous.rows,
      rows.map((row) => {
        const snoozedUntil = snoozeOf.get(row.task.id) ?? null;
        return row.snoozedUntil === snoozedUntil ? row : { ...row, snoozedUntil };
      }),
    );
    const keptTasks = sameElements(cache?.tasks ?? [], tasks);
    const gateCount = keptTasks.filter((t) => t.ubnOpen && t.gate).length;
    // What the user changed while Phabricator was answering counts for the reminders: an instance removed
    // (nothing of it is saved or shown), notifications turned off, a task unwatched.
    if (removed()) return nothing();
    const current = await readSettings();
    const remindWith = current.instances.some((i) => i.url === origin) ? current : settings;
    const stillWatched = watchedNow(origin, watchedIds);
    const reminders = await remind(
      remindWith,
      origin,
      () =>
        keptTasks.flatMap((t) =>
          stillWatched.has(t.id) && t.findings
            ? [{ taskId: t.id, title: t.title, findings: t.findings, contact: t.contact }]
            : [],
        ),
      snoozes,
      [keptTasks, [...stillWatched].join(',')],
      removed,
    );
    if (removed()) return nothing();
    const finished = nowSeconds();
    // Once a day; the first poll of an install (or of a build before sweeps) only starts the clock, so a
    // first poll of a thousand tasks does not also read them all back.
    const sweep = previous.sweptAt !== undefined && now - previous.sweptAt >= SWEEP_EVERY_SECONDS;
    const state: PollEntry = {
      ...previous,
      ...(sweep || previous.sweptAt === undefined ? { sweptAt: now } : {}),
      ...bodiesMark(),
      startedAt: now,
      finishedAt: finished,
      lastOkAt: finished,
      connection: 'ok',
      message: null,
      ...afterSuccess(),
      failedBy: null,
      recovery: null,
      rows: shownRows,
      gateCount,
      cache: {
        since: found.nextSince,
        readAt: found.readAt,
        fullAt: cache?.fullAt ?? now,
        // A check that failed is due again at the next poll, also after a full read (which carries no cache).
        declarationsAt: checkDeclarations ? now : ((cache ?? aged)?.declarationsAt ?? 0),
        basis,
        tasks: keptTasks,
        people,
      },
    };
    await savePollState(state);
    if (sweep) await sweepRecords(origin, new Set(keptTasks.map((t) => t.id)), now).catch(() => undefined);
    return { state, reminders, moved };
  } catch (caught) {
    const error = asHandlerError(caught);
    const retryAfterMs = isConduitError(caught) ? caught.retryAfterMs : null;
    const backoff = afterFailure(
      previous,
      now,
      options.force === true,
      Math.random,
      retryAfterMs === null ? null : retryAfterMs / 1000,
    );
    const state: PollEntry = {
      ...previous,
      ...bodiesMark(),
      startedAt: now,
      finishedAt: nowSeconds(),
      connection: connectionOf(error),
      message: error.message,
      ...backoff,
      failedBy: recoverableCause(caught),
      // A recovery poll that fails spends the step it climbed to: the next answer waits for a scheduled poll.
      ...(options.recovery ? { recovery: { step: backoff.failures, at: now } } : {}),
    };
    if (removed()) return nothing();
    await savePollState(state);
    return { state, reminders: 0, moved: [] };
  }
}

/** `previous` itself when `next` holds the same objects in the same order, else `next`. */
function sameElements<T>(previous: T[], next: T[]): T[] {
  if (previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next;
  return previous;
}

/** Reminder records per transaction when many fire at once. */
const REMINDER_WRITE_SLICE = 50;

// The reminder keys recorded per instance, read once per worker life and added to after each write
// commits: memory never holds a key IndexedDB lacks, so a worker stopped mid-poll reminds exactly once.
const firedByOrigin = new Map<string, Set<string>>();

async function firedKeys(origin: string): Promise<Set<string>> {
  const known = firedByOrigin.get(origin);
  if (known) return known;
  const generation = removals.get(origin) ?? 0;
  const read = await (await db()).getAll('reminders', instancePrefix(origin));
  const keys = firedByOrigin.get(origin) ?? new Set(read.map((r) => r.key.slice(origin.length + 1)));
  // Read before the instance was removed meanwhile: not kept, or the instance added back would stay quiet.
  if ((removals.get(origin) ?? 0) === generation) firedByOrigin.set(origin, keys);
  return keys;
}

// What the last reminder plan of each instance was made from, and until when it holds: with the same
// tasks (the same list object), the same watched set, snoozes and notification settings, and nothing held
// for later, planning again would fire and record nothing, so it is not done.
const lastPlans = new Map<
  string,
  { tasks: unknown; watched: string; inputs: string; until: number | null }
>();

/**
 * Forgets the reminders shown for a task, so that they fire again once due (and not snoozed): a snooze
 * means "remind me later", and the key of a reminder already shown would otherwise keep it quiet.
 */
export async function forgetReminders(origin: string, taskId: number): Promise<void> {
  const prefix = `${origin}|T${taskId}|`;
  await (await db()).delete('reminders', IDBKeyRange.bound(prefix, `${prefix}\uffff`));
  const fired = firedByOrigin.get(origin);
  if (fired) for (const key of [...fired]) if (key.startsWith(`T${taskId}|`)) fired.delete(key);
  lastPlans.delete(origin);
}

/**
 * The daily sweep of an instance (housekeeping.ts), and its reminder records: those of tasks the poll no
 * longer keeps can never fire again (a reopened or raised task is a new escalation, with new keys).
 */
async function sweepRecords(origin: string, keep: ReadonlySet<number>, now: number): Promise<void> {
  await sweepInstance(origin, keep, now);
  const fired = await firedKeys(origin);
  const gone = [...fired].filter((key) => !keep.has(Number(key.slice(1, key.indexOf('|')))));
  if (gone.length === 0) return;
  await deleteReminderKeys(origin, fired, gone);
  lastPlans.delete(origin);
}

/** Deletes reminder records, from IndexedDB and then from the keys kept in memory. */
async function deleteReminderKeys(
  origin: string,
  fired: Set<string>,
  keys: readonly string[],
): Promise<void> {
  const tx = (await db()).transaction('reminders', 'readwrite');
  for (const key of keys) void tx.store.delete(`${origin}|${key}`);
  await tx.done;
  for (const key of keys) fired.delete(key);
}

async function remind(
  settings: Settings,
  origin: string,
  watchedTasks: () => WatchedTaskState[],
  snoozes: { id: number; until: number }[],
  [taskList, watchedKey]: [unknown, string],
  /** The instance was removed meanwhile: nothing more is shown, and no record written back. */
  removed: () => boolean,
): Promise<number> {
  if (!settings.notifications.enabled) return 0;
  const inputs = JSON.stringify([settings.notifications, snoozes]);
  const last = lastPlans.get(origin);
  if (
    last &&
    last.tasks === taskList &&
    last.watched === watchedKey &&
    last.inputs === inputs &&
    (last.until === null || nowSeconds() < last.until)
  )
    return 0;
  lastPlans.delete(origin);
  const database = await db();
  const enabled = (rule: string) =>
    settings.notifications.rules[rule as keyof typeof settings.notifications.rules] !== false;
  const tasks: WatchedTaskState[] = watchedTasks().map((t) => ({
    ...t,
    findings: t.findings.filter((f) => enabled(f.rule)),
  }));
  const fired = await firedKeys(origin);
  const quiet = settings.notifications.quietHours.enabled
    ? parseQuietHours({
        start: settings.notifications.quietHours.start,
        end: settings.notifications.quietHours.end,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
        // The option says "No notifications during quiet hours": critical ones wait for the end too.
        allowCritical: false,
      })
    : null;
  const plan = planReminders({
    tasks,
    fired,
    snoozes: snoozes.map((s) => ({ taskId: s.id, until: s.until })),
    now: nowSeconds(),
    quietHours: quiet?.ok ? quiet.quietHours : null,
  });
  const record = async (keys: readonly string[]) => {
    // A first poll can record hundreds at once: in short transactions, each record standing alone, so the
    // worker answers a page view between them rather than after one long run of writes.
    for (let at = 0; at < keys.length; at += REMINDER_WRITE_SLICE) {
      // A record written after the removal emptied the store would outlive it, and silence the reminders
      // of the instance added back.
      if (removed()) return;
      const slice = keys.slice(at, at + REMINDER_WRITE_SLICE);
      const tx = database.transaction('reminders', 'readwrite');
      const firedAt = nowSeconds();
      for (const key of slice) void tx.store.put({ key: `${origin}|${key}`, origin, firedAt });
      await tx.done;
      for (const key of slice) fired.add(key);
    }
  };
  if (plan.renamed.length > 0) {
    await record(plan.renamed.map((r) => r.to));
    await deleteReminderKeys(
      origin,
      fired,
      plan.renamed.map((r) => r.from),
    );
  }
  for (const reminder of plan.alone) {
    if (removed()) return 0;
    await showReminder(origin, reminder);
    // Recorded only once shown: a worker stopped in between shows it again (same id, so not twice on screen).
    await record(reminder.keys);
  }
  if (removed()) return 0;
  if (plan.digest) await showDigest(origin, plan.digest.text);
  // The rest of the due reminders fired as the digest; each is recorded so that it fires once. A worker
  // stopped between two slices shows the digest again at the next poll for those not yet recorded.
  const settled = new Set(plan.alone.flatMap((r) => r.keys));
  await record(plan.record.filter((key) => !settled.has(key)));
  if (removed()) return 0;
  // Recorded only once everything above is done: a plan cut short is made again at the next poll.
  lastPlans.set(origin, { tasks: taskList, watched: watchedKey, inputs, until: plan.wakeAt });
  return plan.fire.length;
}
