// The extension page inside the banner's frame: reads its address, loads the context as an extension
// page (task/context-on), hosts the panel, and tells the banner to close when done or cancelled.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'preact';
import type { PageRequest } from '../../../src/messages';
import { AssignPage, readParams } from '../../../src/assign/AssignPage';
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

function mount(search: string, answer: (request: PageRequest) => unknown) {
  const requests: PageRequest[] = [];
  let closed = 0;
  setTransport(async (request) => {
    requests.push(request);
    return answer(request);
  });
  container = document.createElement('div');
  document.body.append(container);
  render(<AssignPage params={readParams(search)} close={() => closed++} />, container);
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
    confirm.click();
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
