// The popup's watchlist in two parts: the first screen of rows as the popup lists them (so it renders
// before a thousand rows are carried and checked), with the counts its filters and footer show; then
// every row, which the popup asks for once that screen is drawn.
import type { StaleRow, WatchlistCounts, WatchlistFirstView } from '../messages';
import { compareRows, isSnoozed, isStale } from './watchlist-order';
import type { WatchlistView } from '../messages';

export function countsOf(rows: readonly StaleRow[], now: number): WatchlistCounts {
  const counts: WatchlistCounts = { all: 0, mine: 0, 'my-components': 0, snoozed: 0, fine: 0 };
  for (const row of rows) {
    if (!isStale(row)) counts.fine++;
    else if (isSnoozed(row, now)) counts.snoozed++;
    else {
      counts.all++;
      if (row.mine) counts.mine++;
      if (row.myComponent) counts['my-components']++;
    }
  }
  return counts;
}

// The stale rows in order, per rows list: the worker hands out the same list until a poll changes it.
const sorted = new WeakMap<readonly StaleRow[], StaleRow[]>();

function staleInOrder(rows: readonly StaleRow[]): StaleRow[] {
  const known = sorted.get(rows);
  if (known) return known;
  const ordered = rows.filter(isStale).sort(compareRows);
  sorted.set(rows, ordered);
  return ordered;
}

/** The first `count` rows the popup lists: stale, not snoozed, worst first. */
export function firstScreen(view: WatchlistView, count: number, now: number): WatchlistFirstView {
  const listed: StaleRow[] = [];
  for (const row of staleInOrder(view.rows)) {
    if (listed.length >= count) break;
    if (!isSnoozed(row, now)) listed.push(row);
  }
  return {
    ...view,
    rows: listed,
    total: view.rows.length,
    counts: countsOf(view.rows, now),
  };
}
