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

/** The first `count` rows the popup lists: stale, not snoozed, worst first. */
export function firstScreen(view: WatchlistView, count: number, now: number): WatchlistFirstView {
  const listed = view.rows.filter((row) => isStale(row) && !isSnoozed(row, now)).sort(compareRows);
  return {
    ...view,
    rows: listed.slice(0, count),
    total: view.rows.length,
    counts: countsOf(view.rows, now),
  };
}
