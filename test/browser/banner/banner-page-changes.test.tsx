// Banners across page changes: Quicksand drawing a task from a page with no place for a banner (a task
// list), and an update that orphans the script of a banner already shown (its refresh says to reload).
import { afterEach, describe, expect, it } from 'vitest';
import { t14, t8 } from '../../fixtures/contexts/task-contexts';
import { quicksandNodes, quicksandT8, loadIntoFrame } from '../page/fixtures';
import { answering, ok, runBanner, textOf, waitFor, type Running } from './harness';
import { startBanner, HOST_ID, type BannerHandle } from '../../../src/content/boot';
import { ask, onTaskChanged } from '../../../src/content/messaging';
import { BANNER_STYLESHEET } from '../../../src/content/banner-stylesheet';
import { SEEDED_AT } from '../../fixtures/contexts/task-contexts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let running: Running | null = null;
let handle: BannerHandle | null = null;
let frame: HTMLIFrameElement | null = null;
const scope = globalThis as { browser?: unknown };
afterEach(() => {
  running?.stop();
  running = null;
  handle?.stop();
  handle = null;
  frame?.remove();
  frame = null;
  delete scope.browser;
});

describe('Quicksand from a list page (no place for a banner) to a task', () => {
  it('shows the banner once the task page arrives, even if <head> changed while the reply was on its way', async () => {
    const r = (running = await runBanner('maniphest.alice.html', '/maniphest/', (request) =>
      request.type === 'task/context' && request.taskId === 8 ? ok(t8()) : answering(t14())(request),
    ));
    await sleep(100);
    expect(r.host()).toBeNull();
    // The click on T8 in the list: Quicksand pushes /T8 at once...
    r.win.history.pushState(1, '', '/T8');
    // ...and before the reply is drawn something touches <head>: a chat count in the title
    // (JX.Title.setCount), or a Celerity resource the task page needs being added.
    r.doc.title = `(1) ${r.doc.title}`;
    await sleep(250);
    // The reply arrives and Quicksand swaps the page body.
    const payload = quicksandT8();
    r.doc
      .getElementById('phabricator-standard-page-body')!
      .replaceChildren(...quicksandNodes(r.doc, payload.content));
    r.doc.title = payload.title;
    await waitFor(() => r.requests.some((q) => q.type === 'task/context' && q.taskId === 8));
    await r.until('ready');
    expect(r.banner().dataset.variant).toBe('closed');
  });
});

describe('orphaned content script under a banner that was already shown', () => {
  it('a failed refresh after an extension update says to reload, not Retry that can never work', async () => {
    let orphan = false;
    let sends = 0;
    scope.browser = {
      runtime: {
        async sendMessage(request: { type: string; taskId?: number }) {
          sends += 1;
          if (orphan) throw new Error('Extension context invalidated.');
          if (request.type === 'task/context') return ok(t14());
          if (request.type === 'task/watch') return ok({ watched: true });
          return ok({});
        },
        getURL: (path: string) => `chrome-extension://invalid/${path}`,
        onMessage: { addListener() {}, removeListener() {} },
      },
    };
    frame = await loadIntoFrame('task-T14.alice.html', '/T14');
    const doc = frame.contentDocument!;
    handle = startBanner(frame.contentWindow!, {
      ask,
      onTaskChanged,
      assignFrameUrl: () => 'about:blank',
      stylesheet: { text: BANNER_STYLESHEET, url: '' },
      now: () => SEEDED_AT,
    });
    const banner = () =>
      doc.getElementById(HOST_ID)?.shadowRoot?.querySelector<HTMLElement>('[data-steward="banner"]') ?? null;
    await waitFor(() => banner()?.dataset.state === 'ready');
    // The extension is updated while the tab stays open; then the page redraws around the banner (a
    // comment posted), which makes the banner refresh.
    orphan = true;
    const before = sends;
    doc.getElementById(HOST_ID)!.remove();
    await waitFor(() => sends > before && doc.getElementById(HOST_ID) !== null);
    await waitFor(() => /Could not refresh|reload/i.test(textOf(banner()!)));
    const buttons = Array.from(banner()!.querySelectorAll('button')).map(textOf);
    expect(textOf(banner()!)).toContain('Steward was updated: reload this page.');
    expect(buttons).toContain('Reload');
    expect(buttons).not.toContain('Retry');
  });
});
