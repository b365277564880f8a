// The popup's "I'll drive this" knows who is process owner now: on a task someone else drives, the
// confirmation names whom the role is taken from; to the process owner themself it is not offered.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { watchlist } from '../../fixtures/views/watchlist';
import { buttonIn, mountPopup, rowOf, settled, text, unmountPopup } from './harness';

afterEach(unmountPopup);

async function open() {
  const popup = mountPopup(fakeWorker({ 'watchlist/get': ok(watchlist()) }));
  await settled(popup);
  return popup;
}

describe("popup: I'll drive this on a task that has a process owner", () => {
  it('says whom it replaces (T16: erin is declared)', async () => {
    const popup = await open();
    const row = rowOf(popup.root, 16);
    expect(text(row)).toContain('Erin');
    await userEvent.click(buttonIn(row, /I'll drive this/));
    const panel = row.querySelector('.panel') as HTMLElement;
    // The confirmation is the only thing between the click and a comment that takes the role from erin.
    expect(text(panel)).toMatch(/erin/i);
  });

  it('is not offered when you already are the process owner (T15: alice, the viewer)', async () => {
    const popup = await open();
    const row = rowOf(popup.root, 15);
    expect(() => buttonIn(row, /I'll drive this/)).toThrow();
  });
});
