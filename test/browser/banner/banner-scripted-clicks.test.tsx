// The banner lives in an open shadow root on the Phabricator page, so the page's scripts (and any other
// extension's content script there) can reach its buttons and call .click(). Watch/Unwatch, like the assign
// panel, counts only the user's own (trusted) clicks: an unwatch made by a page script would take the task
// out of the popup, the badge and the reminders (an explicit unwatch wins over every watch rule).
import { afterEach, describe, expect, it } from 'vitest';
import { t14 } from '../../fixtures/contexts/task-contexts';
import { answering, runBanner, textOf, waitFor, type Running } from './harness';

let running: Running | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
});
