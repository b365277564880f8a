// The UBN! review page in a real browser against a fake worker: rows from the cache first, the missing
// histories fetched in batches with progress, sorting and filters, exports, the resolved view, and the
// loading, error and empty states.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'preact';
import type { PageRequest, ResolvedView, ReviewRow, ReviewView } from '../../../src/messages';
import { ReviewPage } from '../../../src/review/ReviewPage';
import { installReviewStyles } from '../../../src/review/review-css';
import { setTransport } from '../../../src/ui/rpc';
import { NOW, manyRows, reviewRowFixture } from '../../fixtures/review/rows';

const INSTANCE = 'http://127.0.0.1:8080';
const settings = { settings: { instances: [{ url: INSTANCE }] }, tokens: {} };
const ok = (data: unknown) => ({ ok: true, data });

interface Worker {
  requests: PageRequest[];
  answer(request: PageRequest): unknown;
}

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

/**
 * review/first as the worker answers it (src/background/handlers.ts), from the fake's own answers to
 * settings/get and to review/open from the cache: the instances, the one chosen, and its first screen.
 */
async function firstScreenOf(worker: Worker, request: Extract<PageRequest, { type: 'review/first' }>) {
  const settingsReply = (await worker.answer({ type: 'settings/get' })) as {
    ok: boolean;
    data?: { settings: { instances: { url: string }[] } };
  };
  if (!settingsReply.ok || !settingsReply.data) return settingsReply;
  const instances = settingsReply.data.settings.instances.map((i) => i.url);
  const instance = instances.find((url) => url === request.instance) ?? instances[0] ?? null;
  if (instance === null) return ok({ instances, instance, view: null });
  const cached = (await worker.answer({
    type: 'review/open',
    instance,
    refresh: false,
    first: request.first,
  })) as { ok: boolean; data?: unknown };
  return ok({ instances, instance, view: cached.ok ? cached.data : null });
}

function mount(worker: Worker): HTMLElement {
  installReviewStyles();
  setTransport(async (request) => {
    worker.requests.push(request);
    return request.type === 'review/first' ? firstScreenOf(worker, request) : worker.answer(request);
  });
  root = document.createElement('div');
  document.body.append(root);
  render(<ReviewPage initialInstance={null} />, root);
  return root;
}

function view(rows: ReviewRow[], pending: number[] = []): ReviewView {
  return { instance: INSTANCE, now: NOW, rows, pending, listedAt: NOW - 60 };
}

type ResolvedTask = ResolvedView['tasks'][number];
const DAY = 86400;
const THIS_WEEK = NOW - ((NOW - 4 * DAY) % (7 * DAY));

function resolvedTaskFixture(id: number, fields: Partial<ResolvedTask> = {}): ResolvedTask {
  const resolvedAt = fields.resolvedAt ?? NOW - DAY;
  const toResolution = fields.toResolution ?? 3 * DAY;
  return {
    id,
    title: `Resolved ${id}`,
    escalatedAt: resolvedAt - toResolution,
    resolvedAt,
    toFirstOwner: null,
    toResolution,
    projects: ['Uploads'],
    components: ['Uploads'],
    teams: ['Storage Team'],
    ...fields,
  };
}

function resolvedOf(tasks: ResolvedTask[], pending: number[] = [], instance = INSTANCE): ResolvedView {
  return { instance, now: NOW, weeks: 12, tasks, pending };
}

function resolvedTab(el: HTMLElement): Promise<void> {
  return userEvent.click(
    [...el.querySelectorAll('button')].find((b) => b.textContent === 'Resolved, last 12 weeks')!,
  );
}

function tableIds(el: HTMLElement): number[] {
  return [...el.querySelectorAll<HTMLElement>('.review-table tbody tr[data-task]')].map((tr) =>
    Number(tr.dataset.task),
  );
}

describe('UBN! review page', () => {
  it('shows cached rows first, then fetches the missing histories in batches with progress', async () => {
    const cached = [reviewRowFixture(14), reviewRowFixture(6, { owner: 'acknowledged', age: 3600 })];
    const missing = Array.from({ length: 25 }, (_, i) => 100 + i);
    let releaseFetch: () => void = () => {};
    const gate = new Promise<void>((resolve) => (releaseFetch = resolve));
    const worker: Worker = {
      requests: [],
      answer: async (request) => {
        if (request.type === 'settings/get') return ok(settings);
        if (request.type === 'review/open') return ok(view(cached, request.refresh ? missing : []));
        if (request.type === 'review/fetch') {
          await gate;
          return ok(request.ids.map((id) => reviewRowFixture(id, { age: 3600 * (id - 90) })));
        }
        throw new Error(request.type);
      },
    };
    const el = mount(worker);
    await vi.waitFor(() => expect(tableIds(el)).toEqual([14, 6]));
    await vi.waitFor(() => expect(el.querySelector('progress')).not.toBeNull());
    expect(el.querySelector('.progress')?.textContent).toContain('0 of 25');
    // The tasks still being read count in the total.
    expect(el.querySelector('.summary')?.textContent).toContain(
      'Showing 2 of 27 open tasks; 25 still being read from Phabricator.',
    );
    releaseFetch();
    await vi.waitFor(() => expect(tableIds(el)).toHaveLength(27));
    expect(el.querySelector('progress')).toBeNull();
    const fetches = worker.requests.filter((r) => r.type === 'review/fetch');
    expect(fetches.map((r) => r.type === 'review/fetch' && r.ids.length)).toEqual([10, 10, 5]);
    // One chart row per task, on the same axis.
    expect(el.querySelectorAll('.chart-row')).toHaveLength(27);
    expect(el.querySelector('.summary')?.textContent).toContain('Showing 27 of 27');
  });

  it('opens with one request: the instances and the first screen come together, then the list is read again', async () => {
    const cached = [reviewRowFixture(14), reviewRowFixture(6, { owner: 'acknowledged', age: 3600 })];
    let releaseRefresh: () => void = () => {};
    const refreshed = new Promise<void>((resolve) => (releaseRefresh = resolve));
    const worker: Worker = {
      requests: [],
      answer: async (request) => {
        if (request.type === 'settings/get') return ok(settings);
        if (request.type === 'review/open' && !request.refresh) return ok(view(cached));
        if (request.type === 'review/open') {
          await refreshed;
          return ok(view([...cached, reviewRowFixture(9)]));
        }
        throw new Error(request.type);
      },
    };
    const el = mount(worker);
    await vi.waitFor(() => expect(tableIds(el)).toEqual([14, 6]));
    // Rows from the opening request alone: no settings read or cache read of its own before them.
    expect(worker.requests.map((r) => r.type)).toEqual(['review/first', 'review/open']);
    expect(worker.requests[1]).toMatchObject({ type: 'review/open', refresh: true });
    releaseRefresh();
    await vi.waitFor(() => expect(new Set(tableIds(el))).toEqual(new Set([6, 9, 14])));
  });

  it('sorts by a column from the keyboard and filters by project, component and team', async () => {
    const rows = [
      reviewRowFixture(1, { age: 3 * 3600, project: 'Login', team: 'Platform' }),
      reviewRowFixture(2, {
        age: 9 * 86400,
        owner: 'acknowledged',
        project: 'Search',
        component: 'CirrusSearch',
        team: 'Search Platform',
      }),
      reviewRowFixture(3, {
        age: 86400,
        owner: 'declared',
        project: 'Login',
        component: 'OATHAuth',
        team: null,
      }),
    ];
    const el = mount({
      requests: [],
      answer: (request) => (request.type === 'settings/get' ? ok(settings) : ok(view(rows))),
    });
    // Oldest escalation first by default.
    await vi.waitFor(() => expect(tableIds(el)).toEqual([2, 3, 1]));
    const ownerHeader = el.querySelector<HTMLButtonElement>('button[data-sort="owner"]')!;
    ownerHeader.focus();
    await userEvent.keyboard('{Enter}');
    expect(tableIds(el)).toEqual([2, 3, 1]);
    expect(ownerHeader.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    await userEvent.keyboard('{Enter}');
    expect(tableIds(el)).toEqual([1, 3, 2]);
    expect(ownerHeader.closest('th')?.getAttribute('aria-sort')).toBe('ascending');

    const filter = (name: string) => el.querySelector<HTMLSelectElement>(`select[data-filter="${name}"]`)!;
    await userEvent.selectOptions(filter('project'), 'Login');
    expect(tableIds(el).sort()).toEqual([1, 3]);
    await userEvent.selectOptions(filter('component'), 'OATHAuth');
    expect(tableIds(el)).toEqual([3]);
    await userEvent.selectOptions(filter('component'), '');
    await userEvent.selectOptions(filter('project'), '');
    await userEvent.selectOptions(filter('team'), 'Search Platform');
    expect(tableIds(el)).toEqual([2]);
    expect(el.querySelectorAll('.chart-row')).toHaveLength(1);
  });

  it('copies the visible rows as Remarkup, or shows them selected when the clipboard is refused', async () => {
    const el = mount({
      requests: [],
      answer: (request) =>
        request.type === 'settings/get' ? ok(settings) : ok(view([reviewRowFixture(14, { title: 'A | B' })])),
    });
    await vi.waitFor(() => expect(tableIds(el)).toEqual([14]));
    const written: string[] = [];
    const clipboard = vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text) => {
      written.push(text);
    });
    await userEvent.click(el.querySelector<HTMLButtonElement>('button[data-action="remarkup"]')!);
    await vi.waitFor(() => expect(el.querySelector('.live')?.textContent).toMatch(/Copied as Remarkup/));
    expect(written[0]).toMatch(/^\| Task \| Title \|/);
    expect(written[0]).toContain('[[ http://127.0.0.1:8080/maniphest/?ids=14 | A ¦ B ]]');
    clipboard.mockRejectedValue(new Error('denied'));
    await userEvent.click(el.querySelector<HTMLButtonElement>('button[data-action="remarkup"]')!);
    await vi.waitFor(() =>
      expect(el.querySelector<HTMLTextAreaElement>('.manual-copy')?.value).toContain('| T\u200b14 |'),
    );
    clipboard.mockRestore();
  });

  it('says so when there is no open UBN!, and shows an error with Retry when the worker fails', async () => {
    let fail = true;
    const el = mount({
      requests: [],
      answer: (request) => {
        if (request.type === 'settings/get') return ok(settings);
        if (fail) return { ok: false, error: { kind: 'network', message: 'Phabricator is not answering.' } };
        return ok(view([]));
      },
    });
    await vi.waitFor(() =>
      expect(el.querySelector('.error')?.textContent).toContain('Phabricator is not answering.'),
    );
    fail = false;
    await userEvent.click([...el.querySelectorAll('button')].find((b) => b.textContent === 'Retry')!);
    await vi.waitFor(() =>
      expect(el.querySelector('.empty')?.textContent).toBe('No open Unbreak Now! task on this instance.'),
    );
  });

  it('shows the resolved weeks when asked', async () => {
    const resolved = resolvedOf([
      resolvedTaskFixture(77, { title: 'Uploads fail', resolvedAt: NOW - 2 * DAY }),
      resolvedTaskFixture(78, { resolvedAt: THIS_WEEK - 10 * 7 * DAY + DAY, toFirstOwner: 7200 }),
    ]);
    const el = mount({
      requests: [],
      answer: (request) =>
        request.type === 'settings/get'
          ? ok(settings)
          : request.type === 'review/resolved'
            ? ok(resolved)
            : ok(view([reviewRowFixture(1)])),
    });
    await vi.waitFor(() => expect(tableIds(el)).toEqual([1]));
    await userEvent.click(
      [...el.querySelectorAll('button')].find((b) => b.textContent === 'Resolved, last 12 weeks')!,
    );
    await vi.waitFor(() => expect(el.querySelectorAll('.resolved-table tbody tr')).toHaveLength(12));
    expect(el.querySelector('.resolved-table caption')?.textContent).toContain(
      '2 Unbreak Now! tasks resolved',
    );
    expect(el.querySelector('.resolved-table tbody tr:nth-child(2)')?.textContent).toContain('2 hours');
    // The tasks behind the medians, each linked.
    const tasks = el.querySelector('.resolved-tasks')!;
    expect(tasks.querySelector('summary')?.textContent).toBe('The 2 tasks');
    const link = tasks.querySelector<HTMLAnchorElement>('tbody a')!;
    expect(link.getAttribute('href')).toBe(`${INSTANCE}/T77`);
    expect(tasks.querySelector('tbody tr')?.textContent).toContain('never');
  });

  it('draws the first rows of 1,000 at once and the rest progressively', async () => {
    const el = mount({
      requests: [],
      answer: (request) => (request.type === 'settings/get' ? ok(settings) : ok(view(manyRows(1000)))),
    });
    await vi.waitFor(() => expect(tableIds(el).length).toBeGreaterThan(0));
    await vi.waitFor(() => expect(tableIds(el)).toHaveLength(1000), { timeout: 10_000 });
    expect(el.querySelectorAll('.chart-row')).toHaveLength(1000);
  });

  it('exports only the view shown, and only once its data is there', async () => {
    let answerResolved: ((reply: unknown) => void) | null = null;
    const el = mount({
      requests: [],
      answer: (request) =>
        request.type === 'settings/get'
          ? ok(settings)
          : request.type === 'review/resolved'
            ? new Promise((resolve) => (answerResolved = resolve))
            : ok(view([reviewRowFixture(14)])),
    });
    await vi.waitFor(() => expect(tableIds(el)).toEqual([14]));
    const csv = el.querySelector<HTMLButtonElement>('button[data-action="csv"]')!;
    const remarkup = el.querySelector<HTMLButtonElement>('button[data-action="remarkup"]')!;
    expect(csv.disabled).toBe(false);
    await userEvent.click(
      [...el.querySelectorAll('button')].find((b) => b.textContent === 'Resolved, last 12 weeks')!,
    );
    // The resolved weeks are still being read: nothing to export yet, and the page says why.
    await vi.waitFor(() => expect(csv.disabled).toBe(true));
    expect(remarkup.disabled).toBe(true);
    const reason = el.querySelector(`#${csv.getAttribute('aria-describedby')}`);
    expect(reason?.textContent).toContain('once the resolved tasks have been read');
    await vi.waitFor(() => expect(answerResolved).not.toBeNull());
    answerResolved!({ ok: false, error: { kind: 'network', message: 'Phabricator is not answering.' } });
    await vi.waitFor(() => expect(el.querySelector('.error')?.textContent).toContain('not answering'));
    expect(csv.disabled).toBe(true);
    expect(el.querySelector('.live')?.textContent).toBe('');
    const written: string[] = [];
    const clipboard = vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text) => {
      written.push(text);
    });
    await userEvent.click([...el.querySelectorAll('button')].find((b) => b.textContent === 'Open now')!);
    await vi.waitFor(() => expect(remarkup.disabled).toBe(false));
    await userEvent.click(remarkup);
    await vi.waitFor(() => expect(written.join('')).toContain('ids=14'));
    clipboard.mockRestore();
  });

  it('keeps the rows already drawn while fetch batches land, and starts over only on a new sort', async () => {
    const cached = manyRows(300);
    const missing = Array.from({ length: 30 }, (_, i) => 5000 + i);
    const releases: (() => void)[] = [];
    const el = mount({
      requests: [],
      answer: async (request) => {
        if (request.type === 'settings/get') return ok(settings);
        if (request.type === 'review/open') return ok(view(cached, request.refresh ? missing : []));
        if (request.type === 'review/fetch') {
          await new Promise<void>((resolve) => releases.push(resolve));
          return ok(request.ids.map((id) => reviewRowFixture(id, { age: 60 })));
        }
        throw new Error(request.type);
      },
    });
    await vi.waitFor(() => expect(tableIds(el)).toHaveLength(300), { timeout: 10_000 });
    // From now on the table must never shrink back to the first screenful.
    let fewest = Infinity;
    const body = el.querySelector('.review-table tbody')!;
    const observer = new MutationObserver(() => {
      fewest = Math.min(fewest, body.querySelectorAll('tr[data-task]').length);
    });
    observer.observe(body, { childList: true, subtree: true });
    for (let batch = 0; batch < 3; batch++) {
      await vi.waitFor(() => expect(releases).toHaveLength(batch + 1));
      releases[batch]!();
      await vi.waitFor(() => expect(tableIds(el)).toHaveLength(310 + batch * 10), { timeout: 10_000 });
    }
    observer.disconnect();
    expect(fewest).toBeGreaterThanOrEqual(300);
    expect(tableIds(el)).toHaveLength(330);
    // A new sort moves every row: drawn again from the first screenful, then the rest.
    await userEvent.click(el.querySelector<HTMLButtonElement>('button[data-sort="task"]')!);
    await vi.waitFor(() => expect(tableIds(el)).toHaveLength(330), { timeout: 10_000 });
    expect(tableIds(el)[0]).toBeLessThan(tableIds(el)[1]!);
  });

  it('drops a resolved reply for the instance the user switched away from', async () => {
    const OTHER = 'http://127.0.0.1:9090';
    const twoInstances = { settings: { instances: [{ url: INSTANCE }, { url: OTHER }] }, tokens: {} };
    const late: ((reply: unknown) => void)[] = [];
    const weeks = (instance: string, resolvedCount: number): ResolvedView =>
      resolvedOf(
        Array.from({ length: resolvedCount }, (_, i) => resolvedTaskFixture(i + 1)),
        [],
        instance,
      );
    const el = mount({
      requests: [],
      answer: (request) => {
        if (request.type === 'settings/get') return ok(twoInstances);
        if (request.type === 'review/resolved') {
          if (request.instance === INSTANCE) return new Promise((resolve) => late.push(resolve));
          return ok(weeks(OTHER, 2));
        }
        return ok(view([reviewRowFixture(1)]));
      },
    });
    await vi.waitFor(() => expect(tableIds(el)).toEqual([1]));
    await userEvent.click(
      [...el.querySelectorAll('button')].find((b) => b.textContent === 'Resolved, last 12 weeks')!,
    );
    await vi.waitFor(() => expect(late).toHaveLength(1));
    await userEvent.selectOptions(el.querySelector<HTMLSelectElement>('header select')!, OTHER);
    await userEvent.click(
      [...el.querySelectorAll('button')].find((b) => b.textContent === 'Resolved, last 12 weeks')!,
    );
    await vi.waitFor(() =>
      expect(el.querySelector('.resolved-table caption')?.textContent).toContain('2 Unbreak'),
    );
    late[0]!(ok(weeks(INSTANCE, 9)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(el.querySelector('.resolved-table caption')?.textContent).toContain('2 Unbreak');
  });

  it('filters the resolved weeks by team, and exports what the filters keep', async () => {
    const resolved = resolvedOf([
      resolvedTaskFixture(1, { toFirstOwner: 3600, toResolution: 2 * DAY, teams: ['Storage Team'] }),
      resolvedTaskFixture(2, { toFirstOwner: 5 * 3600, toResolution: 6 * DAY, teams: ['Web Team'] }),
      resolvedTaskFixture(3, { toFirstOwner: null, toResolution: 4 * DAY, teams: ['Web Team'] }),
    ]);
    const el = mount({
      requests: [],
      answer: (request) =>
        request.type === 'settings/get'
          ? ok(settings)
          : request.type === 'review/resolved'
            ? ok(resolved)
            : ok(view([reviewRowFixture(1)])),
    });
    await vi.waitFor(() => expect(tableIds(el)).toEqual([1]));
    await resolvedTab(el);
    // This week: count, never owned, median to first owner, median to resolution.
    const thisWeek = () =>
      [...el.querySelectorAll('.resolved-table tbody tr:last-child td')].map((td) => td.textContent);
    await vi.waitFor(() => expect(thisWeek()).toEqual(['3', '1', '3 hours', '4 days']));
    const team = el.querySelector<HTMLSelectElement>('select[data-filter="team"]')!;
    expect([...team.options].map((o) => o.value)).toEqual(['', 'Storage Team', 'Web Team']);
    await userEvent.selectOptions(team, 'Web Team');
    // Two tasks left this week: one never owned, the medians of the two.
    await vi.waitFor(() =>
      expect(el.querySelector('.resolved-table caption')?.textContent).toContain('2 Unbreak Now! tasks'),
    );
    expect(thisWeek()).toEqual(['2', '1', '5 hours', '5 days']);
    expect(
      [...el.querySelectorAll('.resolved-tasks tbody tr')].map((tr) => tr.getAttribute('data-task')),
    ).toEqual(['2', '3']);
    const written: string[] = [];
    const clipboard = vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text) => {
      written.push(text);
    });
    await userEvent.click(el.querySelector<HTMLButtonElement>('button[data-action="remarkup"]')!);
    await vi.waitFor(() => expect(written).toHaveLength(1));
    clipboard.mockRestore();
    expect(written[0]!.trim().split('\n').at(-1)).toMatch(
      /\|\s*2\s*\|\s*1\s*\|\s*5 hours\s*\|\s*5 days\s*\|/,
    );
  });

  it('reads the resolved tasks missing from the cache in batches, with progress', async () => {
    const missing = Array.from({ length: 25 }, (_, i) => 200 + i);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const requests: PageRequest[] = [];
    const el = mount({
      requests,
      answer: async (request) => {
        if (request.type === 'settings/get') return ok(settings);
        if (request.type !== 'review/resolved') return ok(view([reviewRowFixture(1)]));
        if (!request.ids) return ok(resolvedOf([resolvedTaskFixture(1)], missing));
        await gate;
        return ok(resolvedOf(request.ids.map((id) => resolvedTaskFixture(id))));
      },
    });
    await vi.waitFor(() => expect(tableIds(el)).toEqual([1]));
    await resolvedTab(el);
    // The cached task shows at once; the progress says how many histories are being read.
    await vi.waitFor(() => expect(el.querySelector('.progress progress')).not.toBeNull());
    const bar = el.querySelector<HTMLProgressElement>('.progress progress')!;
    expect(bar.max).toBe(25);
    expect(bar.value).toBe(0);
    expect(el.querySelector('.progress')?.getAttribute('role')).toBe('status');
    expect(el.querySelector('.progress')?.textContent).toContain('0 of 25');
    expect(el.querySelector('.resolved-table caption')?.textContent).toContain('1 Unbreak Now! tasks');
    expect(el.querySelector<HTMLButtonElement>('button[data-action="csv"]')!.disabled).toBe(true);
    release();
    await vi.waitFor(() => expect(el.querySelector('.progress')).toBeNull());
    expect(el.querySelector('.resolved-table caption')?.textContent).toContain('26 Unbreak Now! tasks');
    const batches = requests.flatMap((r) => (r.type === 'review/resolved' && r.ids ? [r.ids] : []));
    expect(batches.map((ids) => ids.length)).toEqual([10, 10, 5]);
    expect(batches.flat()).toEqual(missing);
    expect(el.querySelector<HTMLButtonElement>('button[data-action="csv"]')!.disabled).toBe(false);
  });

  it('isolates titles, component, steward and filter names, so a right-to-left override reorders nothing', async () => {
    const rows = [
      reviewRowFixture(1, {
        title: 'Login \u202Eevil',
        project: 'Lo\u202Egin',
        component: 'Auth\u202E',
        team: 'Team\u202E',
      }),
    ];
    const el = mount({
      requests: [],
      answer: (request) => (request.type === 'settings/get' ? ok(settings) : ok(view(rows))),
    });
    await vi.waitFor(() => expect(tableIds(el)).toEqual([1]));
    const bdis = [...el.querySelectorAll('.review-table tbody bdi')].map((b) => b.textContent);
    expect(bdis).toContain('Login \u202Eevil');
    expect(bdis).toContain('Auth\u202E');
    expect(bdis.some((text) => text?.startsWith('Team'))).toBe(true);
    const option = [...el.querySelectorAll<HTMLOptionElement>('select[data-filter="project"] option')].find(
      (o) => o.value.startsWith('Lo'),
    )!;
    expect(option.textContent).toBe('\u2068Login\u2069');
    expect(el.querySelector('.chart-label')?.getAttribute('title')).toBe('\u2068Login evil\u2069');
  });
});
