// The badge reflects every configured instance's last poll.
import { readSettings } from './settings-store';
import { combinedState, type CombinedState } from './instances-state';
import type { Settings } from '../shared/settings';
import { showBadge, type BadgeLook } from './badge';
import { worstSeverity } from './views';
import { nowSeconds } from './clock';

/** `known`: settings and state the caller has just read, so they are not read twice. */
export async function updateBadge(known?: { settings: Settings; state: CombinedState }): Promise<BadgeLook> {
  const settings = known?.settings ?? (await readSettings());
  if (settings.instances.length === 0) {
    return showBadge({
      configured: false,
      connection: 'not-configured',
      staleCount: 0,
      worst: null,
      gateCount: 0,
    });
  }
  const state = known?.state ?? (await combinedState(settings));
  // Snoozed tasks wait, in the badge as in the popup's count.
  const now = nowSeconds();
  const stale = state.rows.filter(
    (r) => r.stale.length > 0 && !(r.snoozedUntil !== null && r.snoozedUntil > now),
  );
  return showBadge({
    configured: true,
    connection: state.connection,
    staleCount: stale.length,
    worst: worstSeverity(stale.flatMap((r) => r.stale)),
    gateCount: state.gateCount,
  });
}
