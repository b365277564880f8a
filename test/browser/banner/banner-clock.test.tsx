// A task page left open: the worker says nothing while the task does not change, and the banner's ages
// move on with the clock all the same (it redraws once a minute).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBanner, HOST_ID } from '../../../src/content/boot';
import type { BannerDeps } from '../../../src/content/deps';
import { BANNER_STYLESHEET } from '../../../src/content/banner-stylesheet';
import { asReply } from '../../../src/message-checks';
import type { ContentRequest } from '../../../src/messages';
import { SEEDED_AT, t14 } from '../../fixtures/contexts/task-contexts';
import { loadIntoFrame } from '../page/fixtures';
import { textOf, waitFor } from './harness';

let frame: HTMLIFrameElement | null = null;
let stop: (() => void) | null = null;
afterEach(() => {
  vi.useRealTimers();
  stop?.();
  frame?.remove();
  frame = null;
});

describe('banner on a page left open', () => {
  it('the escalation age moves on with the clock', async () => {
    frame = await loadIntoFrame('task-T14.alice.html', '/T14');
    const doc = frame.contentDocument!;
    let now = SEEDED_AT;
    const deps: BannerDeps = {
      // The worker answers with the context as it was at SEEDED_AT (nothing on the task changes).
      ask: (async (request: ContentRequest) =>
        asReply(
          request.type === 'task/context' ? { ok: true, data: t14() } : { ok: true, data: {} },
        )!) as BannerDeps['ask'],
      onTaskChanged: () => () => undefined,
      assignFrameUrl: () => 'about:blank',
      stylesheet: { text: BANNER_STYLESHEET, url: '' },
      now: () => now,
    };
    // Only the minute's interval is faked: the rest of the page runs on real timers.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const handle = startBanner(frame.contentWindow!, deps);
    stop = () => handle.stop();
    const banner = () =>
      doc.getElementById(HOST_ID)?.shadowRoot?.querySelector<HTMLElement>('[data-steward="banner"]');
    await waitFor(() => banner()?.dataset.state === 'ready');
    const age = () => textOf(banner()!.querySelector('.st-escalation')!);
    // Let the first answer's effects (the announcement) settle.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(age()).toContain('for 1 hour');

    // Six hours pass with the tab open; nothing on the task changes, so the worker says nothing.
    now += 6 * 3600;
    expect(age()).toContain('for 1 hour');
    vi.advanceTimersByTime(60_000);
    await waitFor(() => age().includes('for 7 hours'));
    expect(age()).toContain('for 7 hours');
  });
});
