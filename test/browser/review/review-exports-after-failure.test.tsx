// The UBN! review page against a fake worker, after a read from Phabricator failed part way: export and
// copy stay off (a sheet would leave out the tasks not read) and say why, the counts say what could not be
// read instead of "still being read" or "none", and Retry brings the exports back; the resolved weeks'
// CSV is named for the day that view was read, whatever became of the open view.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ResolvedView } from '../../../src/messages';
import { NOW, reviewRowFixture } from '../../fixtures/review/rows';
import { INSTANCE, mountReview as mount, ok, reviewView as view, unmountReview } from './mount-review';

const DAY = 86400;
const failed = { ok: false, error: { kind: 'network', message: 'Phabricator is not answering.' } };

afterEach(() => {
  unmountReview();
  vi.restoreAllMocks();
});

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

/** Catches the page's downloads: the file name and the text of each. */
function catchDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return `blob:${INSTANCE}/x`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { names, texts: () => Promise.all(blobs.map((b) => b.text())) };
}

function button(el: HTMLElement, text: string): HTMLButtonElement {
  return [...el.querySelectorAll('button')].find((b) => b.textContent === text)!;
}

function tableIds(el: HTMLElement): number[] {
  return [...el.querySelectorAll<HTMLElement>('.review-table tbody tr[data-task]')].map((tr) =>
    Number(tr.dataset.task),
  );
}

function reason(el: HTMLElement, button: HTMLButtonElement): string {
  return el.querySelector(`#${button.getAttribute('aria-describedby')}`)?.textContent ?? '';
}

describe('review exports after a failed read', () => {
  it('does not hand out the open UBN!s while some of their histories could not be read', async () => {
    // T14 is cached; T15 and T16 are open UBN!s whose histories must be read; that read fails once.
    let fail = true;
    const el = mount(async (request) => {
      if (request.type === 'review/open' && !request.refresh) return ok(view([reviewRowFixture(14)]));
      if (request.type === 'review/open') return ok(view([reviewRowFixture(14)], [15, 16]));
      if (request.type === 'review/fetch')
        return fail ? failed : ok(request.ids.map((id) => reviewRowFixture(id)));
      throw new Error(request.type);
    });
    await vi.waitFor(() => expect(el.querySelector('.error')?.textContent).toContain('not answering'));
    expect(tableIds(el)).toEqual([14]);
    const csv = el.querySelector<HTMLButtonElement>('button[data-action="csv"]')!;
    const remarkup = el.querySelector<HTMLButtonElement>('button[data-action="remarkup"]')!;
    expect(csv.disabled).toBe(true);
    expect(remarkup.disabled).toBe(true);
    expect(reason(el, csv)).toContain('could not be read');
    expect(el.querySelector('.summary')?.textContent).toContain('of 3 open tasks; 2 could not be read');
    expect(el.querySelector('.summary')?.textContent).not.toContain('still being read');

    fail = false;
    await userEvent.click(button(el, 'Retry'));
    await vi.waitFor(() => expect(csv.disabled).toBe(false));
    const downloads = catchDownloads();
    await userEvent.click(csv);
    await vi.waitFor(() => expect(downloads.names).toHaveLength(1));
    const [text] = await downloads.texts();
    expect(text).toContain('T14');
    expect(text).toContain('T15');
    expect(text).toContain('T16');
  });

  it('does not copy resolved-week counts as complete when a batch of histories failed', async () => {
    const el = mount(async (request) => {
      if (request.type === 'review/open') return ok(view([reviewRowFixture(1)]));
      if (request.type === 'review/resolved' && !request.ids)
        return ok({
          instance: INSTANCE,
          now: NOW,
          weeks: 12,
          tasks: [resolvedTask(77, NOW - DAY)],
          pending: [200, 201],
        });
      if (request.type === 'review/resolved') return failed;
      throw new Error(request.type);
    });
    await vi.waitFor(() => expect(tableIds(el)).toEqual([1]));
    await userEvent.click(button(el, 'Resolved, last 12 weeks'));
    await vi.waitFor(() => expect(el.querySelector('.error')?.textContent).toContain('not answering'));
    const remarkup = el.querySelector<HTMLButtonElement>('button[data-action="remarkup"]')!;
    expect(remarkup.disabled).toBe(true);
    expect(reason(el, remarkup)).toContain('could not be read');
    // The week read before the failure stays, and the page says how many resolved tasks it leaves out.
    expect(el.querySelector('.resolved-tasks tr[data-task="77"]')).not.toBeNull();
    expect(el.textContent).toContain('could not be read from Phabricator, so not counted here: 2.');
  });
});

describe('resolved weeks CSV file name', () => {
  it('carries the date even when the open view could not be loaded', async () => {
    const el = mount(async (request) => {
      if (request.type === 'review/open') return failed;
      if (request.type === 'review/resolved')
        return ok({
          instance: INSTANCE,
          now: NOW,
          weeks: 12,
          tasks: [resolvedTask(77, NOW - DAY)],
          pending: [],
        });
      throw new Error(request.type);
    });
    await vi.waitFor(() => expect(el.querySelector('.error')?.textContent).toContain('not answering'));
    await userEvent.click(button(el, 'Resolved, last 12 weeks'));
    const csv = el.querySelector<HTMLButtonElement>('button[data-action="csv"]')!;
    await vi.waitFor(() => expect(csv.disabled).toBe(false));
    const downloads = catchDownloads();
    await userEvent.click(csv);
    await vi.waitFor(() => expect(downloads.names).toHaveLength(1));
    const day = new Date(NOW * 1000).toISOString().slice(0, 10);
    expect(downloads.names[0]).toBe(`steward-ubn-resolved-${day}.csv`);
  });
});

describe('empty states after a failed read', () => {
  it('does not say "No open Unbreak Now! task" when the open UBN!s listed could not be read', async () => {
    // First use: nothing cached. The list says five tasks are open UBN!s; reading their histories fails.
    const el = mount(async (request) => {
      if (request.type === 'review/open' && !request.refresh) return ok(view([]));
      if (request.type === 'review/open') return ok(view([], [21, 22, 23, 24, 25]));
      if (request.type === 'review/fetch') return failed;
      throw new Error(request.type);
    });
    await vi.waitFor(() => expect(el.querySelector('.error')?.textContent).toContain('not answering'));
    expect(el.querySelector('.summary')?.textContent).toContain('of 5 open tasks; 5 could not be read');
    expect(el.textContent).not.toContain('No open Unbreak Now! task on this instance.');
  });

  it('does not say "No Unbreak Now! task was resolved" when the resolved ones listed could not be read', async () => {
    const el = mount(async (request) => {
      if (request.type === 'review/open') return ok(view([reviewRowFixture(1)]));
      if (request.type === 'review/resolved' && !request.ids)
        return ok({ instance: INSTANCE, now: NOW, weeks: 12, tasks: [], pending: [300, 301, 302] });
      if (request.type === 'review/resolved') return failed;
      throw new Error(request.type);
    });
    await vi.waitFor(() => expect(tableIds(el)).toEqual([1]));
    await userEvent.click(button(el, 'Resolved, last 12 weeks'));
    await vi.waitFor(() => expect(el.querySelector('.error')?.textContent).toContain('not answering'));
    expect(el.textContent).not.toContain('No Unbreak Now! task was resolved in the last 12 weeks.');
  });
});
