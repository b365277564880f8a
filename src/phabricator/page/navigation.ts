import { HOST_ATTRIBUTE } from './insertion';
import { may } from './selectors';

/**
 * navigation: the address (path + query) changed without a page load (Quicksand, back/forward).
 * redraw: same address, but a Steward host was removed (part of the page was redrawn, for example
 * after a comment post), or the page body was swapped (Quicksand drew the page of an address the
 * watcher had reported already, from a page with no place for a banner), so the caller should show
 * the banner again.
 */
export type PageChange = 'navigation' | 'redraw';

export interface WatchOptions {
  /** Quiet time after the last signal before reporting; one navigation gives one callback. */
  readonly debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 80;

/**
 * Calls onChange once per Quicksand navigation or host-removing redraw until the signal aborts.
 *
 * A content script cannot hear Quicksand's own `quicksand-redraw` (a Javelin event in the page's
 * world) and `history.pushState` fires no event, so this watches what Quicksand does to the DOM:
 * it replaces the children of #phabricator-standard-page-body and sets document.title. The back
 * button adds a popstate. Signals that arrive together are merged; the address decides whether it
 * was a navigation, and anchors (#123) alone are not one.
 */
export function watchNavigation(
  win: Window,
  onChange: (url: URL, change: PageChange) => void,
  signal: AbortSignal,
  options: WatchOptions = {},
): void {
  if (signal.aborted) return;
  const doc = win.document;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  let lastKey = addressKey(win.location);
  let hostRemoved = false;
  let swapped = false;
  let timer: ReturnType<typeof win.setTimeout> | undefined;

  const flush = (): void => {
    timer = undefined;
    if (signal.aborted) return;
    const url = new URL(win.location.href);
    const key = addressKey(url);
    const redrawn = hostRemoved || swapped;
    hostRemoved = swapped = false;
    if (key !== lastKey) {
      lastKey = key;
      onChange(url, 'navigation');
    } else if (redrawn) onChange(url, 'redraw');
  };
  const schedule = (): void => {
    if (timer !== undefined) win.clearTimeout(timer);
    timer = win.setTimeout(flush, debounceMs);
  };

  const frame = may(doc, 'pageBody') ?? doc.body ?? doc.documentElement;
  const frameObserver = new MutationObserver((records) => {
    let relevant = false;
    for (const record of records) {
      if (record.target === frame) {
        relevant = true;
        // Our own host going in (a banner placed right in the page body) is no redraw of the page.
        swapped ||= [...record.addedNodes, ...record.removedNodes].some((n) => !isHost(n));
      }
      for (const node of record.removedNodes) {
        if (takesHostAway(node)) {
          hostRemoved = true;
          relevant = true;
        }
      }
    }
    if (relevant) schedule();
  });
  frameObserver.observe(frame, { childList: true, subtree: true });

  // The head rather than <title> itself: setting document.title on a page without one creates it.
  const titleObserver = new MutationObserver(schedule);
  if (doc.head !== null) {
    titleObserver.observe(doc.head, { childList: true, subtree: true, characterData: true });
  }

  win.addEventListener('popstate', schedule, { signal });

  signal.addEventListener(
    'abort',
    () => {
      frameObserver.disconnect();
      titleObserver.disconnect();
      if (timer !== undefined) win.clearTimeout(timer);
      timer = undefined;
    },
    { once: true },
  );
}

function addressKey(location: { pathname: string; search: string }): string {
  return location.pathname + location.search;
}

const isHost = (node: Node): boolean =>
  node.nodeType === Node.ELEMENT_NODE && (node as Element).hasAttribute(HOST_ATTRIBUTE);

/** A removed node that is, or holds, a Steward host that is now out of the document. */
function takesHostAway(node: Node): boolean {
  if (node.nodeType !== Node.ELEMENT_NODE) return false;
  const host = isHost(node) ? (node as Element) : (node as Element).querySelector(`[${HOST_ATTRIBUTE}]`);
  return host !== null && !host.isConnected;
}
