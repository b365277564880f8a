// The banner when its worker can no longer be reached at all. After the extension is updated or reloaded,
// Chrome leaves the old content script running in every open tab (registerContentScripts only reaches new
// page loads), and every runtime call it makes throws "Extension context invalidated." From then on no
// Retry can ever succeed: only reloading the page brings a working banner.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { startBanner, HOST_ID, type BannerHandle } from '../../../src/content/boot';
import { ask, onTaskChanged } from '../../../src/content/messaging';
import { BANNER_STYLESHEET } from '../../../src/content/banner-stylesheet';
import { SEEDED_AT } from '../../fixtures/contexts/task-contexts';
import { loadIntoFrame } from '../page/fixtures';
import { textOf, waitFor } from './harness';

const scope = globalThis as { browser?: unknown };
let handle: BannerHandle | null = null;
let frame: HTMLIFrameElement | null = null;
afterEach(() => {
  handle?.stop();
  frame?.remove();
  delete scope.browser;
});

/** The banner on T14 with a runtime whose every message throws `thrown`. */
async function orphaned(thrown: string) {
  let sends = 0;
  scope.browser = {
    runtime: {
      sendMessage() {
        sends += 1;
        throw new Error(thrown);
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
  await waitFor(() => banner()?.dataset.state === 'error');
  const buttons = () => Array.from(banner()!.querySelectorAll('button'));
  return { banner: () => banner()!, buttons, sends: () => sends };
}

describe('an orphaned content script (extension updated under an open tab)', () => {
  it('says to reload the page instead of offering a Retry that can never work', async () => {
    const b = await orphaned('Extension context invalidated.');
    expect(textOf(b.banner())).toContain('Steward was updated: reload this page.');
    expect(b.buttons().map(textOf)).toEqual(['Reload']);
    expect(b.sends()).toBe(1);
  });

  it('reloads the page from the keyboard', async () => {
    const b = await orphaned('Extension context invalidated.');
    const reload = b.buttons()[0]!;
    reload.focus();
    expect((reload.getRootNode() as ShadowRoot).activeElement === reload).toBe(true);
    const reloaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
    await userEvent.keyboard('{Enter}');
    await reloaded;
  });

  it('keeps Retry for a worker that is only out of reach for now', async () => {
    const b = await orphaned('Could not establish connection. Receiving end does not exist.');
    expect(b.buttons().map(textOf)).toEqual(['Retry']);
    expect(textOf(b.banner())).not.toMatch(/reload/i);
  });
});
