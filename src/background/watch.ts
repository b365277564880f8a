// Which tasks the user watches: explicitly (banner, popup) or through the watch rules of the settings.
// An explicit unwatch wins over the rules, so a task the user dismissed does not come back at the next poll.
import { db, type WatchEntry } from './db';
import { nowSeconds } from './clock';

export function watching(entry: WatchEntry | undefined): boolean {
  if (!entry) return false;
  return entry.explicit === true || (entry.explicit !== false && entry.byRule);
}

export async function setWatched(origin: string, id: number, watched: boolean): Promise<void> {
  const database = await db();
  const previous = await database.get('watches', [origin, id]);
  await database.put('watches', {
    origin,
    id,
    explicit: watched,
    byRule: previous?.byRule ?? false,
    since: previous?.since ?? nowSeconds(),
  });
}

/** Records which open UBN! tasks the rules match now; tasks that stopped matching lose their rule flag. */
export async function applyRuleMatches(origin: string, matched: Set<number>): Promise<WatchEntry[]> {
  const database = await db();
  const tx = database.transaction('watches', 'readwrite');
  const existing = await tx.store.index('byOrigin').getAll(origin);
  const byId = new Map(existing.map((e) => [e.id, e]));
  for (const entry of existing) {
    const byRule = matched.has(entry.id);
    if (entry.byRule !== byRule) {
      const updated = { ...entry, byRule };
      byId.set(entry.id, updated);
      void tx.store.put(updated);
    }
  }
  for (const id of matched) {
    if (!byId.has(id)) {
      const entry: WatchEntry = { origin, id, explicit: null, byRule: true, since: nowSeconds() };
      byId.set(id, entry);
      void tx.store.put(entry);
    } else byId.set(id, { ...byId.get(id)!, byRule: true });
  }
  await tx.done;
  return [...byId.values()].filter(watching);
}
