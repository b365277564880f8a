// The toolbar popup: the stale watched UBN! tasks, worst first, with the actions that fix them.
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as z from 'zod/mini';
import type { AssignReply, PageRequest, Reply, WatchlistFirstView } from '../messages';
import { t } from '../ui/i18n';
import { call } from '../ui/rpc';
import { relativeText } from '../ui/time-text';
import type { PopupEnv } from './popup-env';
import { useWatchlist } from './use-watchlist';
import {
  isStale,
  isSnoozed,
  listRows,
  prepareSearch,
  sortedStale,
  type RowFilter,
} from '../shared/watchlist-order';
import { ConnectionNotice } from './ConnectionNotice';
import { EmptyState } from './EmptyState';
import { ListControls } from './ListControls';
import { type PanelKind } from './WatchRow';
import { ListedRow as WatchRow } from './listed-row';
import { useDrawnRows } from './use-drawn-rows';

/**
 * Rows drawn at first (the popup shows about five at a time); the rest on request, so opening costs the
 * same with ten stale tasks or a thousand.
 */
export const PAGE_SIZE = 25;

/** What a row offers the keyboard first: its title link, or its first button when it has no link. */
const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** A row's identity in the list: its instance and task (task numbers repeat across instances). */
const rowKey = (row: { instance?: string | null; task: { id: number } }): string =>
  `${row.instance ?? ''}|${row.task.id}`;

interface Notice {
  message: string;
  undo?: PageRequest;
}

export function Popup({
  env: pageEnv,
  opening,
}: {
  env: PopupEnv;
  /** The opening request, when already sent (see askFirstScreen). */
  opening?: Promise<Reply<WatchlistFirstView>>;
}) {
  const { view, partial, error, refreshing, refreshError, reload } = useWatchlist(opening);
  // Ages are read on the worker's clock (the demo and tests move it); in use the two agree.
  const skew = useMemo(() => (view?.now === undefined ? 0 : view.now - pageEnv.now()), [view]);
  const env = useMemo(() => ({ ...pageEnv, now: () => pageEnv.now() + skew }), [pageEnv, skew]);
  const [filter, setFilter] = useState<RowFilter>('all');
  const [query, setQuery] = useState('');
  // Rows are told apart by instance and task: every instance numbers its tasks from T1.
  const [open, setOpen] = useState<{ row: string; kind: PanelKind } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const live = useRef<HTMLDivElement>(null);
  // The element that last had the keyboard's focus in the popup, to tell when a redraw removed it.
  const lastFocused = useRef<Element | null>(null);
  // An action done from a row's panel closes the panel (and a snooze moves the row away): the keyboard's
  // focus, left on nothing, goes to the notice that tells what happened (its Undo, when it has one).
  useLayoutEffect(() => {
    const region = live.current;
    const active = region?.ownerDocument.activeElement;
    if (notice && region && (!active || active === region.ownerDocument.body))
      (region.querySelector('button') ?? region).focus();
  }, [notice]);
  // An Unwatch or Unsnooze keeps its button until the list is read again without the row (or with the
  // row moved to the other list): that redraw drops the focus to the page, so it goes to the notice too.
  // Only when the focused element was removed: a user who clicked the page's background keeps it there.
  useLayoutEffect(() => {
    const region = live.current;
    const gone = lastFocused.current;
    if (!notice || !region || !gone || gone.isConnected) return;
    const active = region.ownerDocument.activeElement;
    if (active && active !== region.ownerDocument.body) return;
    (region.querySelector('button') ?? region).focus();
  }, [view]);
  const search = useRef<HTMLInputElement>(null);
  const activeList = useRef<HTMLUListElement>(null);
  const snoozedList = useRef<HTMLUListElement>(null);
  // The last "Show more" goes away with the press that brings the rows it promised: the keyboard's focus
  // goes to the first of them, once it is drawn, rather than to the page.
  const reveal = useRef<{ list: RefObject<HTMLUListElement | null>; index: number } | null>(null);
  useLayoutEffect(() => {
    const pending = reveal.current;
    const row = pending?.list.current?.children[pending.index];
    if (!row) return;
    reveal.current = null;
    row.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  });
  /** A list's next page. The last one goes away with the press: the focus goes to its first new row. */
  const showMore = (
    total: number,
    shown: number,
    list: RefObject<HTMLUListElement | null>,
    setShown: (count: number) => void,
  ) => (
    <button
      type="button"
      class="st-button more"
      onClick={() => {
        if (total <= shown + PAGE_SIZE) reveal.current = { list, index: shown };
        setShown(shown + PAGE_SIZE);
      }}
    >
      {t('popup_show_more', total - shown)}
    </button>
  );
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [snoozedLimit, setSnoozedLimit] = useState(PAGE_SIZE);
  const [snoozedOpen, setSnoozedOpen] = useState(false);
  const now = env.now();

  const rows = view?.rows ?? [];
  const sorted = useMemo(() => sortedStale(rows), [rows]);
  // The search text of every row is built while the browser is idle, not in the first keystroke.
  useEffect(() => {
    const handle = requestIdleCallback(() => prepareSearch(sorted));
    return () => cancelIdleCallback(handle);
  }, [sorted]);
  const listed = useMemo(
    () => listRows(rows, filter, query, now, sorted),
    [rows, sorted, filter, query, now],
  );
  const counts = useMemo(() => {
    // Until the rest arrives, the counts are the whole list's, from the worker.
    if (partial) return partial.counts;
    const waiting = rows.filter((row) => isStale(row) && !isSnoozed(row, now));
    return {
      all: waiting.length,
      mine: waiting.filter((row) => row.mine).length,
      'my-components': waiting.filter((row) => row.myComponent).length,
    };
  }, [rows, now, partial]);
  const page = useMemo(() => listed.active.slice(0, limit), [listed, limit]);
  const drawn = useDrawnRows(page, rowKey);
  const watchedCount = partial?.total ?? rows.length;
  // With only the first screen here, an empty result is told from the whole list's counts.
  const shown = partial
    ? { ...listed, fine: partial.counts.fine, staleTotal: partial.counts.all + partial.counts.snoozed }
    : listed;

  if (view === null) {
    return (
      <main class="popup" aria-busy={error === null}>
        <h1>{t('popup_title')}</h1>
        {error === null ? (
          <p role="status" class="loading" data-state="loading">
            {t('popup_loading')}
          </p>
        ) : (
          <section class="notice" data-state="error" role="alert">
            <p>{error.message}</p>
            <button type="button" class="st-button" onClick={() => void reload(true)}>
              {t('popup_retry')}
            </button>
          </section>
        )}
      </main>
    );
  }

  const changed = (message: string, undo?: PageRequest) => {
    setNotice(undo ? { message, undo } : { message });
    void reload(false);
  };
  const assigned = (reply: AssignReply) => {
    const who = reply.context.processOwner?.person?.username;
    const task = `T${reply.context.task.id}`;
    changed(
      reply.duplicate
        ? t('popup_assign_duplicate', task)
        : who
          ? t('popup_assign_done', `@${who}`, task)
          : t('popup_assign_done_unknown', task),
    );
  };
  const undo = async (request: PageRequest) => {
    const reply = await call(request, z.unknown());
    setNotice({ message: reply.ok ? t('popup_undone') : reply.error.message });
    void reload(false);
  };
  const filtered = filter !== 'all' || query.trim() !== '';
  const gate = view.deployGate;

  return (
    <main
      class="popup"
      onFocusIn={(event) => {
        lastFocused.current = event.target as Element | null;
      }}
    >
      <header class="popup-header">
        <h1>{t('popup_title')}</h1>
        <div class="header-actions">
          <button
            type="button"
            class="st-button"
            aria-busy={refreshing}
            // Not disabled: a button disabled under the keyboard's focus drops it to the page.
            aria-disabled={refreshing}
            onClick={() => {
              if (!refreshing) void reload(true);
            }}
          >
            {refreshing ? t('popup_refreshing') : t('popup_refresh')}
          </button>
          <a
            class="st-button"
            href={`../review/review.html${view.instance ? `?instance=${encodeURIComponent(view.instance)}` : ''}`}
            target="_blank"
            rel="noopener"
          >
            {t('review_open_from_popup')}
          </a>
          <button type="button" class="st-button" onClick={() => env.openOptions('instances')}>
            {t('popup_options')}
          </button>
        </div>
      </header>

      <ConnectionNotice view={view} now={now} onOptions={env.openOptions} onRetry={() => void reload(true)} />
      {refreshError && (
        <p class="error" role="alert" data-state="refresh-failed">
          {t('popup_refresh_failed', refreshError.message)}
        </p>
      )}
      {gate.blocked && gate.count > 0 && (
        <p class="gate" data-state="deploy-gate">
          {gate.count === 1 ? t('popup_gate_one') : t('popup_gate', gate.count)}
        </p>
      )}

      <div class="live" role="status" tabIndex={-1} ref={live}>
        {notice && (
          <p class="notice-line">
            {notice.message}{' '}
            {notice.undo && (
              <button type="button" class="st-button" onClick={() => notice.undo && void undo(notice.undo)}>
                {t('popup_undo')}
              </button>
            )}
          </p>
        )}
      </div>

      {view.connection !== 'not-configured' && (
        <>
          {(partial ? shown.staleTotal > 0 : rows.some(isStale)) && (
            <ListControls
              filter={filter}
              query={query}
              counts={counts}
              onFilter={(f) => {
                setFilter(f);
                setLimit(PAGE_SIZE);
              }}
              onQuery={(q) => {
                setQuery(q);
                setLimit(PAGE_SIZE);
              }}
              searchRef={search}
            />
          )}
          <h2 class="st-sr-only" id="list-title">
            {t('popup_list_label')}
          </h2>
          {filtered && (
            <p class="st-sr-only" role="status">
              {t('popup_shown_count', listed.active.length)}
            </p>
          )}
          {listed.active.length === 0 ? (
            <EmptyState
              listed={shown}
              watchedCount={watchedCount}
              filtered={filtered}
              onClearFilters={() => {
                setFilter('all');
                setQuery('');
                // The button goes with the empty state; the search box stays, and is where the list
                // was narrowed.
                search.current?.focus();
              }}
              onOptions={env.openOptions}
            />
          ) : (
            <ul class="rows" aria-labelledby="list-title" ref={activeList}>
              {drawn.map((row) => (
                <WatchRow
                  key={rowKey(row)}
                  row={row}
                  view={view}
                  env={env}
                  snoozed={false}
                  panel={open?.row === rowKey(row) ? open.kind : null}
                  onPanel={(kind) => setOpen(kind ? { row: rowKey(row), kind } : null)}
                  onChanged={changed}
                  onAssigned={assigned}
                  onTaskChanged={() => void reload(true)}
                />
              ))}
            </ul>
          )}
          {partial && (
            <p
              class="loading-more"
              role="status"
              data-state={partial.failed ? 'rest-failed' : 'loading-rest'}
            >
              {t(partial.failed ? 'popup_not_loaded' : 'popup_loading_more', partial.total - rows.length)}
            </p>
          )}
          {!partial &&
            listed.active.length > limit &&
            showMore(listed.active.length, limit, activeList, setLimit)}
          {listed.snoozed.length > 0 && (
            <details
              class="snoozed"
              open={snoozedOpen}
              onToggle={(event) => setSnoozedOpen((event.currentTarget as HTMLDetailsElement).open)}
            >
              <summary>{t('popup_snoozed_section', listed.snoozed.length)}</summary>
              {/* Drawn only once opened, and a page at a time like the list above. */}
              {snoozedOpen && (
                <ul class="rows" ref={snoozedList}>
                  {listed.snoozed.slice(0, snoozedLimit).map((row) => (
                    <WatchRow
                      key={rowKey(row)}
                      row={row}
                      view={view}
                      env={env}
                      snoozed
                      panel={null}
                      onPanel={() => undefined}
                      onChanged={changed}
                      onAssigned={assigned}
                      onTaskChanged={() => void reload(true)}
                    />
                  ))}
                </ul>
              )}
              {snoozedOpen &&
                listed.snoozed.length > snoozedLimit &&
                showMore(listed.snoozed.length, snoozedLimit, snoozedList, setSnoozedLimit)}
            </details>
          )}
        </>
      )}

      {view.lastPollAt !== null && (
        <footer class="popup-footer">
          {t('popup_last_checked', relativeText(view.lastPollAt, now))}
          {shown.fine > 0 && <span> · {t('popup_fine_count', shown.fine)}</span>}
        </footer>
      )}
    </main>
  );
}
