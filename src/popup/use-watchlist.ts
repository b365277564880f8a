// The popup opens on the worker's cached watchlist and then asks for a fresh one, so the list shows at
// once and corrects itself a moment later. A failed refresh keeps what is on screen and says why.
// Each answer comes in two parts: the first screen of rows (with the counts of the whole list), then,
// once that is drawn, every row; until then `partial` says what is still coming.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  watchlistFirstView,
  watchlistRestView,
  type Reply,
  type ReplyError,
  type StaleRow,
  type WatchlistCounts,
  type WatchlistFirstView,
  type WatchlistView,
} from '../messages';
import { call } from '../ui/rpc';

export interface WatchlistState {
  view: WatchlistView | null;
  /** Set while only the first screen of rows is here: the whole list's size and counts. */
  partial: { total: number; counts: WatchlistCounts; failed: boolean } | null;
  /** Set when nothing could be shown at all. */
  error: ReplyError | null;
  refreshing: boolean;
  /** Set when a refresh failed while an older list stays on screen. */
  refreshError: ReplyError | null;
}

/** Rows in the first part of an answer: what a 600-pixel popup shows without scrolling, and a few more. */
export const FIRST_SCREEN = 10;

/** Resolves after the browser has painted what the last state change rendered. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** The popup's opening request: the cached first screen. main.tsx sends it before the first render. */
export function askFirstScreen(): Promise<Reply<WatchlistFirstView>> {
  return call({ type: 'watchlist/first', count: FIRST_SCREEN }, watchlistFirstView);
}

/** `opening`: the opening request when already sent, answered instead of asking again. */
export function useWatchlist(
  opening?: Promise<Reply<WatchlistFirstView>>,
): WatchlistState & { reload(refresh: boolean): Promise<void> } {
  const [state, setState] = useState<WatchlistState>({
    view: null,
    partial: null,
    error: null,
    refreshing: false,
    refreshError: null,
  });
  // Replies may arrive out of order (a reload after an action while the opening refresh is in flight):
  // only the newest request may write.
  const latest = useRef(0);
  const sent = useRef(opening);

  const reload = useCallback(async (refresh: boolean) => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, refreshing: refresh }));
    const already = refresh ? undefined : sent.current;
    sent.current = undefined;
    const first = await (already ??
      (refresh
        ? call({ type: 'watchlist/first', refresh: true, count: FIRST_SCREEN }, watchlistFirstView)
        : askFirstScreen()));
    if (ticket !== latest.current) return;
    if (!first.ok) {
      setState((s) => {
        if (s.view) return { ...s, refreshing: false, refreshError: first.error };
        return { view: null, partial: null, error: first.error, refreshing: false, refreshError: null };
      });
      return;
    }
    const { total, counts, ...view } = first.data;
    const complete = total === view.rows.length;
    setState((s) =>
      // A whole list already on screen stays until the new one is whole too, rather than shrinking.
      s.view && !s.partial && !complete
        ? { ...s, refreshError: null }
        : {
            view,
            partial: complete ? null : { total, counts, failed: false },
            error: null,
            // A refresh ends when the whole list is here: what is counted and searched is then current.
            refreshing: refresh && !complete,
            refreshError: null,
          },
    );
    if (complete) return;
    await afterPaint();
    if (ticket !== latest.current) return;
    const rest = await call({ type: 'watchlist/rest' }, watchlistRestView);
    if (ticket !== latest.current) return;
    setState((s) => {
      if (!rest.ok) {
        const partial = s.partial ? { ...s.partial, failed: true } : null;
        return { ...s, partial, refreshing: false, refreshError: rest.error };
      }
      // The worker is trusted and its rows are of the contract's shape; only their count was checked here.
      const rows = rest.data.rows as StaleRow[];
      return { ...s, view: { ...view, rows }, partial: null, refreshing: false };
    });
  }, []);

  useEffect(() => {
    void (async () => {
      await reload(false);
      await reload(true);
    })();
  }, [reload]);

  return { ...state, reload };
}
