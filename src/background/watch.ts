// Which tasks the user watches: explicitly (banner, popup) or through the watch rules of the settings.
// An explicit unwatch wins over the rules, so a task the user dismissed does not come back at the next poll.
import { db, type WatchEntry } from './db';
import { nowSeconds } from './clock';

export function watching(entry: WatchEntry | undefined): boolean {
  if (!entry) return false;
  return entry.explicit === true || (entry.explicit !== false && entry.byRule);
}

// Every watch entry per instance for the worker's life, once read: a poll then matches the rules against
// memory and writes only the entries whose rule flag changed. Every write to the store goes through here.
const known = new Map<string, Map<number, WatchEntry>>();

export async function setWatched(origin: string, id: number, watched: boolean): Promise<void> {
  const database = await db();
  const previous = await database.get('watches', [origin, id]);
  const entry: WatchEntry = {
    origin,
    id,
    explicit: watched,
    byRule: previous?.byRule ?? false,
    since: previous?.since ?? nowSeconds(),
  };
  await database.put('watches', entry);
  known.get(origin)?.set(id, entry);
}

/** Records which open UBN! tasks the rules match now; tasks that stopped matching lose their rule flag. */
export async function applyRuleMatches(origin: string, matched: Set<number>): Promise<WatchEntry[]> {
  const database = await db();
  let byId = known.get(origin);
  if (!byId) {
    const read = await database.getAllFromIndex('watches', 'byOrigin', origin);
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
    const tx = database.transaction('watches', 'readwrite');
    for (const entry of changed) void tx.store.put(entry);
    await tx.done;
    for (const entry of changed) byId.set(entry.id, entry);
  }
  return [...byId.values()].filter(watching);
}
