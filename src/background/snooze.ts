// Snoozing a watched task, from the popup or from a notification's button: one place, so the popup's
// rows and the badge agree with what was snoozed.
import { db } from './db';
import { nowSeconds } from './clock';
import { forgetReminders, pollsSettled } from './poll';
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
  else {
    await database.put('snoozes', { origin, id: taskId, until: effective });
    // Later, not never: when the snooze ends, a reminder already shown for the task comes back once.
    await forgetReminders(origin, taskId);
  }
  await showSnooze(origin, taskId, effective);
  // A poll that read the snoozes before this one was stored would save its rows over it (and may record
  // a reminder it showed meanwhile): apply it again once that poll has ended.
  void pollsSettled(origin)
    .then(async () => {
      if (effective !== null) await forgetReminders(origin, taskId);
      await showSnooze(origin, taskId, effective);
    })
    .catch(() => undefined);
  return effective;
}

async function showSnooze(origin: string, taskId: number, until: number | null): Promise<void> {
  const state = await pollState(origin);
  if (!state.rows.some((row) => row.task.id === taskId && row.snoozedUntil !== until)) return;
  await savePollState({
    ...state,
    rows: state.rows.map((row) => (row.task.id === taskId ? { ...row, snoozedUntil: until } : row)),
  });
  await updateBadge();
}
