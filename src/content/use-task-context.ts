// Loads the task's context from the worker and keeps it current: again when the worker says the task
// changed, when the page redraws, or on Retry. A refresh keeps what is shown until the answer arrives,
// so the banner neither flickers nor re-announces itself.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isTaskContext } from '../message-checks';
import type { TaskContext } from '../messages';
import type { LoadState } from './banner-state';
import type { BannerDeps } from './deps';

export interface TaskContextControl {
  state: LoadState;
  /** Ask Phabricator again (not the cache), showing the loading state. */
  retry(): void;
  /** Ask again quietly, keeping the current content meanwhile. */
  refresh(): void;
  /** Apply a local change (after watch/unwatch) without asking again. */
  patch(change: (context: TaskContext) => TaskContext): void;
}

export function useTaskContext(taskId: number, deps: BannerDeps, signal: AbortSignal): TaskContextControl {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  // Only the newest request may change the state: an old answer arriving late is dropped.
  const sequence = useRef(0);

  const load = useCallback(
    async (refresh: boolean, quiet: boolean) => {
      const mine = ++sequence.current;
      if (!quiet) setState({ kind: 'loading' });
      const reply = await deps.ask<TaskContext>({
        type: 'task/context',
        taskId,
        ...(refresh ? { refresh: true } : {}),
      });
      if (signal.aborted || mine !== sequence.current) return;
      if (reply.ok && !isTaskContext(reply.data)) {
        setState({
          kind: 'failed',
          error: { kind: 'internal', message: 'Steward received a reply it does not understand.' },
        });
        return;
      }
      if (reply.ok) {
        setState({
          kind: 'ready',
          context: reply.data,
          refreshError: null,
          skew: reply.data.fetchedAt - deps.now(),
        });
        return;
      }
      setState((previous) =>
        quiet && previous.kind === 'ready'
          ? { ...previous, refreshError: reply.error }
          : { kind: 'failed', error: reply.error },
      );
    },
    [taskId, deps, signal],
  );

  useEffect(() => {
    void load(false, false);
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
    refresh: () => void load(false, true),
    patch: (change) =>
      setState((previous) =>
        previous.kind === 'ready' ? { ...previous, context: change(previous.context) } : previous,
      ),
  };
}
