// Loads the task's context from the worker and keeps it current: again when the worker says the task
// changed, when the page redraws, or on Retry. Each ask carries what the page shows (page-facts.ts), so
// the worker can answer from its cache at once; an answer that is not the whole story yet (`pending`) is
// followed by a settle request, whose answer replaces it in place. A refresh keeps what is shown until the
// answer arrives, so the banner neither flickers nor re-announces itself.
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isCachedAnswer, isTaskContext } from '../message-checks';
import { pageHeldBy } from '../shared/page-freshness';
import type { ContentRequest, PageFacts, Reply, TaskContext } from '../messages';
import type { LoadState } from './banner-state';
import type { BannerDeps } from './deps';
import { UNREADABLE } from './messaging';

export interface TaskContextControl {
  state: LoadState;
  /** Ask Phabricator again (not the cache), showing the loading state. */
  retry(): void;
  /** Ask Phabricator again, keeping what is shown (and saying so again if it still cannot answer). */
  recheck(): void;
  /** Ask again quietly, keeping the current content meanwhile. */
  refresh(): void;
  /** Apply a local change (after watch/unwatch) without asking again. */
  patch(change: (context: TaskContext) => TaskContext): void;
}

/** The task/cached ask made as the page started loading, for the task it was made for. */
export interface EarlyAnswer {
  taskId: number;
  reply: Promise<Reply<unknown>>;
  /** The reply once it has come: usually before DOMContentLoaded, so the first render can show it. */
  arrived: Reply<unknown> | null;
}

/** The cached context of an early reply, if the page shows nothing newer than the history it holds. */
function earlyContext(reply: Reply<unknown>, page: PageFacts | null): TaskContext | null {
  if (!reply.ok || !isCachedAnswer(reply.data)) return null;
  return pageHeldBy(page?.newestTransaction ?? null, reply.data.newestTransaction)
    ? reply.data.context
    : null;
}

/** The same facts, whenever they were computed (the worker stamps each answer with its clock). */
function sameContext(a: TaskContext, b: TaskContext): boolean {
  return JSON.stringify({ ...a, fetchedAt: 0 }) === JSON.stringify({ ...b, fetchedAt: 0 });
}

export function useTaskContext(
  taskId: number,
  deps: BannerDeps,
  signal: AbortSignal,
  readPage: () => PageFacts | null,
  early: EarlyAnswer | null = null,
): TaskContextControl {
  // The page as the first render found it, for the first ask (read once, not twice in one moment).
  const firstPage = useRef<PageFacts | null | undefined>(undefined);
  // Used by the first load only: a later one must never show what was cached before the page loaded.
  const earlyOnce = useRef(early?.reply ?? null);
  // An early answer already here is the first render itself: no placeholder drawn only to be replaced.
  const [state, setState] = useState<LoadState>(() => {
    if (early?.arrived == null) return { kind: 'loading' };
    const page = (firstPage.current = readPage());
    const context = earlyContext(early.arrived, page);
    if (context === null) return { kind: 'loading' };
    earlyOnce.current = null;
    return { kind: 'ready', context, refreshError: null, skew: context.fetchedAt - deps.now() };
  });
  const shownEarly = useRef(state.kind === 'ready');
  // Only the newest request may change the state: an old answer arriving late is dropped.
  const sequence = useRef(0);

  const load = useCallback(
    async (refresh: boolean, quiet: boolean) => {
      const mine = ++sequence.current;
      const current = () => !signal.aborted && mine === sequence.current;
      if (!quiet) setState({ kind: 'loading' });
      const page = firstPage.current === undefined ? readPage() : firstPage.current;
      firstPage.current = undefined;
      const request: ContentRequest = {
        type: 'task/context',
        taskId,
        ...(refresh ? { refresh: true } : {}),
        ...(page ? { page } : {}),
      };
      const show = (reply: Reply<TaskContext>) => {
        if (reply.ok && !isTaskContext(reply.data)) reply = { ok: false, error: UNREADABLE };
        if (reply.ok) {
          const context = reply.data;
          setState((previous) =>
            // A quiet refresh keeps the whole banner rather than going back to a partial one; an answer
            // that says what is shown already (the page's own ask after the early answer) changes nothing,
            // so the banner is not drawn again.
            (context.pending === 'history' && quiet && previous.kind === 'ready') ||
            (previous.kind === 'ready' &&
              previous.refreshError === null &&
              sameContext(previous.context, context))
              ? previous
              : { kind: 'ready', context, refreshError: null, skew: context.fetchedAt - deps.now() },
          );
          return;
        }
        const error = reply.error;
        // A banner keeps showing and says the refresh failed. A partial one too, still marked partial (never
        // shown as whole): the owners of its tags are what an outage needs most.
        setState((previous) =>
          previous.kind === 'ready'
            ? {
                ...previous,
                context: {
                  ...previous.context,
                  pending: previous.context.pending === 'history' ? 'history' : undefined,
                },
                refreshError: error,
              }
            : { kind: 'failed', error },
        );
      };
      const asked = deps.ask<TaskContext>(request);
      let answered = false;
      // The early answer stands until the page's own ask is answered, and only if the page shows nothing
      // newer than the history it was built from. Errors and "nothing cached" leave the placeholder.
      const cached = earlyOnce.current;
      earlyOnce.current = null;
      if (cached !== null && !refresh) {
        void cached.then((reply) => {
          const context = earlyContext(reply, page);
          if (!answered && current() && context !== null) show({ ok: true, data: context });
        });
      }
      const first = await asked;
      answered = true;
      if (!current()) return;
      show(first);
      // An answer marked with an outage is all there is: asking to settle would read Phabricator again.
      if (!first.ok || !isTaskContext(first.data) || first.data.pending === undefined || first.data.outage)
        return;
      const settled = await deps.ask<TaskContext>({ ...request, settle: true });
      if (current()) show(settled);
    },
    [taskId, deps, signal, readPage],
  );

  // A layout effect: the ask leaves with the first render, not a frame later (after paint), so the
  // worker's answer is on its way while the first frame is drawn.
  useLayoutEffect(() => {
    // Quiet when the first render showed the early answer: the page's own ask only confirms or updates it.
    void load(false, shownEarly.current);
    shownEarly.current = false;
    const unsubscribe = deps.onTaskChanged((changed) => {
      if (changed === taskId) void load(false, true);
    });
    const stop = () => unsubscribe();
    signal.addEventListener('abort', stop, { once: true });
    return () => {
      signal.removeEventListener('abort', stop);
      unsubscribe();
    };
  }, [load]);

  return {
    state,
    retry: () => void load(true, false),
    recheck: () => void load(true, true),
    refresh: () => void load(false, true),
    patch: (change) =>
      setState((previous) =>
        previous.kind === 'ready' ? { ...previous, context: change(previous.context) } : previous,
      ),
  };
}
