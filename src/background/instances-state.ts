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

// Each instance's rows tagged with the instance, per rows list: a list that did not change is tagged once.
const tagged = new WeakMap<StaleRow[], StaleRow[]>();

function taggedRows(state: { origin: string; rows: StaleRow[] }): StaleRow[] {
  const known = tagged.get(state.rows);
  if (known) return known;
  const rows = state.rows.map((row) => ({ ...row, instance: state.origin }));
  tagged.set(state.rows, rows);
  return rows;
}

export async function combinedState(settings: Settings): Promise<CombinedState> {
  const states = await Promise.all(settings.instances.map((instance) => pollState(instance.url)));
  const trouble = states.find((state) => state.connection !== 'ok');
  const lastOks = states.map((state) => state.lastOkAt);
  return {
    connection: trouble?.connection ?? 'ok',
    message: trouble?.message ?? null,
    troubled: trouble?.origin ?? null,
    // One instance (the usual case): its tagged list itself, so what is derived from it can be kept too.
    rows: states.length === 1 ? taggedRows(states[0]!) : states.flatMap(taggedRows),
    gateCount: states.reduce((sum, state) => sum + state.gateCount, 0),
    lastOkAt: lastOks.includes(null) ? null : Math.min(...(lastOks as number[])),
  };
}
