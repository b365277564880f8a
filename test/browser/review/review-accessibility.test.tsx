// The UBN! review page for keyboard and screen-reader users: failures announced, Retry keeping the
// focus, a filter change announcing the new count, and severity told by more than colour.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { NOW, reviewRowFixture } from '../../fixtures/review/rows';
import { INSTANCE, mountReview as mount, ok, reviewView as view, unmountReview } from './mount-review';

const settings = { settings: { instances: [{ url: INSTANCE }] }, tokens: {} };

afterEach(unmountReview);

const LIVE = '[role="alert"],[role="status"],[aria-live]:not([aria-live="off"])';
const failing = { ok: false, error: { kind: 'network', message: 'Phabricator is not answering.' } };

describe('review page for keyboard and screen-reader users', () => {
  it('a failed read of the open UBN!s is announced, not only shown', async () => {
    const el = mount((request) => (request.type === 'settings/get' ? ok(settings) : failing));
    const error = await vi.waitFor(() => {
      const e = [...el.querySelectorAll<HTMLElement>('.error')].find((p) =>
        /not answering/.test(p.textContent ?? ''),
      );
      if (!e) throw new Error('no error yet');
      return e;
    });
    expect(
      error.closest(LIVE),
      'the error sits in no live region (role=alert/status, aria-live)',
    ).not.toBeNull();
  });

  it('Retry pressed from the keyboard does not drop the focus to the page body', async () => {
    let fail = true;
    const el = mount((request) => {
      if (request.type === 'settings/get') return ok(settings);
      return fail ? failing : ok(view([]));
    });
    const retry = await vi.waitFor(() => {
      const b = [...el.querySelectorAll<HTMLButtonElement>('button')].find((x) => x.textContent === 'Retry');
      if (!b) throw new Error('no Retry yet');
      return b;
    });
    fail = false;
    retry.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(el.querySelector('.empty')).not.toBeNull());
    expect(
      document.activeElement !== null && document.activeElement !== document.body,
      'the focus fell to <body>: a keyboard user starts again from the top of the page',
    ).toBe(true);
    expect(document.activeElement).toBe(el.querySelector('#open-heading'));
  });

  it('changing a filter from the keyboard announces how many tasks are now shown', async () => {
    const rows = [
      reviewRowFixture(1, { project: 'Login' }),
      reviewRowFixture(2, { project: 'Search' }),
      reviewRowFixture(3, { project: 'Login' }),
    ];
    const el = mount((request) => (request.type === 'settings/get' ? ok(settings) : ok(view(rows))));
    await vi.waitFor(() => expect(el.querySelectorAll('.review-table tbody tr[data-task]')).toHaveLength(3));
    const project = el.querySelector<HTMLSelectElement>('select[data-filter="project"]')!;
    await userEvent.selectOptions(project, 'Search');
    await vi.waitFor(() => expect(el.querySelectorAll('.review-table tbody tr[data-task]')).toHaveLength(1));
    expect(el.querySelector('.summary')?.textContent).toContain('1 of 3');
    const announced = [...el.querySelectorAll(LIVE)].some((region) =>
      /\b1 of 3\b/.test(region.textContent ?? ''),
    );
    expect(announced, 'the new count ("Showing 1 of 3") is visible but in no live region').toBe(true);
  });

  it('a critical rule and a warning rule of the same kind are told apart by more than colour', async () => {
    const critical = reviewRowFixture(1, { owner: 'acknowledged', age: 9 * 86400 });
    critical.stale = [
      {
        rule: 'escalation-age',
        severity: 'critical',
        firedAt: NOW - 2 * 86400,
        text: 'Unbreak Now! for 9 days',
      },
    ];
    critical.severity = 'critical';
    const warning = reviewRowFixture(2, { owner: 'acknowledged', age: 4 * 86400 });
    warning.stale = [
      { rule: 'escalation-age', severity: 'warning', firedAt: NOW - 86400, text: 'Unbreak Now! for 4 days' },
    ];
    warning.severity = 'warning';
    const el = mount((request) =>
      request.type === 'settings/get' ? ok(settings) : ok(view([critical, warning])),
    );
    await vi.waitFor(() => expect(el.querySelectorAll('.review-table tbody tr[data-task]')).toHaveLength(2));
    const flagsText = (id: number) =>
      (el.querySelector(`tr[data-task="${id}"] > td:last-child`)?.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim();
    // The same rule at two severities: its visible name is the same, so the colour must not be all that differs.
    expect(flagsText(1)).not.toBe(flagsText(2));
    expect(flagsText(1)).toMatch(/critical/i);
  });
});
