// Recovery without a click: when Phabricator answers outside a poll (a banner loaded, Test connection, a
// sign-in seen through the banner's session calls), a backoff or an error verdict left by the last poll is
// out of date. The backoff ends and the poll that was due runs now, so the popup and badge follow at once.
import { afterSuccess, recoveryDue } from './poll-backoff';
import { pollInstance } from './poll';
import { pollState, savePollState } from './poll-store';
import { readSettings } from './settings-store';
import { updateBadge } from './status';

// One recovery per instance at a time: a banner's burst of calls is one signal, not one poll each.
const recovering = new Set<string>();

export async function recoverAfterAnswer(origin: string): Promise<void> {
  if (recovering.has(origin)) return;
  recovering.add(origin);
  try {
    const state = await pollState(origin);
    if (!recoveryDue(state)) return;
    await savePollState({ ...state, ...afterSuccess() });
    const settings = await readSettings();
    if (!settings.instances.some((i) => i.url === origin)) return;
    await pollInstance(settings, origin);
    await updateBadge();
  } finally {
    recovering.delete(origin);
  }
}
