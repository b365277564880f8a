// The popup's list: which watched UBN! tasks it shows, in which order, with what, and how filters and
// search narrow it. The worker is a fake answering with hand-built watchlists (test/fixtures/views).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { DAY, NOW } from '../../fixtures/views/people';
import {
  manyRows,
  noOwner,
  rowT1,
  rowT11,
  rowT15,
  rowT7,
  stale,
  watchlist,
} from '../../fixtures/views/watchlist';
import { PAGE_SIZE } from '../../../src/popup/Popup';
import { NEW_ROWS_PER_RENDER } from '../../../src/popup/use-drawn-rows';
import { matchesSearch } from '../../../src/shared/watchlist-order';
import { RLO_NAME, readsLeftToRight } from '../support/bidi';
import { buttonIn, mountPopup, rowIds, rowOf, settled, text, unmountPopup } from './harness';

afterEach(unmountPopup);

async function open(view = watchlist()) {
  const popup = mountPopup(fakeWorker({ 'watchlist/get': ok(view) }));
  await settled(popup);
  return popup;
}

describe('popup list', () => {
  it('lists only stale rows, by severity then escalation age (oldest first)', async () => {
    const { root } = await open();
    // T1 critical 200 d, T7 critical 20 d, T11 warning 6 d, T15 warning 24 h, T16 info 3 h; T14 is not stale.
    expect(rowIds(root)).toEqual([1, 7, 11, 15, 16]);
  });

  it('orders by the worst fired rule when the row severity is missing, and by task id on ties', async () => {
    const a = { ...rowT11, task: { ...rowT11.task, id: 30 }, severity: null };
    const b = { ...rowT11, task: { ...rowT11.task, id: 21 }, severity: null };
    const { root } = await open(watchlist({ rows: [a, b, rowT15] }));
    // a and b: warning, 6 days (same age) → by id; T15 warning but 24 h.
    expect(rowIds(root)).toEqual([21, 30, 15]);
  });

  it('shows id and title linking to the task in a new tab, age, owner status, team and the rule', async () => {
    const { root } = await open();
    const row = rowOf(root, 7);
    const link = row.querySelector('h3 a') as HTMLAnchorElement;
    expect(link.href).toBe('http://127.0.0.1:8081/T7');
    expect(link.target).toBe('_blank');
    expect(link.rel).toContain('noopener');
    expect(text(link)).toBe('T7 Stored XSS in Echo notification rendering of page titles');
    expect(text(row.querySelector('.st-badge'))).toBe('Critical');
    expect(text(row.querySelector('.age'))).toContain('UBN! for 20 days');
    expect(text(row.querySelector('.row-owner'))).toMatch(
      /Process owner: Dave Lister @dave account disabled · declared, not acknowledged/,
    );
    expect(text(row.querySelector('.team'))).toBe('Team: Growth-Team');
    expect(text(row.querySelector('.rules'))).toBe("The process owner's account is disabled");

    const t1 = rowOf(root, 1);
    expect(text(t1.querySelector('.row-owner'))).toBe('Process owner: none declared');
    expect(text(t1.querySelector('.team'))).toBe('No owning team');
    // Both fired rules, worst first.
    expect(Array.from(t1.querySelectorAll('.rules li')).map((li) => li.getAttribute('data-rule'))).toEqual([
      'escalation-age',
      'no-process-owner',
    ]);
    expect(text(rowOf(root, 11).querySelector('.row-owner'))).toContain('assignee, not declared');
    expect(text(rowOf(root, 15).querySelector('.row-owner'))).toContain(
      'acknowledged · silent, last active 23 hours ago',
    );
  });

  it('gives the exact escalation time on keyboard focus of the age', async () => {
    const { root } = await open();
    const time = rowOf(root, 1).querySelector('time') as HTMLElement;
    expect(time.getAttribute('datetime')).toBe(
      new Date((NOW - 200 * DAY) * 1000).toISOString().replace('.000Z', 'Z'),
    );
    const tip = document.getElementById(time.getAttribute('aria-describedby') ?? '');
    expect(text(tip)).toMatch(/^Exact time: .*2026/);
  });

  it('shows a task from another origin, or with a non-http URL, as text and not as a link', async () => {
    const hostile = { ...rowT1, task: { ...rowT1.task, url: 'javascript:alert(1)' } };
    const elsewhere = { ...rowT7, task: { ...rowT7.task, url: 'https://evil.example/T7' } };
    const { root } = await open(watchlist({ rows: [hostile, elsewhere] }));
    expect(root.querySelectorAll('h3 a')).toHaveLength(0);
    expect(text(rowOf(root, 1).querySelector('h3'))).toContain('T1 CentralAuth');
  });

  it.each([
    [1, '1 UBN! task has no process owner: block the train'],
    [2, '2 UBN! tasks have no process owner: block the train'],
  ])('says the deploy gate is on for %i task(s)', async (count, expected) => {
    const { root } = await open(watchlist({ deployGate: { blocked: true, count } }));
    expect(text(root.querySelector('[data-state="deploy-gate"]'))).toBe(expected);
  });

  it('counts a released role in the gate line and says who released it and when', async () => {
    // Escalated 25 h ago, "Process owner: none" 40 minutes ago: stale at once (rule 1 counts from the
    // escalation), so the worker's gate counts it.
    const released = {
      ...rowT11,
      task: { ...rowT11.task, id: 40, assignee: null },
      escalation: { ...rowT11.escalation!, escalatedAt: NOW - 25 * 3600, ageSeconds: 25 * 3600 },
      processOwner: { ...noOwner, released: { by: 'alice', at: NOW - 40 * 60 } },
      stale: [
        stale(
          'no-process-owner',
          'warning',
          'No process owner for 1 day since escalation; @alice released the role 40 minutes ago',
        ),
      ],
      severity: 'warning' as const,
    };
    const { root } = await open(watchlist({ rows: [released], deployGate: { blocked: true, count: 1 } }));
    expect(text(root.querySelector('[data-state="deploy-gate"]'))).toBe(
      '1 UBN! task has no process owner: block the train',
    );
    const row = rowOf(root, 40);
    expect(text(row.querySelector('[data-released]'))).toBe(
      '· released by @alice 40 minutes ago: needs a new process owner',
    );
    expect(text(row.querySelector('.rules'))).toContain('@alice released the role 40 minutes ago');
  });

  it('has no deploy-gate line when the gate is off', async () => {
    const { root } = await open(watchlist({ deployGate: { blocked: false, count: 0 } }));
    expect(root.querySelector('[data-state="deploy-gate"]')).toBeNull();
  });

  it('filters to mine and to my components, with counts on the filters', async () => {
    const { root } = await open();
    const labels = Array.from(root.querySelectorAll('.filters label')).map(text);
    expect(labels).toEqual(['All watched (5)', 'Mine (1)', 'My components (2)']);
    await userEvent.click(root.querySelector('input[value="mine"]')!);
    expect(rowIds(root)).toEqual([15]);
    await userEvent.click(root.querySelector('input[value="my-components"]')!);
    expect(rowIds(root)).toEqual([1, 15]);
    await userEvent.click(root.querySelector('input[value="all"]')!);
    expect(rowIds(root)).toEqual([1, 7, 11, 15, 16]);
  });

  it.each([
    ['T11', [11]],
    ['15', [15]],
    ['echo', [7, 16]],
    ['growth-team', [7, 16]],
    ['@carol', [11]],
    ['lister', [7]],
    ['centralauth sessions', [1]],
    ['nothing-like-this', []],
  ])('search "%s" finds %j', async (query, expected) => {
    const { root } = await open();
    await userEvent.type(root.querySelector('input[type="search"]')!, query);
    expect(rowIds(root)).toEqual(expected);
  });

  it('says when nothing matches and clears filter and search with one button', async () => {
    const { root } = await open();
    await userEvent.click(root.querySelector('input[value="mine"]')!);
    await userEvent.type(root.querySelector('input[type="search"]')!, 'echo');
    expect(root.querySelector('[data-state="no-match"]')).not.toBeNull();
    await userEvent.click(buttonIn(root, /Show all/));
    expect(rowIds(root)).toEqual([1, 7, 11, 15, 16]);
    expect((root.querySelector('input[type="search"]') as HTMLInputElement).value).toBe('');
  });

  it('moves snoozed tasks to a collapsed section of their own', async () => {
    const snoozed = { ...rowT7, snoozedUntil: NOW + 3600 };
    const past = { ...rowT11, snoozedUntil: NOW - 60 };
    const { root } = await open(watchlist({ rows: [rowT1, snoozed, past] }));
    expect(rowIds(root)).toEqual([1, 11]);
    const section = root.querySelector('details.snoozed') as HTMLDetailsElement;
    expect(text(section.querySelector('summary'))).toBe('Snoozed (1)');
    // Collapsed, its rows are not drawn at all; opening draws them.
    expect(rowIds(root, 'details.snoozed .rows')).toEqual([]);
    await userEvent.click(section.querySelector('summary') as HTMLElement);
    await expect.poll(() => rowIds(root, 'details.snoozed .rows')).toEqual([7]);
    expect(text(rowOf(section, 7).querySelector('.snoozed-until'))).toContain('Snoozed for 1 hour');
  });

  it('draws a thousand stale tasks a page at a time, worst first', async () => {
    const { root } = await open(watchlist({ rows: manyRows(1000) }));
    await vi.waitFor(() => expect(rowIds(root)).toHaveLength(PAGE_SIZE));
    expect(root.querySelectorAll('li.row[data-severity="critical"]')).toHaveLength(PAGE_SIZE);
    await userEvent.click(buttonIn(root, new RegExp(`Show more \\(${1000 - PAGE_SIZE} left\\)`)));
    await vi.waitFor(() => expect(rowIds(root)).toHaveLength(2 * PAGE_SIZE));
  });

  it('answers a keystroke by drawing the top of the new list first, in order, and the rest when idle', async () => {
    const rows = manyRows(1000);
    const { root } = await open(watchlist({ rows }));
    await vi.waitFor(() => expect(rowIds(root)).toHaveLength(PAGE_SIZE));
    const before = rowIds(root);
    const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    // Most of the rows "number 5" finds were not on the page before.
    const expected = rows.filter((r) => matchesSearch(r, 'number 5')).map((r) => r.task.id);
    let firstDraw: number[] | null = null;
    const observer = new MutationObserver(() => {
      firstDraw ??= rowIds(root);
    });
    observer.observe(root.querySelector('.rows')!, { childList: true });
    search.value = 'number 5';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(firstDraw).not.toBeNull());
    observer.disconnect();
    // The keystroke's own render mounts at most NEW_ROWS_PER_RENDER rows (rows already drawn stay), and
    // what it draws is the top of the new list.
    expect(firstDraw!.filter((id) => !before.includes(id)).length).toBe(NEW_ROWS_PER_RENDER);
    expect(firstDraw!.length).toBeLessThan(PAGE_SIZE);
    expect(firstDraw).toEqual(rowIds(root).slice(0, firstDraw!.length));
    await vi.waitFor(() => expect(rowIds(root)).toHaveLength(PAGE_SIZE));
    expect(rowIds(root).every((id) => expected.includes(id))).toBe(true);
  });

  it('is reachable by keyboard: Tab goes from the filters to the search and into the first row', async () => {
    const { root } = await open();
    (root.querySelector('input[value="all"]') as HTMLInputElement).focus();
    await userEvent.tab();
    expect(document.activeElement).toBe(root.querySelector('input[type="search"]'));
    await userEvent.tab();
    expect(document.activeElement).toBe(rowOf(root, 1).querySelector('h3 a'));
  });
});

describe('popup rows with bidi controls and long strings', () => {
  it('an override in a name or title stays inside it; a long title wraps inside the popup', async () => {
    const hostile = {
      ...rowT7,
      task: { ...rowT7.task, title: `XSS ${'\u202E'}${'y'.repeat(300)}` },
      processOwner: {
        ...rowT7.processOwner!,
        person: { ...rowT7.processOwner!.person!, realName: RLO_NAME },
      },
      team: `Growth ${'\u202E'}`,
    };
    const { root } = await open(watchlist({ rows: [hostile] }));
    const row = rowOf(root, 7);
    expect(readsLeftToRight(row.querySelector('.row-owner')!, 'declared')).toBe(true);
    expect(row.scrollWidth).toBeLessThanOrEqual(row.clientWidth);
  });
});
