// The UBN! review page: every open UBN! of an instance as a chart and a table, and the last 12 weeks of
// resolved ones. Rows come from the worker's cache at once, then the list is read again and the
// histories the cache lacks are fetched a batch at a time, with progress.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as z from 'zod/mini';
import { resolvedWeeks } from '../core/escalation/resolved-weeks';
import {
  resolvedView,
  reviewFirstView,
  reviewRow,
  reviewView,
  type Reply,
  type ReplyError,
  type ResolvedView,
  type ReviewFirstView,
  type ReviewRow,
  type ReviewView,
} from '../messages';
import { isolated } from '../ui/bidi';
import { t } from '../ui/i18n';
import { call } from '../ui/rpc';
import { exactText } from '../ui/time-text';
import { ReviewChart } from './ReviewChart';
import { ReviewTable } from './ReviewTable';
import { ResolvedWeeks } from './ResolvedWeeks';
import { FIRST_ROWS } from './use-progressive';
import {
  NO_FILTERS,
  filterChoices,
  matchesFilters,
  resolvedCsv,
  resolvedRemarkup,
  reviewCsv,
  reviewRemarkup,
  taggedRow,
  visibleRows,
  type Filters,
  type Sort,
} from './review-model';

const BATCH = 10;

/**
 * The page's opening request: the instances and the first screenful of one, from the worker's cache, in
 * one round trip. main.tsx sends it before the first render, so the worker reads while the page draws.
 */
export function askFirstScreen(instance: string | null): Promise<Reply<ReviewFirstView>> {
  return call(
    instance
      ? { type: 'review/first', instance, first: FIRST_ROWS }
      : { type: 'review/first', first: FIRST_ROWS },
    reviewFirstView,
  );
}

type Load<T> = { kind: 'loading' } | { kind: 'failed'; error: ReplyError } | { kind: 'ready'; view: T };

export function mergeRows(rows: readonly ReviewRow[], more: readonly ReviewRow[]): ReviewRow[] {
  const byId = new Map(rows.map((r) => [r.task.id, r]));
  for (const row of more) byId.set(row.task.id, row);
  return [...byId.values()];
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ReviewPage({
  initialInstance,
  opening,
}: {
  initialInstance: string | null;
  /** The opening request, when already sent (see askFirstScreen). */
  opening?: Promise<Reply<ReviewFirstView>>;
}) {
  const [instances, setInstances] = useState<Load<string[]>>({ kind: 'loading' });
  const [instance, setInstance] = useState<string | null>(null);
  const [open, setOpen] = useState<Load<ReviewView>>({ kind: 'loading' });
  const [refreshError, setRefreshError] = useState<ReplyError | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [tab, setTab] = useState<'open' | 'resolved'>('open');
  const [resolved, setResolved] = useState<Load<ResolvedView> | null>(null);
  const [resolvedProgress, setResolvedProgress] = useState<{ done: number; total: number } | null>(null);
  // A batch of histories that failed: the weeks already shown stay, with the reason and Retry.
  const [resolvedError, setResolvedError] = useState<ReplyError | null>(null);
  const [sort, setSort] = useState<Sort>({ key: 'age', descending: true });
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [status, setStatus] = useState('');
  const [manualCopy, setManualCopy] = useState<string | null>(null);
  // Retry takes its error, and the button itself, away: the keyboard's focus goes to the heading of what
  // is read again (by id: the page's title is only drawn again once the instances are known).
  const focusHeading = useRef<string | null>(null);
  useLayoutEffect(() => {
    const id = focusHeading.current;
    const heading = id === null ? null : document.getElementById(id);
    if (!heading) return;
    focusHeading.current = null;
    heading.focus();
  });
  /** A failed read, announced, with its Retry (which sends the focus to `heading`). */
  const errorWithRetry = (message: string, heading: string, retry: () => void) => (
    <p class="error" role="alert">
      {message}{' '}
      <button
        type="button"
        class="st-button"
        onClick={() => {
          focusHeading.current = heading;
          retry();
        }}
      >
        {t('review_retry')}
      </button>
    </p>
  );
  // Set by a filter choice: the new count is written to the status region once, rather than the summary
  // line being a live region that would also speak at every batch of histories read.
  const filterChanged = useRef(false);
  // The instance shown now: a reply for the one before (the user switched meanwhile) is dropped.
  const shownInstance = useRef<string | null>(null);
  shownInstance.current = instance;

  // What the opening request brought for its instance: the open view below starts from it, not asking again.
  const firstScreen = useRef<{ instance: string; view: ReviewView | null } | null>(null);

  // The opening request again, after it failed (Retry): from the worker, not the promise that failed.
  const [openingAttempt, setOpeningAttempt] = useState(0);
  useEffect(() => {
    const asked = openingAttempt === 0 && opening ? opening : askFirstScreen(initialInstance);
    void asked.then((reply) => {
      if (!reply.ok) return setInstances({ kind: 'failed', error: reply.error });
      const { instances: urls, instance: chosen, view: first } = reply.data;
      firstScreen.current = chosen === null ? null : { instance: chosen, view: first };
      setInstances({ kind: 'ready', view: urls });
      if (first && (first.rows.length > 0 || first.pending.length > 0))
        setOpen({ kind: 'ready', view: first });
      setInstance(chosen);
    });
  }, [openingAttempt]);

  useEffect(() => {
    if (instance === null) return;
    let cancelled = false;
    const opened = firstScreen.current?.instance === instance ? firstScreen.current : null;
    firstScreen.current = null;
    if (!opened) setOpen({ kind: 'loading' });
    setRefreshError(null);
    setProgress(null);
    setResolved(null);
    setResolvedProgress(null);
    setResolvedError(null);
    setFilters(NO_FILTERS);
    void (async () => {
      // The first screenful from the cache, then everything from Phabricator; if Phabricator cannot be
      // reached, everything the cache holds.
      let shown: ReviewView | null = null;
      const cached = opened
        ? opened.view
        : await call({ type: 'review/open', instance, refresh: false, first: FIRST_ROWS }, reviewView).then(
            (reply) => (reply.ok ? reply.data : null),
          );
      if (cancelled) return;
      if (cached && (cached.rows.length > 0 || cached.pending.length > 0)) {
        shown = cached;
        // The opening request's screen is on the page already.
        if (!opened) setOpen({ kind: 'ready', view: shown });
      }
      const fresh = await call({ type: 'review/open', instance, refresh: true }, reviewView);
      if (cancelled) return;
      if (!fresh.ok) {
        const all = shown ? await call({ type: 'review/open', instance, refresh: false }, reviewView) : null;
        if (cancelled) return;
        if (all?.ok) setOpen({ kind: 'ready', view: all.data });
        if (shown) setRefreshError(fresh.error);
        else setOpen({ kind: 'failed', error: fresh.error });
        return;
      }
      let view = fresh.data;
      // A row already shown whose task changed since is pending again: it stays (as it was) until its
      // batch replaces it, and those batches come first, rather than vanishing while the rest is read.
      const waiting = new Set(view.pending);
      const kept = (shown?.rows ?? []).filter((row) => waiting.has(row.task.id));
      const keptIds = new Set(kept.map((row) => row.task.id));
      // Counted once: as a row shown, not also as one still to read.
      if (kept.length > 0)
        view = {
          ...view,
          rows: mergeRows(kept, view.rows),
          pending: view.pending.filter((id) => !keptIds.has(id)),
        };
      setOpen({ kind: 'ready', view });
      const pending = [...keptIds, ...view.pending.filter((id) => !keptIds.has(id))];
      if (pending.length === 0) return;
      setProgress({ done: 0, total: pending.length });
      for (let i = 0; i < pending.length; i += BATCH) {
        const ids = pending.slice(i, i + BATCH);
        const more = await call({ type: 'review/fetch', instance, ids }, z.array(reviewRow));
        if (cancelled) return;
        if (!more.ok) {
          setRefreshError(more.error);
          setProgress(null);
          return;
        }
        view = {
          ...view,
          rows: mergeRows(view.rows, more.data),
          pending: pending.slice(i + BATCH).filter((id) => !keptIds.has(id)),
        };
        setOpen({ kind: 'ready', view });
        setProgress({ done: Math.min(pending.length, i + BATCH), total: pending.length });
      }
      setProgress(null);
    })();
    return () => {
      cancelled = true;
    };
  }, [instance, attempt]);

  useEffect(() => {
    if (tab !== 'resolved' || instance === null || resolved !== null) return;
    setResolved({ kind: 'loading' });
    void (async () => {
      // The list and what the cache holds first, then the missing histories a batch per request, as
      // the open view does: a quarter of closed UBN!s is dozens of reads.
      const stale = () => shownInstance.current !== instance;
      const listed = await call({ type: 'review/resolved', instance }, resolvedView);
      if (stale()) return;
      if (!listed.ok) return setResolved({ kind: 'failed', error: listed.error });
      let view = listed.data;
      const pending = view.pending;
      setResolved({ kind: 'ready', view });
      if (pending.length === 0) return;
      setResolvedProgress({ done: 0, total: pending.length });
      for (let i = 0; i < pending.length; i += BATCH) {
        const ids = pending.slice(i, i + BATCH);
        const more = await call({ type: 'review/resolved', instance, ids }, resolvedView);
        if (stale()) return;
        if (!more.ok) {
          setResolvedProgress(null);
          return setResolvedError(more.error);
        }
        const tasks = [...view.tasks, ...more.data.tasks].sort((a, b) => b.resolvedAt - a.resolvedAt);
        view = { ...view, tasks, pending: pending.slice(i + BATCH) };
        setResolved({ kind: 'ready', view });
        setResolvedProgress({ done: Math.min(pending.length, i + BATCH), total: pending.length });
      }
      setResolvedProgress(null);
    })();
  }, [tab, instance, resolved]);

  const view = open.kind === 'ready' ? open.view : null;
  const rows = useMemo(
    () => (view ? visibleRows(view.rows, filters, sort, view.now) : []),
    [view, filters, sort],
  );
  const resolvedReady = resolved?.kind === 'ready' ? resolved.view : null;
  const resolvedTasks = useMemo(
    () => resolvedReady?.tasks.filter((task) => matchesFilters(task, filters)) ?? [],
    [resolvedReady, filters],
  );
  // The medians come from the core's weekly function alone, over the tasks the filters keep.
  const weeks = useMemo(
    () => (resolvedReady ? resolvedWeeks(resolvedTasks, resolvedReady.now, resolvedReady.weeks) : []),
    [resolvedReady, resolvedTasks],
  );
  const choices = useMemo(
    () =>
      tab === 'resolved'
        ? filterChoices(resolvedReady?.tasks ?? [])
        : filterChoices((view?.rows ?? []).map(taggedRow)),
    [tab, view, resolvedReady],
  );
  const shownProgress = tab === 'resolved' ? resolvedProgress : progress;
  // After a failed read, tasks still to read wait for Retry: "still being read" would be false.
  const openReadFailed = refreshError !== null;
  // A new identity only when the rows may have moved: the chart and table then start drawing again.
  const order = useMemo(() => ({}), [sort, filters, instance]);

  const openSummary = view
    ? view.pending.length > 0
      ? // Tasks still to read are open UBN!s too: the total counts them.
        t(
          openReadFailed ? 'review_summary_unread' : 'review_summary_pending',
          rows.length,
          view.rows.length + view.pending.length,
          view.pending.length,
        )
      : t('review_summary', rows.length, view.rows.length)
    : '';
  const resolvedSummary = resolvedReady
    ? t('review_resolved_summary', resolvedTasks.length, resolvedReady.tasks.length)
    : '';
  // Before the paint, so the count is said with the table it describes, not a frame later.
  useLayoutEffect(() => {
    if (!filterChanged.current) return;
    filterChanged.current = false;
    setStatus(tab === 'resolved' ? resolvedSummary : openSummary);
  }, [filters]);

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setManualCopy(null);
      setStatus(t('review_copied'));
    } catch {
      // Without clipboard access the text is shown, selected, for the user to copy.
      setManualCopy(text);
      setStatus(t('review_copy_manually'));
    }
  };
  // Each view exports its own data, and only once it is all there: never the open table from the
  // resolved view, nor a sheet that leaves out tasks whose histories are still being read or could not
  // be read (after a failed read the list itself may be out of date: Retry first).
  const openComplete =
    view !== null && progress === null && view.pending.length === 0 && refreshError === null;
  const resolvedComplete =
    resolvedReady !== null &&
    resolvedProgress === null &&
    resolvedReady.pending.length === 0 &&
    resolvedError === null;
  const exportable =
    tab === 'resolved' ? (resolvedComplete ? resolvedReady : null) : openComplete ? view : null;
  const exportWait =
    exportable !== null
      ? null
      : tab === 'resolved'
        ? resolved?.kind === 'failed'
          ? t('review_export_failed')
          : resolvedError !== null
            ? t('review_export_incomplete')
            : t('review_export_wait_resolved')
        : open.kind === 'failed'
          ? t('review_export_failed')
          : refreshError !== null
            ? t('review_export_incomplete')
            : t('review_export_wait_open');
  // The file is named for when the view exported was read, not the other view (which may have failed).
  const day = exportable ? new Date(exportable.now * 1000).toISOString().slice(0, 10) : '';
  const exportCsv = () => {
    if (tab === 'resolved' && exportable !== null)
      download(`steward-ubn-resolved-${day}.csv`, resolvedCsv(weeks), 'text/csv;charset=utf-8');
    else if (tab === 'open' && exportable !== null)
      download(`steward-ubn-review-${day}.csv`, reviewCsv(rows, exportable.now), 'text/csv;charset=utf-8');
    else return;
    setStatus(t('review_downloaded'));
  };
  const exportRemarkup = () => {
    if (tab === 'resolved' && exportable !== null) void copy(resolvedRemarkup(weeks));
    else if (tab === 'open' && exportable !== null) void copy(reviewRemarkup(rows, exportable.now));
  };

  if (instances.kind === 'loading') return <main class="review" aria-busy="true" />;
  if (instances.kind === 'failed')
    return (
      <main class="review">
        <h1 id="review-title" tabIndex={-1}>
          {t('review_title')}
        </h1>
        {errorWithRetry(instances.error.message, 'review-title', () => {
          setInstances({ kind: 'loading' });
          setOpeningAttempt((n) => n + 1);
        })}
      </main>
    );
  if (instances.view.length === 0)
    return (
      <main class="review">
        <h1>{t('review_title')}</h1>
        <p class="empty">{t('review_not_configured')}</p>
        <button
          type="button"
          class="st-button st-button-primary"
          onClick={() => void call({ type: 'ui/open-options', section: 'instances' }, z.unknown())}
        >
          {t('review_open_options')}
        </button>
      </main>
    );

  const select = (label: string, value: string, values: string[], set: (v: string) => void, name: string) => (
    <label class="filter">
      {label}
      <select
        value={value}
        data-filter={name}
        onChange={(e) => {
          filterChanged.current = true;
          set((e.target as HTMLSelectElement).value);
        }}
      >
        <option value="">{t('review_filter_all')}</option>
        {/* A choice kept from the other view stays listed, so the select shows what filters. */}
        {(value === '' || values.includes(value) ? values : [value, ...values]).map((v) => (
          <option key={v} value={v}>
            {isolated(v)}
          </option>
        ))}
      </select>
    </label>
  );

  const filterControls = (
    <div class="filters">
      {select(
        t('review_filter_project'),
        filters.project,
        choices.projects,
        (project) => setFilters({ ...filters, project }),
        'project',
      )}
      {select(
        t('review_filter_component'),
        filters.component,
        choices.components,
        (component) => setFilters({ ...filters, component }),
        'component',
      )}
      {select(
        t('review_filter_team'),
        filters.team,
        choices.teams,
        (team) => setFilters({ ...filters, team }),
        'team',
      )}
    </div>
  );

  return (
    <main class="review">
      <header class="review-header">
        <h1 id="review-title" tabIndex={-1}>
          {t('review_title')}
        </h1>
        {instances.view.length > 1 ? (
          <label class="filter">
            {t('review_instance')}
            <select
              value={instance ?? ''}
              onChange={(e) => setInstance((e.target as HTMLSelectElement).value)}
            >
              {instances.view.map((url) => (
                <option key={url} value={url}>
                  {url}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p class="st-muted">{instance}</p>
        )}
        <div class="views" role="group" aria-label={t('review_views')}>
          <button
            type="button"
            class="st-button"
            aria-pressed={tab === 'open'}
            onClick={() => setTab('open')}
          >
            {t('review_tab_open')}
          </button>
          <button
            type="button"
            class="st-button"
            aria-pressed={tab === 'resolved'}
            onClick={() => setTab('resolved')}
          >
            {t('review_tab_resolved')}
          </button>
        </div>
        <div class="actions">
          <button
            type="button"
            class="st-button"
            data-action="csv"
            disabled={exportWait !== null}
            aria-describedby={exportWait !== null ? 'export-wait' : undefined}
            onClick={exportCsv}
          >
            {t('review_export_csv')}
          </button>
          <button
            type="button"
            class="st-button"
            data-action="remarkup"
            disabled={exportWait !== null}
            aria-describedby={exportWait !== null ? 'export-wait' : undefined}
            onClick={exportRemarkup}
          >
            {t('review_copy_remarkup')}
          </button>
          <button type="button" class="st-button" onClick={() => window.print()}>
            {t('review_print')}
          </button>
          {exportWait !== null && (
            <p id="export-wait" class="st-muted export-wait">
              {exportWait}
            </p>
          )}
        </div>
      </header>
      <p class="live" role="status" aria-live="polite">
        {status}
      </p>
      {manualCopy !== null && (
        <textarea
          class="manual-copy"
          readOnly
          aria-label={t('review_copy_manually')}
          value={manualCopy}
          ref={(el) => el?.select()}
        />
      )}
      {shownProgress && (
        <div class="progress" role="status">
          <label>
            {t(
              tab === 'resolved' ? 'review_resolved_progress' : 'review_progress',
              shownProgress.done,
              shownProgress.total,
            )}
            <progress value={shownProgress.done} max={shownProgress.total} />
          </label>
        </div>
      )}
      {refreshError &&
        errorWithRetry(
          t('review_refresh_failed', refreshError.message),
          tab === 'resolved' ? 'resolved-heading' : 'open-heading',
          () => {
            setAttempt((n) => n + 1);
          },
        )}
      {tab === 'open' ? (
        <section aria-labelledby="open-heading" aria-busy={open.kind === 'loading' || progress !== null}>
          <h2 id="open-heading" tabIndex={-1}>
            {t('review_open_heading')}
          </h2>
          {open.kind === 'loading' && <p class="loading">{t('review_loading')}</p>}
          {open.kind === 'failed' &&
            errorWithRetry(open.error.message, 'open-heading', () => {
              setAttempt((n) => n + 1);
            })}
          {view && (
            <>
              <p class="st-muted summary">
                {openSummary}
                {view.listedAt !== null && ` ${t('review_listed_at', exactText(view.listedAt))}`}
              </p>
              {view.rows.length === 0 && progress === null ? (
                // With tasks listed but not read, "none" would be false: the notice above says why.
                view.pending.length === 0 && refreshError === null && <p class="empty">{t('review_empty')}</p>
              ) : (
                <>
                  {filterControls}
                  <ReviewChart rows={rows} now={view.now} order={order} />
                  <ReviewTable rows={rows} now={view.now} sort={sort} onSort={setSort} order={order} />
                </>
              )}
            </>
          )}
        </section>
      ) : (
        <section
          aria-labelledby="resolved-heading"
          aria-busy={resolved?.kind === 'loading' || resolvedProgress !== null}
        >
          <h2 id="resolved-heading" tabIndex={-1}>
            {t('review_resolved_heading')}
          </h2>
          {(resolved === null || resolved.kind === 'loading') && (
            <p class="loading">{t('review_loading_resolved')}</p>
          )}
          {resolved?.kind === 'failed' &&
            errorWithRetry(resolved.error.message, 'resolved-heading', () => {
              setResolved(null);
            })}
          {resolvedError &&
            errorWithRetry(t('review_refresh_failed', resolvedError.message), 'resolved-heading', () => {
              setResolvedError(null);
              setResolved(null);
            })}
          {resolvedReady && resolvedReady.tasks.length > 0 && filterControls}
          {resolvedReady &&
            (resolvedTasks.length > 0 ? (
              <ResolvedWeeks view={resolvedReady} weeks={weeks} tasks={resolvedTasks} />
            ) : resolvedReady.tasks.length > 0 ? (
              <p class="empty">{t('review_resolved_filtered')}</p>
            ) : (
              resolvedProgress === null &&
              resolvedReady.pending.length === 0 && <p class="empty">{t('review_resolved_empty')}</p>
            ))}
          {resolvedReady && resolvedError !== null && resolvedReady.pending.length > 0 && (
            <p class="st-muted summary">{t('review_resolved_unread', resolvedReady.pending.length)}</p>
          )}
        </section>
      )}
    </main>
  );
}
