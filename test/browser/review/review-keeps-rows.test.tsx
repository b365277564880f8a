// The UBN! review page (src/review/ReviewPage.tsx) against a fake worker: rows already shown stay while
// the list is read again, and a failed batch of resolved histories keeps the weeks shown.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ResolvedView } from '../../../src/messages';
import { NOW, reviewRowFixture } from '../../fixtures/review/rows';
import { INSTANCE, mountReview as mount, ok, reviewView as view, unmountReview } from './mount-review';

const DAY = 86400;

afterEach(unmountReview);

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
