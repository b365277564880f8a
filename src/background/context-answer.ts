// How the worker answers "what is the context of this task": at once from what it knows, then asks
// Phabricator only when freshness.ts says it must. A first answer that is not the whole story says so
// (`pending`); the asker then asks again with `settle` and gets the answer once Phabricator was asked.
// When Phabricator cannot be asked, the last good state is the answer, marked with its age and the problem.
import type { ConduitClient } from '../phabricator/conduit';
import type { CachedAnswer, PageFacts, TaskContext } from '../messages';
import type { Settings } from '../shared/settings';
import { contextFromCache, partialContext, peopleOfPage, type TaskCache } from './cached-context';
import { nowSeconds } from './clock';
import { taskContext } from './context';
import type { InstanceEntry, TaskEntry } from './db';
import { asHandlerError } from './errors';
import { cachedBasis, judge, stillBehind, type CachedFacts } from './freshness';
import { cachedInstance } from './metadata';
import { instanceUsers, usersFor } from './users';
import { wantedUsers } from './context';
import { registryFor } from './registry';
import { viewedTask } from './tasks';

export interface ContextAsk {
  taskId: number;
  /** Retry: ask Phabricator, not the cache, and read the history again. */
  refresh: boolean;
  page?: PageFacts;
  settle: boolean;
  /** The tab that asks, when a task page does. */
  tab?: number;
}

type Connect = () => Promise<ConduitClient>;
type Complete = TaskCache & { entry: TaskEntry; instance: InstanceEntry };

// One ask of Phabricator per task at a time: the first answer starts it, the settle request awaits it.
const checks = new Map<string, Promise<TaskContext>>();

function shared(key: string, work: () => Promise<TaskContext>): Promise<TaskContext> {
  let pending = checks.get(key);
  if (!pending) {
    const job = work().finally(() => {
      // Dropped already when the instance was removed; a job started since is not this one.
      if (checks.get(key) === job) checks.delete(key);
    });
    checks.set(key, (pending = job));
  }
  return pending;
}

/** The instance was removed: a later ask must not join a read of the setup that is gone. */
export function forgetContextReads(origin: string): void {
  for (const key of [...checks.keys()]) if (key.startsWith(`${origin}|`)) checks.delete(key);
}

async function readCache(origin: string, taskId: number): Promise<TaskCache> {
  const [entry, instance, users] = await Promise.all([
    viewedTask(origin, taskId),
    cachedInstance(origin),
    instanceUsers(origin),
  ]);
  return { entry, instance, users };
}

/** What the decision in freshness.ts needs to know of the cache. */
function cachedFacts(cache: TaskCache): CachedFacts {
  return {
    vocabulary: cache.instance?.vocabulary ?? null,
    projects: cache.instance?.projects ?? [],
    users: cache.users,
    viewerKnown: cache.instance?.viewer != null,
  };
}

function isComplete(cache: TaskCache): cache is Complete {
  return cache.entry?.history != null && cache.instance?.vocabulary != null;
}

// Errors that no cached state can stand in for: the task is gone, or Steward may not act here at all.
const NO_FALLBACK = new Set(['not-found', 'not-configured', 'bad-request', 'forbidden', 'no-permission']);

/**
 * Runs `work`; when Phabricator cannot be asked, answers the last good state marked as such: the whole
 * cached context, or for a task never read the part that needs no history (who owns its tags), which is
 * what an outage needs most and no bare error should take from the screen.
 */
async function orLastGood(
  settings: Settings,
  origin: string,
  cache: TaskCache,
  ask: ContextAsk,
  work: () => Promise<TaskContext>,
): Promise<TaskContext> {
  try {
    return await work();
  } catch (thrown) {
    const error = asHandlerError(thrown);
    if (NO_FALLBACK.has(error.kind)) throw error;
    const outage = (readAt: number) => ({ kind: error.kind, message: error.message, readAt });
    if (isComplete(cache)) {
      const { context } = await contextFromCache(settings, origin, cache);
      return { ...context, outage: outage(cache.entry.fetchedAt) };
    }
    const instance = cache.instance;
    const partial =
      ask.page && instance
        ? await partialContext(settings, origin, ask.taskId, ask.page, { ...cache, instance })
        : null;
    if (!partial) throw error;
    // Its owners stand on the cached projects (the registry says how old it is itself).
    return { ...partial, outage: outage(instance?.projectsAt ?? nowSeconds()) };
  }
}

/** The cached context again after reading its people anew (their availability), with no task request. */
async function withPeopleRead(
  settings: Settings,
  origin: string,
  cache: Complete,
  connect: Connect,
): Promise<TaskContext> {
  const { index } = await registryFor(settings, cache.instance.projects ?? []);
  const want = wantedUsers(cache.entry.snapshot, cache.entry.history ?? [], index, cache.instance.viewer);
  await usersFor(origin, await connect(), want);
  return (await contextFromCache(settings, origin, { ...cache, users: await instanceUsers(origin) })).context;
}

export async function answerContext(
  settings: Settings,
  origin: string,
  connect: Connect,
  ask: ContextAsk,
): Promise<TaskContext> {
  const key = `${origin}|${ask.taskId}`;
  const cache = await readCache(origin, ask.taskId);
  // `reread`: the cached history is known to lack something (the page shows a newer transaction), so it is
  // read again even if the task's dateModified, which moves in one-second steps, did not.
  const fresh = (reread = ask.refresh, people: { phids: string[]; usernames: string[] } | null = null) =>
    connect().then((client) =>
      taskContext(settings, origin, client, ask.taskId, reread, people, {
        retry: ask.refresh,
        ...(ask.tab !== undefined ? { tab: ask.tab } : {}),
      }),
    );
  if (ask.refresh) return orLastGood(settings, origin, cache, ask, () => fresh());

  const verdict = judge(cache.entry, ask.page, cachedFacts(cache), nowSeconds());
  if ((verdict.kind === 'current' || verdict.kind === 'check') && isComplete(cache)) {
    const { context, peopleDue } = await contextFromCache(settings, origin, cache);
    if (verdict.kind === 'current' && !peopleDue) return context;
    const check = () =>
      verdict.kind === 'check' ? fresh() : withPeopleRead(settings, origin, cache, connect);
    // Keyed by the kind of work too: a read of the task must not join a job that reads only people.
    const checkKey = `${key}|${verdict.kind === 'check' ? 'task' : 'people'}`;
    if (ask.settle) return orLastGood(settings, origin, cache, ask, () => shared(checkKey, check));
    // Answer now; the check runs meanwhile, and the banner's settle request collects it.
    void shared(checkKey, check).catch(() => undefined);
    return { ...context, pending: 'check' };
  }

  // The page shows what the cache lacks, or nothing is cached: Phabricator must be asked.
  // The history may name people the cache lacks: those the page names are read alongside it.
  const page = ask.page;
  const instance = cache.instance;
  const read = async () =>
    fresh(
      verdict.kind === 'behind',
      page && instance ? await peopleOfPage(settings, ask.taskId, page, { ...cache, instance }) : null,
    );
  const readKey = `${key}|${verdict.kind === 'behind' ? 'reread' : 'task'}`;
  const readForPage = async (): Promise<TaskContext> => {
    const context = await shared(readKey, read);
    // A read that was running already (this job, or the task search under it) may have begun before this
    // page was served, a comment posted meanwhile: it stands only if the cache now holds what the page
    // shows; else the task is read once more.
    if (!page) return context;
    const after = await readCache(origin, ask.taskId);
    if (!stillBehind(after.entry, page, cachedFacts(after), nowSeconds())) return context;
    return shared(`${key}|reread`, () => fresh(true));
  };
  if (!ask.settle && page && instance) {
    // Phabricator is asked first, and the part that needs no history is worked out while it answers.
    const reading = readForPage();
    reading.catch(() => undefined);
    const partial = await partialContext(settings, origin, ask.taskId, page, { ...cache, instance });
    if (partial) return partial;
    // This same read, even if it has already ended (shared() would start another).
    return orLastGood(settings, origin, cache, ask, () => reading);
  }
  return orLastGood(settings, origin, cache, ask, readForPage);
}

/**
 * What the cache says of a task before its page can be read (task/cached): the whole cached context and the
 * newest transaction it holds, or null. Nothing is asked and no check starts: the page's own ask follows
 * at DOMContentLoaded with its facts, and that answer decides.
 */
export async function cachedAnswer(
  settings: Settings,
  origin: string,
  taskId: number,
): Promise<CachedAnswer | null> {
  const cache = await readCache(origin, taskId);
  const newest = cachedBasis(cache.entry, cachedFacts(cache));
  if (newest === null || !isComplete(cache)) return null;
  const { context } = await contextFromCache(settings, origin, cache);
  return { context, newestTransaction: newest };
}
