// Who sent a message decides what it may ask for (trust routing).
import type { Runtime } from 'webextension-polyfill';

export type SenderTrust =
  /**
   * framedIn: null for a page of its own (popup, options, a tab); otherwise the origin of the web page
   * that frames it (the assign frame inside a banner), or 'unknown' when the browser does not say.
   */
  | { kind: 'extension-page'; url: string; framedIn: string | null }
  | { kind: 'content-script'; tabId: number; origin: string; url: string };

/**
 * Classifies a sender, or returns null for anything that is neither this extension's own pages nor its
 * content scripts (other extensions, web pages, frames we did not inject into).
 */
export function classifySender(
  sender: Runtime.MessageSender,
  extensionId: string,
  extensionBaseUrl: string,
): SenderTrust | null {
  if (sender.id !== extensionId) return null;
  const url = sender.url ?? '';
  if (url.startsWith(extensionBaseUrl)) {
    // A popup or options page opened as a tab has the extension's URL in its tab too; a frame inside a
    // web page has that page's URL there.
    const tabUrl = sender.tab?.url;
    if (sender.tab === undefined || (tabUrl !== undefined && tabUrl.startsWith(extensionBaseUrl))) {
      return { kind: 'extension-page', url, framedIn: null };
    }
    return { kind: 'extension-page', url, framedIn: originOf(tabUrl) ?? 'unknown' };
  }
  if (sender.tab?.id === undefined || sender.frameId !== 0) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return { kind: 'content-script', tabId: sender.tab.id, origin: parsed.origin, url };
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Whether a sender may act on an instance. Framed extension pages (the assign frame) may act only for the
 * page that frames them, so a hostile site framing the picker cannot post to the user's Phabricator.
 */
export function mayActOn(sender: SenderTrust, instance: string): boolean {
  if (sender.kind === 'content-script') return sender.origin === instance;
  return isTopLevelPage(sender) || sender.framedIn === instance;
}

// The pages a user opens from the toolbar or the add-ons manager. The assign picker is not one of them:
// it is web-accessible (so the banner can frame it), so a web page could open it too. The review page
// has a trust set of its own (isReviewPage): it only reads.
const FULL_TRUST_PAGES = ['popup/', 'options/'];

/** Settings, tokens and the watchlist: only the popup and options page, not framed. */
export function isTopLevelPage(sender: SenderTrust): boolean {
  if (sender.kind !== 'extension-page' || sender.framedIn !== null) return false;
  const path = new URL(sender.url).pathname.replace(/^\//, '');
  return FULL_TRUST_PAGES.some((prefix) => path.startsWith(prefix));
}

/** The UBN! review page in a tab of its own (not framed): it may read, never change settings or tokens. */
export function isReviewPage(sender: SenderTrust): boolean {
  if (sender.kind !== 'extension-page' || sender.framedIn !== null) return false;
  return new URL(sender.url).pathname.replace(/^\//, '').startsWith('review/');
}

/** The task a content script's page shows (`/T123`, with any query or anchor), or null. */
export function pageTaskId(sender: SenderTrust): number | null {
  if (sender.kind !== 'content-script') return null;
  const match = /^\/T([1-9]\d*)$/.exec(new URL(sender.url).pathname);
  return match ? Number(match[1]) : null;
}
