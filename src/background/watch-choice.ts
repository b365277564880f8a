// Watching and unwatching from the popup or a banner. An unwatched task leaves the popup's list and the
// badge's count at once, not at the next poll (which no longer lists it either: an explicit unwatch wins
// over the rules).
import { pollsSettled } from './poll';
import { pollState, savePollState } from './poll-store';
import { updateBadge } from './status';
import { setWatched } from './watch';

export async function chooseWatched(origin: string, taskId: number, watched: boolean): Promise<void> {
  await setWatched(origin, taskId, watched);
  if (watched) return;
  await dropRow(origin, taskId);
  // A poll that read the watch entries before this choice would save its rows over it: drop it again
  // once that poll has ended.
  void pollsSettled(origin)
    .then(() => dropRow(origin, taskId))
    .catch(() => undefined);
}

async function dropRow(origin: string, taskId: number): Promise<void> {
  const state = await pollState(origin);
  if (!state.rows.some((row) => row.task.id === taskId)) return;
  await savePollState({ ...state, rows: state.rows.filter((row) => row.task.id !== taskId) });
  await updateBadge();
}
