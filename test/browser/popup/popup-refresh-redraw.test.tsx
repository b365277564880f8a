// What a refresh of an unchanged list does to the rows already on screen: nothing. The worker's answer
// brings new objects for the same tasks, and the list must not count them as rows never drawn.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { manyRows, watchlist } from '../../fixtures/views/watchlist';
import { PAGE_SIZE } from '../../../src/popup/Popup';
import { buttonIn, mountPopup, rowIds, settled, unmountPopup } from './harness';

afterEach(unmountPopup);

async function openMany(delayMs = 0) {
  const rows = manyRows(60);
  const worker = fakeWorker({ 'watchlist/get': ok(watchlist({ rows })) }, { delayMs });
  const popup = mountPopup(worker);
  await settled(popup);
  await vi.waitFor(() => expect(rowIds(popup.root)).toHaveLength(PAGE_SIZE));
  // Let the idle drawing of the opening pair finish.
  await new Promise((r) => setTimeout(r, 400));
  await vi.waitFor(() => expect(rowIds(popup.root)).toHaveLength(PAGE_SIZE));
  return popup;
}

describe('refreshing an unchanged list', () => {
  it('keeps every drawn row on screen: the list does not collapse to a few rows and grow back', async () => {
    const popup = await openMany();
    let fewest = rowIds(popup.root).length;
    const observer = new MutationObserver(() => {
      fewest = Math.min(fewest, rowIds(popup.root).length);
    });
    observer.observe(popup.root, { childList: true, subtree: true });
    await userEvent.click(buttonIn(popup.root, /^Refresh/));
    await vi.waitFor(() => expect(popup.worker.sent('watchlist/get').length).toBe(3));
    await new Promise((r) => setTimeout(r, 600));
    observer.disconnect();
    expect(rowIds(popup.root)).toHaveLength(PAGE_SIZE);
    expect(fewest).toBe(PAGE_SIZE);
  });

  it('keeps the keyboard focus on a button of the 20th row while the refresh lands', async () => {
    const popup = await openMany(150);
    await userEvent.click(buttonIn(popup.root, /^Refresh/));
    const row = popup.root.querySelectorAll<HTMLElement>('.rows > li.row')[19]!;
    const id = row.dataset.task;
    const snooze = buttonIn(row, /^Snooze/);
    snooze.focus();
    expect(document.activeElement).toBe(snooze);
    await vi.waitFor(() => expect(popup.worker.sent('watchlist/get').length).toBe(3));
    await new Promise((r) => setTimeout(r, 800));
    const after = popup.root.querySelector<HTMLElement>(`li.row[data-task="${id}"]`)!;
    expect(document.activeElement).toBe(buttonIn(after, /^Snooze/));
  });
});
