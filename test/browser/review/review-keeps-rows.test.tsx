// The UBN! review page (src/review/ReviewPage.tsx) against a fake worker: rows already shown stay while
// the list is read again, and a failed batch of resolved histories keeps the weeks shown.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { userEvent } from 'vitest/browser';
import type { PageRequest, ResolvedView, ReviewRow, ReviewView } from '../../../src/messages';
import { ReviewPage } from '../../../src/review/ReviewPage';
import { installReviewStyles } from '../../../src/review/review-css';
import { setTransport } from '../../../src/ui/rpc';
import { NOW, reviewRowFixture } from '../../fixtures/review/rows';

const INSTANCE = 'http://127.0.0.1:8080';
const ok = (data: unknown) => ({ ok: true, data });
const DAY = 86400;

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

type Answer = (request: PageRequest) => unknown;

function mount(answer: Answer, requests: PageRequest[] = []): HTMLElement {
  installReviewStyles();
  setTransport(async (request) => {
    requests.push(request);
    if (request.type === 'review/first') {
      const cached = (await answer({
        type: 'review/open',
        instance: INSTANCE,
        refresh: false,
        first: request.first,
      })) as { ok: boolean; data?: unknown };
      return ok({ instances: [INSTANCE], instance: INSTANCE, view: cached.ok ? cached.data : null });
    }
    return answer(request);
  });
  root = document.createElement('div');
  document.body.append(root);
  render(<ReviewPage initialInstance={null} />, root);
  return root;
}

function view(rows: ReviewRow[], pending: number[] = []): ReviewView {
  return { instance: INSTANCE, now: NOW, rows, pending, listedAt: NOW - 60 };
}

function tableIds(el: HTMLElement): number[] {
  return [...el.querySelectorAll<HTMLElement>('.review-table tbody tr[data-task]')].map((tr) =>
    Number(tr.dataset.task),
  );
}

type ResolvedTask = ResolvedView['tasks'][number];
function resolvedTask(id: number, resolvedAt: number): ResolvedTask {
  return {
    id,
    title: `Resolved ${id}`,
    escalatedAt: resolvedAt - 3 * DAY,
    resolvedAt,
    toFirstOwner: 3600,
    toResolution: 3 * DAY,
    projects: ['Uploads'],
    components: ['Uploads'],
    teams: ['Storage Team'],
  };
}

describe('UBN! review page (adversarial)', () => {
  it('a row of the first screen does not vanish while the list read again re-reads its history', async () => {
    // T14 was on the first screen (from the cache). Someone commented on it since the last poll, so the
    // list read again lists it as pending (history out of date) until its batch is fetched.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let listAgain: () => void = () => {};
    const listed = new Promise<void>((resolve) => (listAgain = resolve));
    const el = mount(async (request) => {
      if (request.type === 'review/open' && !request.refresh)
        return ok(view([reviewRowFixture(14), reviewRowFixture(6, { age: 3600 })]));
      if (request.type === 'review/open') {
        await listed;
        return ok(view([reviewRowFixture(6, { age: 3600 })], [14]));
      }
      if (request.type === 'review/fetch') {
        await gate;
        return ok(request.ids.map((id) => reviewRowFixture(id)));
      }
      throw new Error(request.type);
    });
    await vi.waitFor(() => expect(tableIds(el)).toEqual([14, 6]));
    // From here on the row the user may be reading must stay on the page.
    let lost = false;
    const body = el.querySelector('.review-table tbody')!;
    const observer = new MutationObserver(() => {
      if (!tableIds(el).includes(14)) lost = true;
    });
    observer.observe(body, { childList: true, subtree: true });
    listAgain();
    await vi.waitFor(() => expect(el.querySelector('.progress')).not.toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const whileReading = tableIds(el);
    release();
    await vi.waitFor(() => expect(el.querySelector('.progress')).toBeNull());
    observer.disconnect();
    expect(whileReading).toContain(14);
    expect(lost).toBe(false);
    expect(tableIds(el)).toEqual([14, 6]);
  });

  it('keeps the resolved weeks already shown when a later batch of histories fails, and says so', async () => {
    const el = mount(async (request) => {
      if (request.type === 'review/open') return ok(view([reviewRowFixture(1)]));
      if (request.type === 'review/resolved' && !request.ids)
        return ok({
          instance: INSTANCE,
          now: NOW,
          weeks: 12,
          tasks: [resolvedTask(77, NOW - DAY)],
          pending: [200],
        });
      if (request.type === 'review/resolved')
        return { ok: false, error: { kind: 'network', message: 'Phabricator is not answering.' } };
      throw new Error(request.type);
    });
    await vi.waitFor(() => expect(tableIds(el)).toEqual([1]));
    await userEvent.click(
      [...el.querySelectorAll('button')].find((b) => b.textContent === 'Resolved, last 12 weeks')!,
    );
    await vi.waitFor(() => expect(el.querySelector('.error')?.textContent).toContain('not answering'));
    // The week and task read before the failure are still there for the meeting.
    expect(el.querySelector('.resolved-table caption')?.textContent).toContain('1 Unbreak Now! tasks');
    expect(el.querySelector('.resolved-tasks tr[data-task="77"]')).not.toBeNull();
  });
});
