import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { HOST_ATTRIBUTE, mountHost } from '../../../src/phabricator/page/insertion';
import { watchNavigation } from '../../../src/phabricator/page/navigation';
import type { PageChange } from '../../../src/phabricator/page/navigation';
import { readTaskPage } from '../../../src/phabricator/page/task-page';
import { loadIntoFrame, quicksandNodes, quicksandT8 } from './fixtures';

const ID = 'steward-banner';
const DEBOUNCE_MS = 30;
/** Comfortably longer than the debounce, so "no further callback" means something. */
const SETTLE_MS = 150;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Seen {
  readonly path: string;
  readonly change: PageChange;
}

let frame: HTMLIFrameElement;
let win: Window;
let doc: Document;
let controller: AbortController;
let seen: Seen[];

function watch(): void {
  watchNavigation(
    win,
    (url, change) => seen.push({ path: url.pathname + url.search + url.hash, change }),
    controller.signal,
    { debounceMs: DEBOUNCE_MS },
  );
}

/** What Quicksand does for a click to /T8 (README §7): pushState, swap the frame, set the title. */
function quicksandToT8(): void {
  const payload = quicksandT8();
  win.history.pushState(1, '', '/T8');
  const body = doc.getElementById('phabricator-standard-page-body')!;
  // Three childList mutations were observed live; replaceChildren then two appends gives three too.
  const nodes = quicksandNodes(doc, payload.content);
  body.replaceChildren(nodes[0]!);
  body.append(...nodes.slice(1, -1));
  body.append(nodes[nodes.length - 1]!);
  doc.title = payload.title;
}

function hostCount(): number {
  return doc.querySelectorAll(`[${HOST_ATTRIBUTE}]`).length;
}

beforeEach(async () => {
  frame = await loadIntoFrame('task-T14.alice.html', '/T14');
  win = frame.contentWindow!;
  doc = frame.contentDocument!;
  controller = new AbortController();
  seen = [];
});

afterEach(() => {
  controller.abort();
  frame.remove();
});

describe('watchNavigation', () => {
  test('a Quicksand navigation gives one callback, after which the banner re-mounts on the new task', async () => {
    watch();
    const first = mountHost(doc, ID)!;
    quicksandToT8();
    await sleep(SETTLE_MS);

    expect(seen).toEqual([{ path: '/T8', change: 'navigation' }]);
    expect(first.host.isConnected).toBe(false);
    const again = mountHost(doc, ID)!;
    expect(again.host).toBe(first.host);
    expect(again.host.isConnected).toBe(true);
    expect(hostCount()).toBe(1);
    const page = readTaskPage(doc)!;
    expect(page.id).toBe(8);
    expect(page.closed).toBe(true);
    expect(again.host.previousElementSibling?.textContent).toContain(page.title);
    // Re-mounting is not itself a navigation or a redraw.
    await sleep(SETTLE_MS);
    expect(seen).toHaveLength(1);
  });

  test('the back button (Quicksand redraws from cache, then popstate) gives one callback', async () => {
    watch();
    quicksandToT8();
    await sleep(SETTLE_MS);
    seen.length = 0;

    const popped = new Promise((resolve) => win.addEventListener('popstate', resolve, { once: true }));
    win.history.back();
    await popped;
    doc.title = '⚓ T14 Global login fails with "Session hijacking attempt" error on all wikis';
    await sleep(SETTLE_MS);
    expect(seen).toEqual([{ path: '/T14', change: 'navigation' }]);
  });

  test('popstate alone (history moved, no DOM change yet) is noticed', async () => {
    watch();
    quicksandToT8();
    await sleep(SETTLE_MS);
    seen.length = 0;
    const popped = new Promise((resolve) => win.addEventListener('popstate', resolve, { once: true }));
    win.history.back();
    await popped;
    await sleep(SETTLE_MS);
    expect(seen).toEqual([{ path: '/T14', change: 'navigation' }]);
  });

  test('a redraw that removes the banner asks for a re-mount on the same address', async () => {
    watch();
    const first = mountHost(doc, ID)!;
    // A comment post redraws part of the page: the header is replaced by fresh markup.
    const header = doc.querySelector('.phui-two-column-header')!;
    const fresh = header.cloneNode(true) as Element;
    fresh.querySelector(`[${HOST_ATTRIBUTE}]`)?.remove();
    header.replaceWith(fresh);
    await sleep(SETTLE_MS);

    expect(seen).toEqual([{ path: '/T14', change: 'redraw' }]);
    const again = mountHost(doc, ID)!;
    expect(again.host).toBe(first.host);
    expect(hostCount()).toBe(1);
  });

  test('timeline updates, an anchor and a title change alone are not navigations', async () => {
    watch();
    mountHost(doc, ID);
    const timeline = doc.querySelector('.phui-timeline-view')!;
    timeline.append(doc.createElement('div'));
    timeline.lastElementChild!.remove();
    win.history.pushState(null, '', '/T14#155');
    doc.title = '(1) ⚓ T14 Global login fails';
    await sleep(SETTLE_MS);
    expect(seen).toEqual([]);
  });

  test('a change of query string on the same task is a navigation', async () => {
    watch();
    win.history.pushState(null, '', '/T14?workflow=1');
    doc.title = '⚓ T14 again';
    await sleep(SETTLE_MS);
    expect(seen).toEqual([{ path: '/T14?workflow=1', change: 'navigation' }]);
  });

  test('after the signal aborts nothing is reported and nothing is observed', async () => {
    watch();
    mountHost(doc, ID);
    controller.abort();
    quicksandToT8();
    await sleep(SETTLE_MS);
    expect(seen).toEqual([]);
  });

  test('aborting between the swap and the debounce drops the pending callback', async () => {
    watch();
    quicksandToT8();
    await sleep(1);
    controller.abort();
    await sleep(SETTLE_MS);
    expect(seen).toEqual([]);
  });

  test('an already aborted signal installs nothing', async () => {
    controller.abort();
    watch();
    quicksandToT8();
    await sleep(SETTLE_MS);
    expect(seen).toEqual([]);
  });

  test('two navigations in a row give two callbacks, each with its own address', async () => {
    watch();
    quicksandToT8();
    await sleep(SETTLE_MS);
    win.history.pushState(2, '', '/T14');
    const body = doc.getElementById('phabricator-standard-page-body')!;
    body.replaceChildren(doc.createElement('div'));
    doc.title = '⚓ T14';
    await sleep(SETTLE_MS);
    expect(seen).toEqual([
      { path: '/T8', change: 'navigation' },
      { path: '/T14', change: 'navigation' },
    ]);
  });
});
