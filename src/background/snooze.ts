// Snoozing a watched task, from the popup or from a notification's button: one place, so the popup's
// rows and the badge agree with what was snoozed.
import { db } from './db';
import { nowSeconds } from './clock';
import { pollState, savePollState } from './poll-store';
import { updateBadge } from './status';

export async function snoozeTask(
  origin: string,
  taskId: number,
  until: number | null,
): Promise<number | null> {
  const database = await db();
  const effective = until === null || until <= nowSeconds() ? null : until;
  if (effective === null) await database.delete('snoozes', [origin, taskId]);
  else await database.put('snoozes', { origin, id: taskId, until: effective });
  const state = await pollState(origin);
  state.rows = state.rows.map((row) => (row.task.id === taskId ? { ...row, snoozedUntil: effective } : row));
  await savePollState(state);
  await updateBadge();
  return effective;
}
