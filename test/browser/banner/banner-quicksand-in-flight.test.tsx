// The banner while a Quicksand navigation is in flight. Quicksand pushes the new address at once
// (JX.History.push in Quicksand._onclick) and swaps the page body only when the server's reply arrives
// (Quicksand._onresponse -> _draw). Anything that touches <head> or <title> meanwhile (JX.Title.setCount,
// which prefixes "(N) " for notification and chat counts and is live on every page where Quicksand is on,
// since Quicksand needs the persistent chat column), or Back and Forward, makes the watcher look at the
// page in between: the address names the next task, the page on screen is still the previous one.
import { afterEach, describe, expect, it } from 'vitest';
import { t14, t8 } from '../../fixtures/contexts/task-contexts';
import { quicksandNodes, quicksandT8 } from '../page/fixtures';
import { answering, ok, runBanner, textOf, waitFor, type Running } from './harness';

let running: Running | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const T14_PHID = 'PHID-TASK-';
/** The variant of the banner on screen, or null when there is none (hiding it meanwhile is fine too). */
const shownVariant = (r: Running) =>
  r.host()?.shadowRoot?.querySelector<HTMLElement>('[data-steward="banner"]')?.dataset.variant ?? null;

describe('Quicksand: the address changed, the reply is still on its way', () => {
  it('does not ask about T8 with the facts of the T14 page still on screen, nor show T8 under T14', async () => {
    const r = (running = await runBanner('task-T14.alice.html', '/T14', (request) =>
      request.type === 'task/context' && request.taskId === 8 ? ok(t8()) : answering(t14())(request),
    ));
    await r.until('ready');
    const t14Phid = (r.requests[0] as { page?: { phid: string } }).page!.phid;
    expect(t14Phid.startsWith(T14_PHID)).toBe(true);

    // The click: Quicksand pushes /T8 at once...
    r.win.history.pushState(1, '', '/T8');
    // ...a chat message arrives while the server is still answering: JX.Title.setCount sets document.title.
    r.doc.title = `(1) ${r.doc.title}`;
    await sleep(250);

    // What the page shows is still T14 (its crumb, header and curtain).
    expect(r.doc.querySelector('.phabricator-last-crumb .phui-crumb-name')!.textContent!.trim()).toBe('T14');
    const askedFor8 = r.requests.filter(
      (q): q is Extract<typeof q, { type: 'task/context' }> => q.type === 'task/context' && q.taskId === 8,
    );
    // Any ask about T8 made now must not carry T14's page as if it were T8's (its PHID, tags, newest
    // transaction #155, "Unbreak Now!"): the worker would build T8's partial banner from T14's tags and
    // judge T8's cache against T14's timeline.
    for (const ask of askedFor8) expect(ask.page?.phid).not.toBe(t14Phid);
    // And T14's header must not carry a banner that speaks of T8 (a closed task) meanwhile.
    expect(shownVariant(r)).not.toBe('closed');
    // Nothing is asked until T8's page is there, and T14's banner stays with T14's page.
    expect(askedFor8).toEqual([]);
    expect(shownVariant(r)).toBe('ubn');

    // The reply arrives: the banner ends on T8 all the same.
    const payload = quicksandT8();
    r.doc
      .getElementById('phabricator-standard-page-body')!
      .replaceChildren(...quicksandNodes(r.doc, payload.content));
    r.doc.title = payload.title;
    await waitFor(() => r.requests.some((q) => q.type === 'task/context' && q.taskId === 8));
    await r.until('ready');
    await waitFor(() => r.banner().dataset.variant === 'closed');
    expect(textOf(r.banner())).toContain('Resolved');
  });

  it('Back then Forward while the reply is on its way: no banner for T8 on the T14 page', async () => {
    const r = (running = await runBanner('task-T14.alice.html', '/T14', (request) =>
      request.type === 'task/context' && request.taskId === 8 ? ok(t8()) : answering(t14())(request),
    ));
    await r.until('ready');
    const t14Phid = (r.requests[0] as { page?: { phid: string } }).page!.phid;
    const popped = () =>
      new Promise((resolve) => r.win.addEventListener('popstate', resolve, { once: true }));
    // Click on a T8 link: Quicksand pushes /T8 and asks the server.
    r.win.history.pushState(1, '', '/T8');
    // Back before the reply: Quicksand._draw has nothing to do (T14 is still on screen).
    let pop = popped();
    r.win.history.back();
    await pop;
    // Forward again: Quicksand._draw returns early, the reply for T8 is still missing (_responses[id] null).
    pop = popped();
    r.win.history.forward();
    await pop;
    await sleep(250);
    expect(r.win.location.pathname).toBe('/T8');
    expect(r.doc.querySelector('.phabricator-last-crumb .phui-crumb-name')!.textContent!.trim()).toBe('T14');
    for (const ask of r.requests) {
      if (ask.type === 'task/context' && ask.taskId === 8) expect(ask.page?.phid).not.toBe(t14Phid);
    }
    expect(shownVariant(r)).not.toBe('closed');
    expect(shownVariant(r)).toBe('ubn');
  });

  it('from a page with a header but no task, shows the banner once the task page arrives', async () => {
    // Another application's object page (a revision, a project) has the same two-column header.
    const r = (running = await runBanner('task-T14.alice.html', '/D12', answering(t8()), (doc) => {
      doc.querySelector('.phabricator-last-crumb .phui-crumb-name')!.textContent = 'D12';
    }));
    await sleep(100);
    expect(r.requests).toEqual([]);
    r.win.history.pushState(1, '', '/T8');
    r.doc.title = `(1) ${r.doc.title}`;
    await sleep(250);
    expect(r.requests.filter((q) => q.type === 'task/context')).toEqual([]);
    expect(shownVariant(r)).toBeNull();

    const payload = quicksandT8();
    r.doc
      .getElementById('phabricator-standard-page-body')!
      .replaceChildren(...quicksandNodes(r.doc, payload.content));
    r.doc.title = payload.title;
    await r.until('ready');
    expect(r.banner().dataset.variant).toBe('closed');
    expect(r.requests.filter((q) => q.type === 'task/context').map((q) => q.taskId)).toEqual([8]);
  });
});
