// The popup's header at the popup's own width (420 px): its three actions read as three buttons.
import { afterEach, expect, it } from 'vitest';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { watchlist } from '../../fixtures/views/watchlist';
import { mountPopup, settled, unmountPopup } from './harness';

afterEach(unmountPopup);

/** How many lines an element's text takes (one client rect per line box of a single text run). */
function lines(element: Element): number {
  const range = document.createRange();
  range.selectNodeContents(element);
  const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
  return tops.size;
}

it('keeps each header button on one line and one row, the title wrapping instead', async () => {
  const popup = mountPopup(fakeWorker({ 'watchlist/get': () => ok(watchlist()) }));
  await settled(popup);
  const actions = [...popup.root.querySelectorAll('.popup-header .st-button')];
  expect(actions.map((a) => a.textContent)).toEqual(['Refresh', 'UBN! review', 'Options']);
  for (const action of actions) expect(lines(action), action.textContent ?? '').toBe(1);
  const tops = new Set(actions.map((a) => Math.round(a.getBoundingClientRect().top)));
  expect(tops.size).toBe(1);
  // Nothing sticks out of the popup's width.
  const header = popup.root.querySelector('.popup-header')!;
  expect(header.scrollWidth).toBeLessThanOrEqual(header.clientWidth);
});
