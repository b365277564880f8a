// A long watchlist arrives in two parts: the first screen of rows with the whole list's counts, then
// every row once that screen is drawn. The popup says that more is coming, counts the whole list from the
// start, and searches the whole list once it is here.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { PageRequest, StaleRow } from '../../../src/messages';
import { firstScreen } from '../../../src/shared/watchlist-first-screen';
import { fakeWorker, fail, ok } from '../../fixtures/views/fake-worker';
import { NOW } from '../../fixtures/views/people';
import { manyRows, watchlist } from '../../fixtures/views/watchlist';
import { FIRST_SCREEN } from '../../../src/popup/use-watchlist';
import { buttonIn, mountPopup, rowIds, text, unmountPopup } from './harness';

afterEach(unmountPopup);

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const ROWS = manyRows(100);
const VIEW = watchlist({ rows: ROWS });

function pagedWorker(rest: Promise<unknown>) {
  return fakeWorker({
    'watchlist/first': (request: PageRequest) =>
      ok(firstScreen(VIEW, request.type === 'watchlist/first' ? request.count : 0, NOW)),
    'watchlist/rest': () => rest,
  });
}

describe('popup, a long watchlist', () => {
  it('shows the first screen at once, says how many more are coming, then searches the whole list', async () => {
    const rest = deferred<unknown>();
    const popup = mountPopup(pagedWorker(rest.promise));
    const { root } = popup;
    await expect.poll(() => rowIds(root).length).toBe(FIRST_SCREEN);
    const first = popup.worker.sent('watchlist/first')[0];
    expect(first?.count).toBe(FIRST_SCREEN);
    // Only the first part is here: the filters count the whole list, and the popup says more is coming.
    const loading = root.querySelector('[data-state="loading-rest"]');
    expect(loading?.getAttribute('role')).toBe('status');
    expect(text(loading)).toBe(`Loading ${100 - (first?.count ?? 0)} more…`);
    expect(text(root.querySelector('.filters'))).toContain('100');
    await expect.poll(() => popup.worker.sent('watchlist/rest').length).toBe(1);

    // The last generated task is not on the first screen.
    const last = ROWS.at(-1) as StaleRow;
    expect(rowIds(root)).not.toContain(last.task.id);
    rest.resolve(ok({ rows: ROWS, total: ROWS.length }));
    await expect.poll(() => root.querySelector('[data-state="loading-rest"]')).toBeNull();
    // The whole list is here: a full page of rows, and search covers all of them.
    expect(rowIds(root)).toHaveLength(25);
    await userEvent.fill(root.querySelector('input[type="search"]')!, `T${last.task.id}`);
    await expect.poll(() => rowIds(root)).toEqual([last.task.id]);
  });

  it('keeps a whole list on screen while a refresh reads the next one', async () => {
    let rest = deferred<unknown>();
    rest.resolve(ok({ rows: ROWS, total: ROWS.length }));
    const worker = pagedWorker(rest.promise);
    const popup = mountPopup(worker);
    await expect.poll(() => popup.worker.sent('watchlist/rest').length).toBe(2);
    await expect.poll(() => popup.root.querySelector('[aria-busy="true"]')).toBeNull();
    expect(rowIds(popup.root)).toHaveLength(25);
    rest = deferred<unknown>();
    worker.answer('watchlist/rest', () => rest.promise);
    buttonIn(popup.root, /^Refresh$/).click();
    await expect.poll(() => popup.worker.sent('watchlist/rest').length).toBe(3);
    expect(rowIds(popup.root)).toHaveLength(25);
    expect(popup.root.querySelector('[data-state="loading-rest"]')).toBeNull();
    rest.resolve(ok({ rows: ROWS.slice(0, 12), total: 12 }));
    await expect.poll(() => rowIds(popup.root)).toHaveLength(12);
  });

  it('keeps the first screen and says so when the rest cannot be read', async () => {
    const rest = deferred<unknown>();
    const popup = mountPopup(pagedWorker(rest.promise));
    await expect.poll(() => rowIds(popup.root).length).toBe(FIRST_SCREEN);
    rest.resolve(fail('internal', 'The worker stopped.'));
    await expect.poll(() => popup.root.querySelector('[data-state="rest-failed"]')).not.toBeNull();
    expect(rowIds(popup.root)).toHaveLength(FIRST_SCREEN);
    expect(text(popup.root.querySelector('[data-state="refresh-failed"]'))).toContain('The worker stopped.');
  });
});
