// How the banner lives on the page: navigation and redraws, refreshes and what a screen reader hears,
// the keyboard, the exact-time tooltip, the assign frame and its messages, watching, and the dark theme.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'preact';
import { PALETTES } from '../../../src/ui/palette';
import { TimeWithTooltip } from '../../../src/ui/TimeWithTooltip';
import { themeCss, UI_CSS } from '../../../src/ui/ui-css';
import { SEEDED_AT, person, t14, t8 } from '../../fixtures/contexts/task-contexts';
import { quicksandNodes, quicksandT8 } from '../page/fixtures';
import { answering, frameBase, ok, runBanner, textOf, waitFor, type Running } from './harness';

let running: Running | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

async function show(...args: Parameters<typeof runBanner>) {
  running = await runBanner(...args);
  return running;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function button(r: Running, text: string): HTMLButtonElement {
  const found = Array.from(r.shadow().querySelectorAll('button')).find((b) => textOf(b) === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

function announcer(r: Running): HTMLElement {
  return r.shadow().querySelector('[data-steward="announcer"]')!;
}

describe('navigation and redraws', () => {
  it('follows a Quicksand navigation to another task with the same host, and drops the late answer', async () => {
    let answerT14: (value: unknown) => void = () => {};
    const r = await show('task-T14.alice.html', '/T14', (request) => {
      if (request.type === 'task/context' && request.taskId === 14) {
        return new Promise((resolve) => (answerT14 = resolve));
      }
      return ok(t8());
    });
    await waitFor(() => r.requests.length === 1);
    const host = r.host();
    // What Quicksand does: pushState, swap the children of the page body, set the title.
    const payload = quicksandT8();
    const body = r.doc.getElementById('phabricator-standard-page-body')!;
    r.win.history.pushState(null, '', '/T8');
    body.replaceChildren(...quicksandNodes(r.doc, payload.content));
    r.doc.title = payload.title;
    await r.until('ready');
    expect(r.banner().dataset.variant).toBe('closed');
    expect(r.requests.map((q) => q.type === 'task/context' && q.taskId)).toEqual([14, 8]);
    // The T14 answer arrives after the user left T14: it must not replace T8's banner.
    answerT14(ok(t14()));
    await sleep(50);
    expect(r.banner().dataset.variant).toBe('closed');
    expect(r.doc.querySelectorAll('#steward-banner-host')).toHaveLength(1);
    expect(r.host()).toBe(host);
    expect(r.host()!.previousElementSibling?.matches('.phui-header-shell')).toBe(true);
  });

  it('comes back after a redraw removes it, without going through loading again', async () => {
    const r = await show('task-T14.alice.html', '/T14', answering(t14()));
    await r.until('ready');
    const host = r.host()!;
    const states: string[] = [];
    new MutationObserver(() => states.push(r.banner().dataset.state ?? '')).observe(r.shadow(), {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-state'],
    });
    host.remove();
    await waitFor(() => r.host() !== null && r.requests.length === 2);
    await sleep(30);
    expect(r.host()).toBe(host);
    expect(r.banner().dataset.state).toBe('ready');
    expect(states).not.toContain('loading');
    expect(r.requests[1]).toMatchObject({ type: 'task/context', taskId: 14 });
  });

  it('leaves a page that is no longer a task page, and stops when asked', async () => {
    const r = await show('task-T14.alice.html', '/T14', answering(t14()));
    await r.until('ready');
    r.win.history.pushState(null, '', '/maniphest/');
    r.doc.getElementById('phabricator-standard-page-body')!.replaceChildren();
    await waitFor(() => r.host() === null);
    r.handle.stop();
    expect(r.doc.getElementById('steward-banner-host')).toBeNull();
  });
});

describe('refreshes and announcements', () => {
  it('has one polite live region and speaks a summary once, not on a refresh with the same content', async () => {
    const r = await show('task-T14.alice.html', '/T14', answering(t14()));
    await r.until('ready');
    expect(r.shadow().querySelectorAll('[aria-live], [role="status"], [role="alert"]')).toHaveLength(1);
    const live = announcer(r);
    expect(live.getAttribute('aria-live')).toBe('polite');
    await waitFor(() => live.textContent !== '');
    expect(live.textContent).toBe('Steward: Unbreak Now! for 1 hour. No process owner.');
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(live, { subtree: true, childList: true, characterData: true });
    r.emitChanged(14);
    await waitFor(() => r.requests.length === 2);
    await sleep(50);
    expect(changes).toHaveLength(0);
    observer.disconnect();
  });

  it('refreshes when the worker says this task changed, and announces the new owner', async () => {
    let context = t14();
    const r = await show(
      'task-T14.alice.html',
      '/T14',
      answering(() => context),
    );
    await r.until('ready');
    r.emitChanged(99);
    await sleep(30);
    expect(r.requests).toHaveLength(1);
    context = t14();
    context.processOwner = {
      state: 'declared',
      person: person('bob'),
      declaredAt: SEEDED_AT - 60,
      acknowledgedAt: null,
      lastActivityAt: null,
      problem: null,
    };
    r.emitChanged(14);
    await waitFor(() => textOf(r.banner()).includes('Process owner: Bob Brown'));
    await waitFor(() => announcer(r).textContent!.includes('Bob Brown'));
    expect(announcer(r).textContent).toBe(
      'Steward: Unbreak Now! for 1 hour. Process owner Bob Brown, not acknowledged.',
    );
    expect(button(r, 'Hand off…')).toBeTruthy();
  });
});

describe('keyboard and tooltip', () => {
  it('reaches the age, then the action, then watch, in reading order, with no positive tabindex', async () => {
    const r = await show('task-T14.alice.html', '/T14', answering(t14()));
    await r.until('ready');
    const shadow = r.shadow();
    expect(shadow.querySelectorAll('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])')).toHaveLength(0);
    const age = shadow.querySelector<HTMLElement>('.st-age [tabindex="0"]')!;
    age.focus();
    expect(shadow.activeElement).toBe(age);
    await userEvent.tab();
    expect(textOf(shadow.activeElement!)).toBe('Assign process owner');
    await userEvent.tab();
    expect(textOf(shadow.activeElement!)).toBe('Watch');
    await userEvent.tab();
    expect(shadow.activeElement?.getAttribute('href')).toBe('http://127.0.0.1:8081/p/alice/');
  });

  it('shows the exact escalation time on focus and on hover, as the description, and hides it on Escape', async () => {
    const r = await show('task-T14.alice.html', '/T14', answering(t14()));
    await r.until('ready');
    const shadow = r.shadow();
    const age = shadow.querySelector<HTMLElement>('.st-age time')!;
    const tooltip = shadow.getElementById(age.getAttribute('aria-describedby')!)!;
    expect(tooltip.getAttribute('role')).toBe('tooltip');
    expect(tooltip.textContent).toMatch(/^Exact time: Thu, Nov 26, 2026, \d+:44:28/);
    expect(age.getAttribute('datetime')).toBe('2026-11-26T12:44:28Z');
    const shown = () => r.win.getComputedStyle(tooltip).display !== 'none';
    expect(shown()).toBe(false);
    age.focus();
    expect(shown()).toBe(true);
    await userEvent.keyboard('{Escape}');
    expect(shown()).toBe(false);
  });

  it('shows the exact time on mouse hover too', async () => {
    // userEvent drives a real pointer only in the top document, so this one renders there.
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    render(
      <div class="st-root">
        <style>{`${themeCss('.st-root', false)}${UI_CSS}`}</style>
        <TimeWithTooltip at={SEEDED_AT - 3600}>1 hour</TimeWithTooltip>
      </div>,
      shadow,
    );
    const tooltip = shadow.querySelector<HTMLElement>('[role="tooltip"]')!;
    expect(getComputedStyle(tooltip).display).toBe('none');
    await userEvent.hover(shadow.querySelector('time')!);
    expect(getComputedStyle(tooltip).display).toBe('block');
    await userEvent.unhover(shadow.querySelector('time')!);
    render(null, shadow);
    host.remove();
  });
});

describe('actions', () => {
  it('watches and unwatches through the worker', async () => {
    const r = await show('task-T14.alice.html', '/T14', answering(t14()));
    await r.until('ready');
    // The user's own press (a trusted event): the page's scripts cannot click for them.
    button(r, 'Watch').focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => textOf(r.banner()).includes('Unwatch'));
    expect(r.requests.at(-1)).toEqual({ type: 'task/watch', taskId: 14, watched: true });
    button(r, 'Unwatch').focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => textOf(r.banner()).includes('Watch'));
    expect(r.requests.at(-1)).toEqual({ type: 'task/watch', taskId: 14, watched: false });
  });

  it('opens the assign panel in a frame of the extension page, and closes it only on its own message', async () => {
    const r = await show('task-T14.alice.html', '/T14', answering(t14()));
    await r.until('ready');
    const assign = button(r, 'Assign process owner');
    // The user's own press: a scripted click does not open the panel (banner-scripted-clicks.test.tsx).
    assign.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => r.shadow().querySelector('iframe') !== null);
    const iframe = r.shadow().querySelector('iframe')!;
    expect(assign.getAttribute('aria-expanded')).toBe('true');
    expect(r.shadow().getElementById(assign.getAttribute('aria-controls')!)?.contains(iframe)).toBe(true);
    const src = new URL(iframe.src);
    expect(`${src.origin}${src.pathname}`).toBe(frameBase());
    expect(Object.fromEntries(src.searchParams)).toEqual({
      instance: 'http://127.0.0.1:8081',
      task: '14',
      theme: 'light',
    });
    expect(iframe.title).toBe('Assign a process owner for T14');
    // The frame's page may have loaded before a load listener could be added: wait for its document.
    await waitFor(() => {
      const loaded = iframe.contentDocument;
      return loaded?.readyState === 'complete' && loaded.URL === iframe.src;
    });
    const frameDoc = iframe.contentDocument!;
    const postFromFrame = (data: string) => {
      const script = frameDoc.createElement('script');
      script.textContent = `parent.postMessage(${data}, '*')`;
      frameDoc.body.append(script);
    };
    // The page posts the same shape: ignored. So are messages of another shape from the frame.
    r.win.postMessage({ steward: 'assign-closed' }, '*');
    postFromFrame(`{ steward: 'assign-closed', assigned: 'bob' }`);
    postFromFrame(`'assign-closed'`);
    await sleep(50);
    expect(r.shadow().querySelector('iframe')).not.toBeNull();
    postFromFrame(`{ steward: 'assign-closed' }`);
    await waitFor(() => r.shadow().querySelector('iframe') === null);
    expect(assign.getAttribute('aria-expanded')).toBe('false');
    await waitFor(() => r.shadow().activeElement === assign);
    // Closing asks for the context again (from the cache) in case the task/changed event was missed.
    expect(r.requests.filter((q) => q.type === 'task/context')).toHaveLength(2);
  });
});

describe('themes', () => {
  it.each([
    ['light', '/res/defaultX/phabricator/abc/core.pkg.css'],
    ['dark', '/res/darkmodeX/phabricator/abc/core.pkg.css'],
  ] as const)('follows Phorge %s mode with the palette colours', async (theme, href) => {
    const r = await show('task-T14.alice.html', '/T14', answering(t14()), (doc) => {
      for (const link of Array.from(doc.querySelectorAll('link[rel~="stylesheet"]'))) link.remove();
      const link = doc.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      doc.head.append(link);
    });
    await r.until('ready');
    const root = r.shadow().querySelector<HTMLElement>('.st-root')!;
    expect(root.dataset.theme).toBe(theme);
    const box = r.shadow().querySelector<HTMLElement>('.st-box')!;
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(r.win.getComputedStyle(box).backgroundColor).toBe(rgb(PALETTES[theme].noticeBg));
    expect(r.win.getComputedStyle(root).color).toBe(rgb(PALETTES[theme].fg));
  });
});
