// A row of the popup's list drawn again only when what it shows changed: its row, its open panel, its
// snoozed state or the watchlist it belongs to. A keystroke in the search box then redraws only the rows
// that come or go, not every row on screen. The callbacks are left out of the comparison on purpose:
// the popup's only call state setters and the stable reload, so an older one does the same as a newer.
import { memo } from 'preact/compat';
import { WatchRow } from './WatchRow';

export const ListedRow = memo(
  WatchRow,
  (before, after) =>
    before.row === after.row &&
    before.panel === after.panel &&
    before.snoozed === after.snoozed &&
    before.view === after.view &&
    before.env === after.env,
);
