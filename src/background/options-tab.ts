// Opening the options page when asked. A task page's banner asks for it ("Open Steward options"), and
// whatever drives a page's content script (a renderer the page took over) can ask too, as often as it
// likes: a page must not get one tab per ask. For a while after opening the options for a page, a
// page's ask brings that tab forward instead of opening another.
import browser from 'webextension-polyfill';

/** How long after the options were opened for a page another page's ask brings that tab forward. */
const REUSE_MS = 60_000;

let openedForPage: { tabId: number; at: number } | null = null;

export async function openOptions(section: string | undefined, forPage: boolean): Promise<void> {
  if (forPage && openedForPage && Date.now() - openedForPage.at < REUSE_MS) {
    // The tab may be gone (closed): then a new one opens.
    const tab = await browser.tabs.update(openedForPage.tabId, { active: true }).catch(() => undefined);
    if (tab) {
      if (tab.windowId !== undefined)
        await browser.windows?.update(tab.windowId, { focused: true }).catch(() => undefined);
      return;
    }
  }
  const tab = await browser.tabs.create({
    url: browser.runtime.getURL(`options/options.html${section ? `#${section}` : ''}`),
  });
  openedForPage = forPage && tab.id !== undefined ? { tabId: tab.id, at: Date.now() } : openedForPage;
}
