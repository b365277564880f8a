// The extension runtime as the content script uses it, read from the global both browsers provide
// (`browser` in Firefox, `chrome` in Chrome: both return promises in Manifest V3), so the page's bundle
// carries no polyfill.
type Listener = (message: unknown) => undefined;

export interface ContentRuntime {
  sendMessage(message: unknown): Promise<unknown>;
  getURL(path: string): string;
  onMessage: { addListener(listener: Listener): void; removeListener(listener: Listener): void };
}

export function runtime(): ContentRuntime {
  const scope = globalThis as {
    browser?: { runtime?: ContentRuntime };
    chrome?: { runtime?: ContentRuntime };
  };
  const found = scope.browser?.runtime ?? scope.chrome?.runtime;
  if (!found) throw new Error('Steward could not reach its background: no extension runtime here.');
  return found;
}
