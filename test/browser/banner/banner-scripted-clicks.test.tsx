// The banner lives in an open shadow root on the Phabricator page, so the page's scripts (and any other
// extension's content script there) can reach its buttons and call .click(). Its actions count only the
// user's own (trusted) clicks: an unwatch made by a page script would take the task out of the popup, the
// badge and the reminders (an explicit unwatch wins over every watch rule); each options button click
// opens a tab; and the assign panel takes the keyboard focus as it opens, so a scripted open would turn
// the user's next Enter (meant for a comment) into a confirm.
import { afterEach, describe, expect, it } from 'vitest';
import { t14 } from '../../fixtures/contexts/task-contexts';
import { answering, fail, runBanner, textOf, waitFor, type Running } from './harness';

let running: Running | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function asPage(r: Running, source: string): () => void {
  return new (r.win as unknown as { Function: FunctionConstructor }).Function(source) as () => void;
}

describe('the banner driven by the page around it', () => {
  it("a page script's scripted click on Unwatch does not unwatch the task (only the user's own click counts)", async () => {
    const watched = { ...t14(), watched: true };
    const r = await runBanner('task-T14.alice.html', '/T14', answering(watched));
    running = r;
    await r.until('ready');
    await waitFor(() => textOf(r.banner()).includes('Unwatch'));
    const before = r.requests.length;

    // What any script of the page can do: the host is in the page's DOM and its shadow root is open.
    const pageScript = new (r.win as unknown as { Function: FunctionConstructor }).Function(`
      const root = document.getElementById('steward-banner-host').shadowRoot;
      root.querySelector('[data-action="watch"]').click();
    `) as () => void;
    pageScript();
    await sleep(200);

    expect(r.requests.slice(before)).not.toContainEqual({ type: 'task/watch', taskId: 14, watched: false });
  });

  it.each(['not-configured', 'no-permission', 'invalid-token'] as const)(
    "%s: a page script's clicks on the options button do not make Steward open options tabs",
    async (kind) => {
      const r = await runBanner('task-T14.alice.html', '/T14', () => fail({ kind, message: 'x' }));
      running = r;
      await r.until(kind);
      asPage(
        r,
        `const root = document.getElementById('steward-banner-host').shadowRoot;
         for (let i = 0; i < 20; i++) for (const b of root.querySelectorAll('button')) b.click();`,
      )();
      await sleep(200);
      // Each of these becomes a browser.tabs.create in the worker (handlers.ts 'ui/open-options').
      expect(r.requests.filter((q) => q.type === 'ui/open-options')).toHaveLength(0);
    },
  );

  it("a page script's click on 'Assign process owner' does not open the assign frame (nor move focus into it)", async () => {
    const r = await runBanner('task-T14.alice.html', '/T14', answering(t14()));
    running = r;
    await r.until('ready');
    // The user is typing a comment on the page.
    const comment = r.doc.createElement('textarea');
    r.doc.body.append(comment);
    comment.focus();
    expect(r.doc.activeElement).toBe(comment);
    asPage(
      r,
      `const root = document.getElementById('steward-banner-host').shadowRoot;
       root.querySelector('[data-action="assign"]').click();`,
    )();
    await sleep(300);
    const frame = r.shadow().querySelector('iframe');
    let focusMovedIntoFrame = false;
    if (frame)
      await waitFor(() => r.shadow().activeElement === frame, 2000).then(
        () => (focusMovedIntoFrame = true),
        () => undefined,
      );
    expect({ opened: frame !== null, focusMovedIntoFrame }).toEqual({
      opened: false,
      focusMovedIntoFrame: false,
    });
  });
});
