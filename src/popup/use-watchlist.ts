// The popup opens on the worker's cached watchlist and then asks for a fresh one, so the list shows at
// once and corrects itself a moment later. A failed refresh keeps what is on screen and says why.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { watchlistView, type ReplyError, type WatchlistView } from '../messages';
import { call } from '../ui/rpc';

export interface WatchlistState {
  view: WatchlistView | null;
  /** Set when nothing could be shown at all. */
  error: ReplyError | null;
  refreshing: boolean;
  /** Set when a refresh failed while an older list stays on screen. */
  refreshError: ReplyError | null;
}

export function useWatchlist(): WatchlistState & { reload(refresh: boolean): Promise<void> } {
  const [state, setState] = useState<WatchlistState>({
    view: null,
    error: null,
    refreshing: false,
    refreshError: null,
  });
  // Replies may arrive out of order (a reload after an action while the opening refresh is in flight):
  // only the newest request may write.
  const latest = useRef(0);

  const reload = useCallback(async (refresh: boolean) => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, refreshing: refresh }));
    const reply = await call(
      refresh ? { type: 'watchlist/get', refresh: true } : { type: 'watchlist/get' },
      watchlistView,
    );
    if (ticket !== latest.current) return;
    setState((s) => {
      if (reply.ok) return { view: reply.data, error: null, refreshing: false, refreshError: null };
      if (s.view) return { ...s, refreshing: false, refreshError: reply.error };
      return { view: null, error: reply.error, refreshing: false, refreshError: null };
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
