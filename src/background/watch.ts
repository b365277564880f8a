// Which tasks the user watches: explicitly (banner, popup) or through the watch rules of the settings.
// An explicit unwatch wins over the rules, so a task the user dismissed does not come back at the next poll.
import { db, instanceKeys, type WatchEntry } from './db';
import { nowSeconds } from './clock';
import { KeptRecords } from './kept-records';

export function watching(entry: WatchEntry | undefined): boolean {
  if (!entry) return false;
  return entry.explicit === true || (entry.explicit !== false && entry.byRule);
}

// Every watch entry per instance for the worker's life, once read: a poll then matches the rules against
// memory and writes only the entries whose rule flag changed. Every write to the store goes through here.
const known = new Map<string, Map<number, WatchEntry>>();

// Bumped by every explicit choice, so a poll that was reading the store meanwhile reads it again.
const choices = new Map<string, number>();

// Choices made since the last sweep: a poll that sweeps did not know of them when it chose what to keep.
const chosenSinceSweep = new Map<string, Set<number>>();

// Single entries read for page views before a poll has read them all (see kept-records.ts).
const viewed = new KeptRecords<WatchEntry>(64);

function beforeWrite(origin: string, id: number): void {
  viewed.written(`${origin}|${id}`);
}

/** One task's watch entry: from memory once a poll or an earlier page view read it. */
export async function watchEntry(origin: string, id: number): Promise<WatchEntry | undefined> {
  const all = known.get(origin);
  if (all) return all.get(id);
  return viewed.read(`${origin}|${id}`, async () => (await db()).get('watches', [origin, id]));
}

export async function setWatched(origin: string, id: number, watched: boolean): Promise<void> {
  const tx = (await db()).transaction('watches', 'readwrite');
  const previous = await tx.store.get([origin, id]);
  const entry: WatchEntry = {
    origin,
    id,
    explicit: watched,
    byRule: previous?.byRule ?? false,
    since: previous?.since ?? nowSeconds(),
  };
  beforeWrite(origin, id);
  await tx.store.put(entry);
  await tx.done;
  choices.set(origin, (choices.get(origin) ?? 0) + 1);
  known.get(origin)?.set(id, entry);
  let chosen = chosenSinceSweep.get(origin);
  if (!chosen) chosenSinceSweep.set(origin, (chosen = new Set()));
  chosen.add(id);
}

/** An entry with no rule matching and no choice of the user's: it says what no entry says. */
function meansNothing(entry: WatchEntry): boolean {
  return !entry.byRule && entry.explicit == null;
}

/** Records which open UBN! tasks the rules match now; tasks that stopped matching lose their rule flag. */
/** Watch entries read and written per transaction when a poll applies the watch rules. */
const WATCH_WRITE_SLICE = 100;

export async function applyRuleMatches(origin: string, matched: Set<number>): Promise<WatchEntry[]> {
  const database = await db();
  let byId = known.get(origin);
  while (!byId) {
    const seen = choices.get(origin) ?? 0;
    const read = await database.getAllFromIndex('watches', 'byOrigin', origin);
    // A choice made while the store was being read may be missing from what was read.
    if ((choices.get(origin) ?? 0) !== seen) continue;
    byId = known.get(origin) ?? new Map(read.map((e) => [e.id, e]));
    known.set(origin, byId);
  }
  const changed: WatchEntry[] = [];
  for (const entry of byId.values()) {
    const byRule = matched.has(entry.id);
    if (entry.byRule !== byRule) changed.push({ ...entry, byRule });
  }
  for (const id of matched) {
    if (!byId.has(id)) changed.push({ origin, id, explicit: null, byRule: true, since: nowSeconds() });
  }
  if (changed.length > 0) {
    // Only the rule flag is this poll's to change: the explicit choice is merged from the store as it
    // is now, so a watch or unwatch made during the poll is not written over. Each entry stands alone, so
    // a first poll's thousand go in short transactions: a page view's read of its watch waits for one.
    for (let at = 0; at < changed.length; at += WATCH_WRITE_SLICE) {
      const tx = database.transaction('watches', 'readwrite');
      const written = await Promise.all(
        changed.slice(at, at + WATCH_WRITE_SLICE).map(async (entry) => {
          const current = await tx.store.get([origin, entry.id]);
          const merged = current ? { ...current, byRule: entry.byRule } : entry;
          beforeWrite(origin, entry.id);
          // No rule and no choice of the user's: the same as no record, so none is kept (a long life
          // would otherwise keep one for every task a rule ever matched, and read them all at each wake).
          if (meansNothing(merged)) void tx.store.delete([origin, entry.id]);
          else void tx.store.put(merged);
          return merged;
        }),
      );
      await tx.done;
      for (const entry of written)
        if (meansNothing(entry)) byId.delete(entry.id);
        else byId.set(entry.id, entry);
    }
  }
  return [...byId.values()].filter(watching);
}

/**
 * Of these tasks, those watched now, from the entries in memory (a poll has read them): an unwatch made
 * while the poll waited for Phabricator counts before its reminders.
 */
export function watchedNow(origin: string, ids: ReadonlySet<number>): Set<number> {
  const byId = known.get(origin);
  if (!byId) return new Set(ids);
  const now = new Set<number>();
  for (const id of ids) if (watching(byId.get(id))) now.add(id);
  return now;
}

/** An instance removed from the settings: its watch entries go, from the store and from memory. */
export async function forgetWatches(origin: string): Promise<void> {
  choices.set(origin, (choices.get(origin) ?? 0) + 1);
  await (await db()).delete('watches', instanceKeys(origin));
  known.delete(origin);
  // After the delete: a read that was under way then is not kept either (KeptRecords counts writes).
  viewed.forget();
}

/**
 * Deletes the explicit choices about tasks the poll no longer keeps (closed or lowered a while ago): a
 * choice about a task long gone only costs every wake a read. Rule-only entries go as the rules stop
 * matching (applyRuleMatches).
 */
export async function sweepWatches(origin: string, keep: ReadonlySet<number>): Promise<void> {
  const byId = known.get(origin);
  const chosen = chosenSinceSweep.get(origin);
  chosenSinceSweep.delete(origin);
  if (!byId) return;
  const gone = [...byId.keys()].filter((id) => !keep.has(id) && !chosen?.has(id));
  if (gone.length === 0) return;
  choices.set(origin, (choices.get(origin) ?? 0) + 1);
  const tx = (await db()).transaction('watches', 'readwrite');
  for (const id of gone) {
    beforeWrite(origin, id);
    void tx.store.delete([origin, id]);
  }
  await tx.done;
  for (const id of gone) byId.delete(id);
}
