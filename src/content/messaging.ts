// The content script's only channel to the worker. Replies are parsed as strictly as requests: a worker
// from an older version (after an update) or a broken reply must not crash the page's banner.
import browser from 'webextension-polyfill';
import type * as z from 'zod/mini';
import { contextChangedEvent, receiveReply, type ContentRequest, type Reply } from '../messages';

export function ask<T extends z.core.$ZodType>(request: ContentRequest, data: T): Promise<Reply<z.infer<T>>> {
  // "Extension context invalidated" after an update or reload: the page must be reloaded to reconnect.
  return receiveReply(
    () => browser.runtime.sendMessage(request),
    data,
    'Steward could not reach its background',
  );
}

/**
 * Calls `listener` with the task id whenever the worker says a task changed (after an assign, a watch
 * from the popup, a poll). Anything else arriving on the channel is ignored. Returns the unsubscribe.
 */
export function onTaskChanged(listener: (taskId: number) => void): () => void {
  const handle = (message: unknown): undefined => {
    const parsed = contextChangedEvent.safeParse(message);
    if (parsed.success) listener(parsed.data.taskId);
    // Returning undefined: this listener never answers, so it must not hold the channel open.
    return undefined;
  };
  browser.runtime.onMessage.addListener(handle);
  return () => browser.runtime.onMessage.removeListener(handle);
}
