// Who sent a message decides what it may ask for (trust routing).
import type { Runtime } from 'webextension-polyfill';

export type SenderTrust =
  | { kind: 'extension-page'; url: string }
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
  if (sender.tab === undefined && url.startsWith(extensionBaseUrl)) {
    return { kind: 'extension-page', url };
  }
  // A popup or options page opened as a tab still has the extension's URL: it is a page, not a content script.
  if (url.startsWith(extensionBaseUrl)) return { kind: 'extension-page', url };
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
