// An instance removed from the settings leaves nothing behind: its token, its cached metadata, poll state,
// tasks and histories, accounts, watch entries, snoozes, reminder keys and assign records, in IndexedDB
// and in what the worker keeps in memory. A poll or a banner's read of it still running writes nothing
// back (instance-epoch.ts), and an ask after the instance is added again starts a read of its own.
import { forgetSnapshotReads } from './context';
import { forgetContextReads } from './context-answer';
import { db, instanceKeys, instancePrefix } from './db';
import { endEpoch } from './instance-epoch';
import { forgetInstance } from './metadata';
import { forgetInstancePolls } from './poll';
import { forgetPollState } from './poll-store';
import { forgetPlainBodies } from './plain-bodies';
import { removalDone, removalsPending } from './settings-store';
import { forgetInstanceTasks } from './tasks';
import { forgetUsers } from './users';
import { forgetWatches } from './watch';

/** Forgets a removed instance and marks its removal done (settings-store.ts notes it as pending). */
export async function finishRemoval(origin: string): Promise<void> {
  await forgetRemovedInstance(origin);
  await removalDone(origin);
}

/**
 * At the worker's start: removals a stopped worker left unfinished. One listed again meanwhile (added back
 * in a later save) is not forgotten: its token may be the new one.
 */
export async function finishPendingRemovals(configured: readonly string[]): Promise<void> {
  for (const origin of await removalsPending()) {
    if (configured.includes(origin)) await removalDone(origin);
    else await finishRemoval(origin);
  }
}

export async function forgetRemovedInstance(origin: string): Promise<void> {
  // First, before any await: a read's write checked after this is refused; one before it is deleted below.
  endEpoch(origin);
  forgetContextReads(origin);
  forgetSnapshotReads(origin);
  forgetInstancePolls(origin);
  forgetPlainBodies(origin);
  const database = await db();
  const tx = database.transaction(['secrets', 'snoozes', 'reminders', 'assigns'], 'readwrite');
  void tx.objectStore('secrets').delete(origin);
  void tx.objectStore('snoozes').delete(instanceKeys(origin));
  void tx.objectStore('reminders').delete(instancePrefix(origin));
  // Assign records are keyed by their request id: the few there are, read and dropped by instance.
  for (let cursor = await tx.objectStore('assigns').openCursor(); cursor; cursor = await cursor.continue())
    if (cursor.value.origin === origin) void cursor.delete();
  await tx.done;
  // The stores kept in memory too are emptied by the modules that keep them.
  await forgetInstanceTasks(origin);
  await forgetUsers(origin);
  await forgetWatches(origin);
  await forgetInstance(origin);
  await forgetPollState(origin);
}
