// The two WebExtension calls the popup and the review page make, without webextension-polyfill: Firefox's
// `browser` and Chrome's `chrome` (Manifest V3) both answer them with promises, and the polyfill is 29 KB
// these pages would otherwise fetch, compile and run at every open.
interface PageRuntime {
  sendMessage(message: unknown): Promise<unknown>;
  openOptionsPage(): Promise<void>;
}

function runtime(): PageRuntime {
  const scope = globalThis as { browser?: { runtime?: PageRuntime }; chrome?: { runtime?: PageRuntime } };
  const found = scope.browser?.runtime ?? scope.chrome?.runtime;
  if (!found) throw new Error('this is not an extension page');
  return found;
}

/**
 * Sends to the worker and resolves with its answer. A worker listener whose promise rejects answers, through
 * the polyfill the worker uses, with a marker object instead: that becomes a rejection here as well.
 */
export async function sendToWorker(message: unknown): Promise<unknown> {
  const reply = await runtime().sendMessage(message);
  if (typeof reply === 'object' && reply !== null && '__mozWebExtensionPolyfillReject__' in reply)
    throw new Error(String((reply as { message?: unknown }).message));
  return reply;
}

export function openOptionsPage(): Promise<void> {
  return runtime().openOptionsPage();
}
