// Finds the task page, mounts the one banner host below the task header, and keeps it there across
// Quicksand navigations and redraws. Each navigation gets its own AbortSignal: answers for the page
// the user left are dropped.
import { render } from 'preact';
import { mountHost, type MountedHost } from '../phabricator/page/insertion';
import { watchNavigation, type PageChange } from '../phabricator/page/navigation';
import { readPageFacts } from '../phabricator/page/page-facts';
import { readTaskHeader, pageTaskId } from '../phabricator/page/task-page';
import { taskIdFromUrl } from '../shared/task-address';
import { readPageTheme } from '../phabricator/page/theme';
import { safeHref } from '../shared/safe-href';
import { BannerApp } from './BannerApp';
import type { BannerDeps } from './deps';
import type { EarlyAnswer } from './use-task-context';

export const HOST_ID = 'steward-banner-host';

export interface BannerHandle {
  /** Removes the banner and stops watching the page. */
  stop(): void;
}

/**
 * A guess from the page's own header, only to size the loading placeholder. The page shows the priority
 * by name and colour (pink is Phorge's Unbreak Now! colour); the worker's answer decides what is shown.
 */
function expectedVariant(doc: Document): 'ubn' | 'compact' {
  try {
    const page = readTaskHeader(doc);
    if (page === null || page.closed) return 'compact';
    return page.priorityName === 'Unbreak Now!' || page.priorityColor === 'pink' ? 'ubn' : 'compact';
  } catch {
    return 'compact';
  }
}

function loginUrl(url: URL): string {
  const next = encodeURIComponent(url.pathname + url.search);
  return safeHref(`${url.origin}/auth/start/?next=${next}`) ?? `${url.origin}/`;
}

export function startBanner(win: Window, deps: BannerDeps): BannerHandle {
  const doc = win.document;
  const life = new AbortController();
  let navigation: AbortController | null = null;
  let host: MountedHost | null = null;
  let shownTask: number | null = null;
  let redraws = 0;
  // One function for the banner's life (a new one would make it ask again); it reads the page as it is now.
  const readPage = () => readPageFacts(doc);
  // Injected before the page is parsed: the worker wakes and reads its cache for the task meanwhile, so
  // the banner can be whole at DOMContentLoaded when the page turns out to show nothing newer.
  const earlyTask = doc.readyState === 'loading' ? taskIdFromUrl(new URL(win.location.href)) : null;
  let early: EarlyAnswer | null = null;
  if (earlyTask !== null) {
    const asked: EarlyAnswer = {
      taskId: earlyTask,
      reply: deps.ask({ type: 'task/cached', taskId: earlyTask }),
      arrived: null,
    };
    void asked.reply.then((reply) => (asked.arrived = reply));
    early = asked;
  }

  // `keepHost`: an empty host stays in the page, so that Quicksand's swap, taking it away, brings show back.
  const hide = (keepHost?: boolean) => {
    navigation?.abort();
    navigation = null;
    shownTask = null;
    if (host === null) return;
    render(null, host.shadow);
    if (keepHost) return;
    host.host.remove();
    host = null;
  };

  const show = (url: URL, change: PageChange | 'initial') => {
    const taskId = taskIdFromUrl(url);
    // "You Shall Not Pass", the login page and error pages live at /T123 too but have no task header.
    const inPlace = host?.host.isConnected;
    const mounted = taskId === null ? null : mountHost(doc, HOST_ID);
    if (taskId === null || mounted === null) {
      hide();
      return;
    }
    // The page body changed around a banner still in place: nothing to draw again.
    if (change === 'redraw' && inPlace && taskId === shownTask) return;
    host = mounted;
    // Quicksand moves the address at the click and swaps the page only when the server answers; a title
    // change meanwhile (a chat count) or Back and Forward bring us here with the old page on screen. Its
    // facts are not the new task's: ask nothing, and keep only a banner that is about the page shown.
    const onScreen = pageTaskId(doc);
    if (onScreen !== taskId) {
      if (onScreen !== shownTask) hide(true);
      return;
    }
    if (change === 'redraw' && taskId === shownTask && navigation !== null) {
      redraws += 1;
    } else {
      navigation?.abort();
      navigation = new AbortController();
      redraws = 0;
    }
    shownTask = taskId;
    // The early answer belongs to the first banner of the task it was asked for, and to no other.
    const cached = early?.taskId === taskId && change === 'initial' ? early : null;
    early = null;
    render(
      <BannerApp
        taskId={taskId}
        deps={deps}
        theme={readPageTheme(doc).scheme}
        signal={navigation.signal}
        redraws={redraws}
        loginUrl={loginUrl(url)}
        expected={expectedVariant(doc)}
        readPage={readPage}
        early={cached}
      />,
      host.shadow,
    );
  };

  const begin = () => {
    if (life.signal.aborted) return;
    show(new URL(win.location.href), 'initial');
    watchNavigation(win, show, life.signal);
  };
  // Injected before the page is parsed (document_start): the task header exists from DOMContentLoaded on.
  if (doc.readyState === 'loading')
    doc.addEventListener('DOMContentLoaded', begin, { once: true, signal: life.signal });
  else begin();
  return {
    stop() {
      life.abort();
      hide();
    },
  };
}
