// The review page's first screen from the cache: the tasks whose escalations run longest, found through
// the poll's per-task records (indexed by when the escalation started) so that only the histories shown
// are read, not a thousand of them. The keys come in one read and the task records they name in batches
// of reads issued together (one batch unless records had to be skipped), rather than a cursor step and a
// read per task one after another: each IndexedDB round trip costs the worker a wait, and a busy browser
// makes that wait long.
import type { InstanceVocabulary } from '../core/model';
import { UBN_PRIORITY } from '../core/model';
import { isClosedStatus } from '../core/escalation/vocabulary';
import { db, type TaskEntry } from './db';
import { historyIsCurrent } from './tasks';

/**
 * The `first` open UBN! tasks with a current history, oldest escalation first, and the ids of the other
 * running escalations the poll recorded (not shown yet: the page counts them); null when the poll's
 * records cannot tell (too few running escalations recorded, and no good poll yet): the caller then reads
 * every task.
 */
export async function longestRunning(
  origin: string,
  vocabulary: InstanceVocabulary,
  first: number,
): Promise<{ shown: TaskEntry[]; others: number[] } | null> {
  const database = await db();
  const tx = database.transaction(['polls', 'pollTasks', 'tasks'], 'readonly');
  // After a good poll of this build its records hold every open UBN!, indexed by when its escalation
  // started (records moved from version 1 of the database lack that): fewer than a screenful is then
  // the whole list. `sweptAt` is written by every poll of this build.
  const header = await tx.objectStore('polls').get(origin);
  const complete = header?.lastOkAt != null && header.sweptAt !== undefined;
  const index = tx.objectStore('pollTasks').index('byEscalation');
  const tasks = tx.objectStore('tasks');
  const range = IDBKeyRange.bound([origin, -Infinity], [origin, Infinity]);
  // Keys only, all of them in one read: a few bytes each, and the count of the others needs them anyway.
  const keys = await index.getAllKeys(range);
  const found: TaskEntry[] = [];
  // Records read and found to be no open UBN! any more: not counted among the others.
  const gone = new Set<number>();
  // The poll's record may lag behind the tasks store (a page view read a task since): what the store
  // holds decides whether a task is listed. Tasks it leaves out are made up for by the next keys, in a
  // batch twice the size of the last, so that hundreds of records skipped cost a few round trips, not
  // one each, while a screen with none skipped reads a screenful.
  let next = 0;
  let batch = first;
  while (found.length < first && next < keys.length) {
    const entries = await Promise.all(keys.slice(next, next + batch).map((key) => tasks.get(key)));
    next += batch;
    batch *= 2;
    for (const entry of entries) {
      if (!entry) continue;
      const { snapshot } = entry;
      if (snapshot.priority.value !== UBN_PRIORITY || isClosedStatus(vocabulary, snapshot.status.value)) {
        gone.add(entry.id);
        continue;
      }
      if (!historyIsCurrent(entry)) continue;
      if (found.length < first) found.push(entry);
    }
  }
  // Every running escalation recorded and not shown, whether read or not, for "showing 24 of 310": also
  // when fewer than a screenful had a current history, or the page would say "10 of 10" meanwhile.
  const shownIds = new Set(found.map((e) => e.id));
  const others = keys
    .map((key) => (key as [string, number])[1])
    .filter((id) => !shownIds.has(id) && !gone.has(id));
  await tx.done;
  return found.length < first && !complete ? null : { shown: found, others };
}
