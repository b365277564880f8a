// The review page's first screen from the cache: the tasks whose escalations run longest, found through
// the poll's per-task records (indexed by when the escalation started) so that only the histories shown
// are read, not a thousand of them.
import type { InstanceVocabulary } from '../core/model';
import { UBN_PRIORITY } from '../core/model';
import { isClosedStatus } from '../core/escalation/vocabulary';
import { db, type TaskEntry } from './db';
import { historyIsCurrent } from './tasks';

/**
 * The `first` open UBN! tasks with a current history, oldest escalation first, or null when the poll's
 * records cannot tell (too few running escalations recorded): the caller then reads every task.
 */
export async function longestRunning(
  origin: string,
  vocabulary: InstanceVocabulary,
  first: number,
): Promise<TaskEntry[] | null> {
  const database = await db();
  const tx = database.transaction(['pollTasks', 'tasks'], 'readonly');
  const index = tx.objectStore('pollTasks').index('byEscalation');
  const tasks = tx.objectStore('tasks');
  const range = IDBKeyRange.bound([origin, -Infinity], [origin, Infinity]);
  const found: TaskEntry[] = [];
  // The poll's record may lag behind the tasks store (a page view read a task since): what the store
  // holds decides whether a task is listed.
  for (
    let cursor = await index.openCursor(range);
    cursor && found.length < first;
    cursor = await cursor.continue()
  ) {
    if (!cursor.value.task?.ubnOpen) continue;
    const entry = await tasks.get([origin, cursor.value.id]);
    if (!entry || !historyIsCurrent(entry)) continue;
    const { snapshot } = entry;
    if (snapshot.priority.value !== UBN_PRIORITY || isClosedStatus(vocabulary, snapshot.status.value))
      continue;
    found.push(entry);
  }
  await tx.done;
  return found.length < first ? null : found;
}
