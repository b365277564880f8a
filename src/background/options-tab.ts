// Opening the options page when asked. A task page's banner asks for it ("Open Steward options"), and
// whatever drives a page's content script (a renderer the page took over) can ask too, as often as it
// likes: a page must not get one tab per ask. For a while after opening the options for a page, a
// page's ask brings that tab forward instead of opening another, at the section it asks for.
import browser from 'webextension-polyfill';

/** How long after the options were opened for a page another page's ask brings that tab forward. */
const REUSE_MS = 60_000;

let openedForPage: { tabId: number; at: number } | null = null;

/** The tab opened for a page, if it is still open and (as far as the browser says) still the options. */
async function reusable(page: string): Promise<number | null> {
  if (!openedForPage || Date.now() - openedForPage.at >= REUSE_MS) return null;
  const tab = await browser.tabs.get(openedForPage.tabId).catch(() => null);
  // A tab the user took elsewhere is theirs now. Its address is unknown only without the permission to
  // see it, which an extension's own page does not need.
  if (!tab || (tab.url !== undefined && !tab.url.startsWith(page))) return null;
  return openedForPage.tabId;
}

export async function openOptions(section: string | undefined, forPage: boolean): Promise<void> {
  const page = browser.runtime.getURL('options/options.html');
  const url = `${page}${section ? `#${section}` : ''}`;
  const reuse = forPage ? await reusable(page) : null;
  if (reuse !== null) {
    // Only the section changes (the page follows its address's #): nothing typed there is lost.
    const tab = await browser.tabs
      .update(reuse, { active: true, ...(section ? { url } : {}) })
      .catch(() => undefined);
    if (tab) {
      if (tab.windowId !== undefined)
        await browser.windows?.update(tab.windowId, { focused: true }).catch(() => undefined);
      return;
    }
  }
  const tab = await browser.tabs.create({ url });
  openedForPage = forPage && tab.id !== undefined ? { tabId: tab.id, at: Date.now() } : openedForPage;
}
