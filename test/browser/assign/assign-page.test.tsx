// The extension page inside the banner's frame: reads its address, loads the context as an extension
// page (task/context-on), hosts the panel, and tells the banner to close when done or cancelled.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'preact';
import type { PageRequest } from '../../../src/messages';
import { AssignPage, readParams } from '../../../src/assign/AssignPage';
import { framedByInstance, readFraming, type Framing } from '../../../src/assign/framing';
import { setTransport } from '../../../src/ui/rpc';
import { t7, t14 } from '../../fixtures/contexts/task-contexts';

let container: HTMLElement | null = null;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
  container = null;
});

// Preact runs effects after the next paint; past this point any request an effect makes has been made.
const afterEffects = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 10)));

function mount(search: string, answer: (request: PageRequest) => unknown, framing?: Framing) {
  const requests: PageRequest[] = [];
  let closed = 0;
  setTransport(async (request) => {
    requests.push(request);
    return answer(request);
  });
  container = document.createElement('div');
  document.body.append(container);
  render(
    <AssignPage params={readParams(search)} close={() => closed++} {...(framing ? { framing } : {})} />,
    container,
  );
  return { requests, root: container, closed: () => closed };
}

describe('assign page', () => {
  it.each([
    [
      '?instance=http%3A%2F%2F127.0.0.1%3A8081&task=14&theme=dark',
      { instance: 'http://127.0.0.1:8081', taskId: 14, theme: 'dark' },
    ],
    [
      '?instance=https%3A%2F%2Fphab.example%2Fx&task=7',
      { instance: 'https://phab.example', taskId: 7, theme: 'light' },
    ],
    ['?instance=javascript%3Aalert(1)&task=14', null],
    ['?instance=http%3A%2F%2F127.0.0.1&task=-3', null],
    ['?task=14', null],
  ])('reads %s', (search, expected) => {
    expect(readParams(search)).toEqual(expected);
  });

  it('loads the context as an extension page and shows the panel for the declared owner as a hand-off', async () => {
    const page = mount('?instance=http%3A%2F%2F127.0.0.1%3A8081&task=7&theme=light', () => ({
      ok: true,
      data: t7(),
    }));
    // The page asks from an effect, which Preact runs after the next frame: wait for what the user sees.
    await vi.waitFor(() =>
      expect(page.root.querySelector('h2')?.textContent).toBe('Hand off the process owner role'),
    );
    expect(page.requests[0]).toEqual({
      type: 'task/context-on',
      instance: 'http://127.0.0.1:8081',
      taskId: 7,
    });
    expect(page.root.querySelector('h2')?.textContent).toBe('Hand off the process owner role');
    await userEvent.keyboard('{Escape}');
    expect(page.closed()).toBe(1);
  });

  it('closes after a successful assign', async () => {
    const page = mount('?instance=http%3A%2F%2F127.0.0.1%3A8081&task=14', (request) =>
      request.type === 'process-owner/assign'
        ? { ok: true, data: { duplicate: false, context: t14() } }
        : { ok: true, data: t14() },
    );
    const confirm = await vi.waitFor(() => {
      const found = Array.from(page.root.querySelectorAll('button')).find((b) =>
        b.textContent?.endsWith('process owner'),
      );
      if (!found) throw new Error('no confirm button yet');
      return found;
    });
    // The panel arms once it has been on screen for a moment; then a real click confirms.
    await vi.waitFor(() => expect(confirm.disabled).toBe(false), { timeout: 5000 });
    await userEvent.click(confirm);
    await vi.waitFor(() => expect(page.closed()).toBe(1));
    expect(page.requests.map((r) => r.type)).toEqual(['task/context-on', 'process-owner/assign']);
  });

  it('says when the context cannot be loaded, with a way to close', async () => {
    const page = mount('?instance=http%3A%2F%2F127.0.0.1%3A8081&task=14', () => ({
      ok: false,
      error: { kind: 'session-expired', message: 'Log in to Phorge again.' },
    }));
    await vi.waitFor(() =>
      expect(page.root.querySelector('[role="alert"]')?.textContent).toContain(
        'Steward could not load the task: Log in to Phorge again.',
      ),
    );
    page.root.querySelector('button')!.click();
    expect(page.closed()).toBe(1);
  });

  it('refuses a malformed address without asking the worker', async () => {
    const page = mount('?instance=nope', () => ({ ok: true, data: t14() }));
    await afterEffects();
    expect(page.requests).toHaveLength(0);
    expect(page.root.textContent).toContain('without a valid instance and task number');
  });
});

const T14 = '?instance=http%3A%2F%2F127.0.0.1%3A8081&task=14';
const answerT14 = (request: PageRequest) =>
  request.type === 'process-owner/assign'
    ? { ok: true, data: { duplicate: false, context: t14() } }
    : { ok: true, data: t14() };

async function confirmButton(root: HTMLElement): Promise<HTMLButtonElement> {
  return vi.waitFor(() => {
    const found = Array.from(root.querySelectorAll('button')).find((b) =>
      b.textContent?.endsWith('process owner'),
    );
    if (!found) throw new Error('no confirm button yet');
    return found;
  });
}

describe('assign page against clickjacking', () => {
  it('a click before the panel has been visible for a moment, or a scripted click, does not post', async () => {
    const page = mount(T14, answerT14);
    const confirm = await confirmButton(page.root);
    expect(confirm.disabled).toBe(true);
    await userEvent.click(confirm, { force: true });
    await userEvent.keyboard('{Enter}');
    expect(page.requests.map((r) => r.type)).toEqual(['task/context-on']);
    await vi.waitFor(() => expect(confirm.disabled).toBe(false), { timeout: 5000 });
    // A page script cannot click for the user: only trusted events count.
    confirm.click();
    confirm.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await afterEffects();
    expect(page.requests.map((r) => r.type)).toEqual(['task/context-on']);
    await userEvent.click(confirm);
    await vi.waitFor(() => expect(page.requests.map((r) => r.type)).toContain('process-owner/assign'));
  });

  it('hidden from view, it disarms and waits again once it is back', async () => {
    const page = mount(T14, answerT14);
    const confirm = await confirmButton(page.root);
    await vi.waitFor(() => expect(confirm.disabled).toBe(false), { timeout: 5000 });
    page.root.style.transform = 'translateY(-10000px)';
    await vi.waitFor(() => expect(confirm.disabled).toBe(true), { timeout: 5000 });
    page.root.style.transform = '';
    const back = performance.now();
    await vi.waitFor(() => expect(confirm.disabled).toBe(false), { timeout: 5000 });
    expect(performance.now() - back).toBeGreaterThanOrEqual(500);
    expect(page.requests.map((r) => r.type)).toEqual(['task/context-on']);
  });
});

describe('assign page faded by the page around it', () => {
  it('a faded panel (as a page can fade the banner) does not arm, in a browser that can tell', async () => {
    const page = mount(T14, answerT14);
    const confirm = await confirmButton(page.root);
    await vi.waitFor(() => expect(confirm.disabled).toBe(false), { timeout: 5000 });
    page.root.style.opacity = '0.2';
    await vi.waitFor(() => expect(confirm.disabled).toBe(true), { timeout: 5000 });
    page.root.style.opacity = '';
    await vi.waitFor(() => expect(confirm.disabled).toBe(false), { timeout: 5000 });
  });
});

describe('assign page against clickjacking, where the browser cannot tell a faded frame (Firefox)', () => {
  // Without IntersectionObserver v2, as in Firefox: a frame faded to opacity 0 still "intersects".
  const proto = IntersectionObserverEntry.prototype as { isVisible?: boolean };
  let saved: PropertyDescriptor | undefined;
  beforeEach(() => {
    saved = Object.getOwnPropertyDescriptor(IntersectionObserverEntry.prototype, 'isVisible');
    delete proto.isVisible;
  });
  afterEach(() => {
    if (saved) Object.defineProperty(IntersectionObserverEntry.prototype, 'isVisible', saved);
  });

  it('a faded panel the user has not touched never arms; a pointer resting on it arms after the wait', async () => {
    const page = mount(T14, answerT14);
    const confirm = await confirmButton(page.root);
    page.root.style.opacity = '0';
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(confirm.disabled).toBe(true);
    page.root.style.opacity = '';
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Visible but untouched: still waiting for the user.
    expect(confirm.disabled).toBe(true);
    const moved = performance.now();
    // The pointer may rest where an earlier test left it: the user moves it across the panel.
    await userEvent.hover(page.root.querySelector<HTMLInputElement>('input[type="text"]')!);
    await userEvent.hover(confirm);
    await vi.waitFor(() => expect(confirm.disabled).toBe(false), { timeout: 5000 });
    expect(performance.now() - moved).toBeGreaterThanOrEqual(700);
  });

  it('keyboard focus within the panel arms it after the wait too', async () => {
    const page = mount(T14, answerT14);
    const confirm = await confirmButton(page.root);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(confirm.disabled).toBe(true);
    const input = page.root.querySelector<HTMLInputElement>('input[type="text"]')!;
    await userEvent.click(input);
    await vi.waitFor(() => expect(confirm.disabled).toBe(false), { timeout: 5000 });
  });
});

describe('assign page framing', () => {
  it("refuses to act when framed by anything but the instance's own top-level page, without asking the worker", async () => {
    for (const framing of [
      { parentIsTop: false, ancestors: null },
      { parentIsTop: true, ancestors: ['https://evil.example'] },
      { parentIsTop: true, ancestors: ['https://evil.example', 'http://127.0.0.1:8081'] },
    ]) {
      const page = mount(T14, answerT14, framing);
      await afterEffects();
      expect(page.requests).toHaveLength(0);
      expect(page.root.textContent).toContain(
        'Steward assigns only from its banner on a task page of http://127.0.0.1:8081',
      );
      render(null, page.root);
      page.root.remove();
    }
    const ok = mount(T14, answerT14, { parentIsTop: true, ancestors: ['http://127.0.0.1:8081'] });
    await vi.waitFor(() => expect(ok.requests).toHaveLength(1));
  });

  it('reads its own ancestry from the browser', () => {
    // This test runs in a frame whose parent is the test runner's top-level page.
    const framing = readFraming(window);
    expect(framing.parentIsTop).toBe(true);
    expect(framing.ancestors?.[0]).toBe(window.parent.location.origin);
    expect(framedByInstance(framing, 'http://127.0.0.1:8081')).toBe(false);
    expect(framedByInstance(framing, window.parent.location.origin)).toBe(true);
  });
});
