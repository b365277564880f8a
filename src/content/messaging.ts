// The content script's only channel to the worker. The worker validates every request; its replies are
// trusted but still checked for their envelope: "Extension context invalidated" after an update, or a
// reply that is not one, becomes an error the banner shows instead of a crash.
import { asReply, changedTaskId } from '../message-checks';
import type { ContentRequest, Reply } from '../messages';
import { runtime } from './runtime';

/** A reply that is not one, or whose data is not what the request asks for. */
export const UNREADABLE = {
  kind: 'internal',
  message: 'Steward received a reply it does not understand.',
} as const;

/**
 * Steward was updated under an open page: Chrome leaves this copy of the script running, its runtime gone
 * for good, and every call throws "Extension context invalidated.". No retry can reach the new worker;
 * only reloading the page brings the new script (StateNotice says so).
 */
export const ORPHANED = { kind: 'internal', message: 'Extension context invalidated.' } as const;

export async function ask<T>(request: ContentRequest): Promise<Reply<T>> {
  let raw: unknown;
  try {
    raw = await runtime().sendMessage(request);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/invalidated/.test(message)) return { ok: false, error: ORPHANED };
    return {
      ok: false,
      error: {
        kind: 'internal',
        message: `Steward could not reach its background: ${message}`,
        retryable: true,
      },
    };
  }
  return asReply<T>(raw) ?? { ok: false, error: UNREADABLE };
}

/**
 * Calls `listener` with the task id whenever the worker says a task changed (after an assign, a watch
 * from the popup, a poll). Anything else arriving on the channel is ignored. Returns the unsubscribe.
 */
export function onTaskChanged(listener: (taskId: number) => void): () => void {
  const handle = (message: unknown): undefined => {
    const taskId = changedTaskId(message);
    if (taskId !== null) listener(taskId);
    // Returning undefined: this listener never answers, so it must not hold the channel open.
    return undefined;
  };
  runtime().onMessage.addListener(handle);
  return () => runtime().onMessage.removeListener(handle);
}
