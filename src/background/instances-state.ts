// Every configured instance's last poll, taken together: what the popup and the badge show.
import type { ConnectionState, StaleRow } from '../messages';
import type { Settings } from '../shared/settings';
import { pollState } from './poll';

export interface CombinedState {
  /** The first instance whose connection is not ok decides what the user is told to fix. */
  connection: ConnectionState;
  message: string | null;
  troubled: string | null;
  rows: StaleRow[];
  gateCount: number;
  /** The oldest of the instances' last good polls. */
  lastOkAt: number | null;
}

export async function combinedState(settings: Settings): Promise<CombinedState> {
  const states = await Promise.all(settings.instances.map((instance) => pollState(instance.url)));
  const trouble = states.find((state) => state.connection !== 'ok');
  const lastOks = states.map((state) => state.lastOkAt);
  return {
    connection: trouble?.connection ?? 'ok',
    message: trouble?.message ?? null,
    troubled: trouble?.origin ?? null,
    rows: states.flatMap((state) => state.rows.map((row) => ({ ...row, instance: state.origin }))),
    gateCount: states.reduce((sum, state) => sum + state.gateCount, 0),
    lastOkAt: lastOks.includes(null) ? null : Math.min(...(lastOks as number[])),
  };
}
