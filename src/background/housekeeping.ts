// What a long life would otherwise leave behind, swept once a day after a good poll of an instance: the
// records of tasks gone long enough (tasks.ts), watch choices about tasks the poll no longer keeps
// (watch.ts), accounts not read for as long as any kept record can name them (users.ts), snoozes that
// ended and assignments no retry can come for. Reminder records are swept by the poll itself (poll.ts),
// which keeps them in memory too. What an install reads and keeps then follows what is open and watched
// now, not how long it has run.
import { db, instanceKeys } from './db';
import { sweepTasks } from './tasks';
import { sweepUsers } from './users';
import { sweepWatches } from './watch';

const DAY = 86400;

/** How often an instance is swept. */
export const SWEEP_EVERY_SECONDS = DAY;

/** An assignment's record guards a retry of the same request (minutes); a week is plenty. */
const ASSIGN_RETENTION_SECONDS = 7 * DAY;

/** Sweeps what an instance's poll no longer keeps. */
export async function sweepInstance(origin: string, keep: ReadonlySet<number>, now: number): Promise<void> {
  await sweepWatches(origin, keep);
  await sweepTasks(origin, keep, now);
  await sweepUsers(origin, now);
  const database = await db();
  const tx = database.transaction(['snoozes', 'assigns'], 'readwrite');
  for (
    let cursor = await tx.objectStore('snoozes').openCursor(instanceKeys(origin));
    cursor;
    cursor = await cursor.continue()
  )
    if (cursor.value.until <= now) void cursor.delete();
  for (let cursor = await tx.objectStore('assigns').openCursor(); cursor; cursor = await cursor.continue()) {
    const { origin: of, doneAt, startedAt } = cursor.value;
    if (of === origin && now - (doneAt ?? startedAt) > ASSIGN_RETENTION_SECONDS) void cursor.delete();
  }
  await tx.done;
}
