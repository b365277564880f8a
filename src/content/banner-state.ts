// The banner's states and the data-state values the end-to-end tests and the demo read.
import type { ReplyError, TaskContext } from '../messages';

export type LoadState =
  | { kind: 'loading' }
  | {
      kind: 'ready';
      context: TaskContext;
      refreshError: ReplyError | null;
      /** The worker's clock minus the page's, in seconds: ages are read on the worker's clock. */
      skew: number;
    }
  | { kind: 'failed'; error: ReplyError };

export type DataState =
  | 'loading'
  /** Shown from what needs no history; the escalation and process-owner lines are still being read. */
  | 'partial'
  | 'ready'
  | 'not-configured'
  | 'no-permission'
  | 'session-expired'
  | 'invalid-token'
  | 'error'
  | 'not-found';

export function dataStateOf(state: LoadState): DataState {
  if (state.kind === 'ready') return state.context.pending === 'history' ? 'partial' : 'ready';
  if (state.kind !== 'failed') return state.kind;
  switch (state.error.kind) {
    case 'not-configured':
    case 'no-permission':
    case 'session-expired':
    case 'invalid-token':
    case 'not-found':
      return state.error.kind;
    default:
      return 'error';
  }
}

/** ubn: open and UBN!; compact: open, another priority; closed: any closed task. */
export type Variant = 'ubn' | 'compact' | 'closed';

export function variantOf(context: TaskContext): Variant {
  if (context.task.status.closed) return 'closed';
  return context.task.isUbn ? 'ubn' : 'compact';
}
