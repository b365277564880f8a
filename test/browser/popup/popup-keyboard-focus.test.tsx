// Popup: where the keyboard's focus goes after an action fails or its control goes away, and how a
// custom snooze time's error reaches a screen reader.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fakeWorker, fail, ok } from '../../fixtures/views/fake-worker';
import { manyRows, watchlist } from '../../fixtures/views/watchlist';
import { buttonIn, mountPopup, rowIds, settled, unmountPopup } from './harness';

afterEach(unmountPopup);

const slowFail = async () => {
  await new Promise((resolve) => setTimeout(resolve, 40));
  return fail('network', 'Phabricator did not answer');
};

const focusLost = () => document.activeElement === null || document.activeElement === document.body;

describe('popup keyboard focus and announced errors', () => {
  it('a failed Unwatch pressed from the keyboard leaves the focus on a control in the row, not on the page body', async () => {
    const worker = fakeWorker({ 'watchlist/get': ok(watchlist()), 'task/watch-on': slowFail });
    const popup = mountPopup(worker);
    await settled(popup);
    const row = popup.root.querySelector<HTMLElement>('li.row[data-task="7"]')!;
    const unwatch = buttonIn(row, /^Unwatch/);
    unwatch.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(row.querySelector('.error')?.textContent).toContain('did not answer'));
    expect(focusLost(), 'focus fell to <body> after the failed Unwatch').toBe(false);
    expect(document.activeElement).toBe(unwatch);
  });

  it('a failed "1 hour" snooze pressed from the keyboard leaves the focus in the snooze panel', async () => {
    const worker = fakeWorker({ 'watchlist/get': ok(watchlist()), 'task/snooze': slowFail });
    const popup = mountPopup(worker);
    await settled(popup);
    const row = popup.root.querySelector<HTMLElement>('li.row[data-task="7"]')!;
    buttonIn(row, /^Snooze/).focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(row.querySelector('.panel')).not.toBeNull());
    // The panel focuses its first choice ("1 hour").
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() =>
      expect(row.querySelector('.panel .error')?.textContent).toContain('did not answer'),
    );
    expect(focusLost(), 'focus fell to <body> after the failed snooze').toBe(false);
    expect(row.querySelector('.panel')!.contains(document.activeElement)).toBe(true);
  });

  it('a custom snooze time left empty: the error is announced or the focused field describes it', async () => {
    const worker = fakeWorker({ 'watchlist/get': ok(watchlist()), 'task/snooze': ok(null) });
    const popup = mountPopup(worker);
    await settled(popup);
    const row = popup.root.querySelector<HTMLElement>('li.row[data-task="7"]')!;
    buttonIn(row, /^Snooze/).focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(row.querySelector('.snooze-custom')).not.toBeNull());
    const submit = row.querySelector<HTMLButtonElement>('.snooze-custom button[type="submit"]')!;
    submit.focus();
    await userEvent.keyboard('{Enter}');
    const error = await vi.waitFor(() => {
      const e = row.querySelector<HTMLElement>('.snooze-custom .field-error');
      if (!e) throw new Error('no error shown');
      return e;
    });
    const inLiveRegion =
      error.closest('[role="alert"],[role="status"],[aria-live]:not([aria-live="off"])') !== null;
    const active = document.activeElement as HTMLElement | null;
    const focusedFieldDescribed =
      active?.tagName === 'INPUT' &&
      (active.getAttribute('aria-describedby') ?? '').split(' ').includes(error.id);
    expect(
      inLiveRegion || focusedFieldDescribed,
      'the error is only visible: it is in no live region and the focus stays on the submit button',
    ).toBe(true);
  });

  it('"Show all" in the no-match state, pressed from the keyboard, keeps the focus in the popup', async () => {
    const worker = fakeWorker({ 'watchlist/get': ok(watchlist()) });
    const popup = mountPopup(worker);
    await settled(popup);
    const search = popup.root.querySelector<HTMLInputElement>('input.search')!;
    search.focus();
    await userEvent.keyboard('zzzz-no-such-task');
    await vi.waitFor(() => expect(popup.root.querySelector('[data-state="no-match"]')).not.toBeNull());
    const showAll = buttonIn(popup.root.querySelector<HTMLElement>('[data-state="no-match"]')!, /./);
    showAll.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(rowIds(popup.root).length).toBeGreaterThan(0));
    expect(focusLost(), 'focus fell to <body> once the list came back').toBe(false);
    expect(document.activeElement).toBe(search);
  });

  it('the last "Show more" pressed from the keyboard keeps the focus in the list, not on the page body', async () => {
    const worker = fakeWorker({ 'watchlist/get': ok(watchlist({ rows: manyRows(30) })) });
    const popup = mountPopup(worker);
    await settled(popup);
    await vi.waitFor(() => expect(rowIds(popup.root).length).toBe(25));
    const more = buttonIn(popup.root, /more/i);
    more.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(rowIds(popup.root).length).toBe(30));
    expect(focusLost(), 'focus fell to <body> when the Show more button went away').toBe(false);
    const firstShown = popup.root.querySelectorAll<HTMLElement>('ul.rows > li.row')[25]!;
    expect(firstShown.contains(document.activeElement)).toBe(true);
  });
});
