// Recovery without a click: when Phabricator answers outside a poll (a banner loaded, Test connection, a
// sign-in seen through the banner's session calls) and the last poll failed for a reason that answer
// disproves (unreachable, signed out, token refused), the poll runs now rather than at the end of the
// backoff, so the popup and badge follow at once. poll-backoff.ts decides when; a failed recovery climbs.
import { nowSeconds } from './clock';
import { recoveryDue } from './poll-backoff';
import { pollAndAnnounce } from './change-notice';
import { pollState } from './poll-store';
import { readSettings } from './settings-store';
import { updateBadge } from './status';

// One recovery per instance at a time: a banner's burst of calls is one signal, not one poll each.
const recovering = new Set<string>();

export async function recoverAfterAnswer(origin: string): Promise<void> {
  if (recovering.has(origin)) return;
  recovering.add(origin);
  try {
    const state = await pollState(origin);
    if (!recoveryDue(state, nowSeconds())) return;
    const settings = await readSettings();
    if (!settings.instances.some((i) => i.url === origin)) return;
    // Pages that showed the last good state during the outage hear of what moved meanwhile.
    await pollAndAnnounce(settings, origin, { recovery: true });
    await updateBadge();
  } finally {
    recovering.delete(origin);
  }
}
