// Where the keyboard's focus goes after a row action whose row then leaves the list (or moves to the
// other one): to the notice that says what happened, not to the page.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { HOUR, NOW } from '../../fixtures/views/people';
import { rowT1, rowT7, rowT15, rowT16, watchlist } from '../../fixtures/views/watchlist';
import { buttonIn, mountPopup, rowOf, settled, text, unmountPopup } from './harness';

afterEach(unmountPopup);

describe('focus after a row action that removes the row', () => {
  it("Unwatch by keyboard: once the list is read again without the row, focus goes to the notice's Undo", async () => {
    const worker = fakeWorker({ 'watchlist/get': ok(watchlist()), 'task/watch-on': ok(null) });
    const popup = mountPopup(worker);
    await settled(popup);
    const button = buttonIn(rowOf(popup.root, 11), /Unwatch/);
    // The worker now answers without T11 (the user stopped watching it).
    worker.answer('watchlist/get', ok(watchlist({ rows: [rowT1, rowT7, rowT15, rowT16] })));
    button.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() =>
      expect(text(popup.root.querySelector('.live'))).toContain('Stopped watching T11.'),
    );
    await vi.waitFor(() => expect(popup.root.querySelector('li.row[data-task="11"]')).toBeNull());
    await new Promise((r) => setTimeout(r, 100));
    expect(document.activeElement).toBe(buttonIn(popup.root.querySelector<HTMLElement>('.live')!, /^Undo/));
  });

  it('Unsnooze by keyboard: once the row moves back to the list, focus goes to the notice', async () => {
    const worker = fakeWorker({
      'watchlist/get': ok(watchlist({ rows: [rowT1, { ...rowT7, snoozedUntil: NOW + HOUR }] })),
      'task/snooze': ok(null),
    });
    const popup = mountPopup(worker);
    await settled(popup);
    await userEvent.click(popup.root.querySelector('details.snoozed summary')!);
    const button = buttonIn(popup.root.querySelector('details.snoozed')! as HTMLElement, /Unsnooze/);
    worker.answer('watchlist/get', ok(watchlist({ rows: [rowT1, rowT7] })));
    button.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(popup.root.querySelector('details.snoozed')).toBeNull());
    await new Promise((r) => setTimeout(r, 100));
    // The notice has no Undo: the notice itself takes the focus.
    expect(text(popup.root.querySelector('.live'))).toContain('T7');
    expect(document.activeElement).toBe(popup.root.querySelector('.live'));
  });

  it('Snooze for 1 hour by keyboard: focus lands on the notice, not the page', async () => {
    const worker = fakeWorker({ 'watchlist/get': ok(watchlist()), 'task/snooze': ok(null) });
    const popup = mountPopup(worker);
    await settled(popup);
    const row = rowOf(popup.root, 7);
    buttonIn(row, /^Snooze/).focus();
    await userEvent.keyboard('{Enter}');
    worker.answer(
      'watchlist/get',
      ok(
        watchlist({
          rows: watchlist().rows.map((r) => (r.task.id === 7 ? { ...r, snoozedUntil: NOW + HOUR } : r)),
        }),
      ),
    );
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(text(popup.root.querySelector('.live'))).toMatch(/T7 snoozed/));
    await vi.waitFor(() => expect(popup.root.querySelector('.rows li.row[data-task="7"]')).toBeNull());
    await new Promise((r) => setTimeout(r, 100));
    expect(document.activeElement).not.toBe(document.body);
  });
});
