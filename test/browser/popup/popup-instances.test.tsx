// The popup lists the rows of several instances; task numbers repeat across them (every instance has a T7).
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { INSTANCE } from '../../fixtures/views/people';
import { rowT7, watchlist } from '../../fixtures/views/watchlist';
import { buttonIn, mountPopup, settled, unmountPopup } from './harness';

afterEach(unmountPopup);

const OTHER = 'https://phabricator.other.example';

describe('rows of two instances with the same task number', () => {
  it('opens the Snooze panel only on the row whose button was pressed', async () => {
    const rows = [
      { ...rowT7, instance: INSTANCE },
      { ...rowT7, instance: OTHER, task: { ...rowT7.task, url: `${OTHER}/T7` } },
    ];
    const popup = mountPopup(fakeWorker({ 'watchlist/get': ok(watchlist({ rows })) }));
    await settled(popup);
    const [first, second] = Array.from(popup.root.querySelectorAll<HTMLElement>('li.row[data-task="7"]'));
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    await userEvent.click(buttonIn(second!, /^Snooze/));
    expect(buttonIn(second!, /^Snooze/).getAttribute('aria-expanded')).toBe('true');
    // The row of the other instance must stay closed.
    expect(buttonIn(first!, /^Snooze/).getAttribute('aria-expanded')).toBe('false');
    expect(first!.querySelector('.panel')).toBeNull();
  });

  it('gives each row title its own id, so each article is labelled by its own title', async () => {
    const rows = [
      { ...rowT7, instance: INSTANCE },
      {
        ...rowT7,
        instance: OTHER,
        task: { ...rowT7.task, title: 'Another instance task', url: `${OTHER}/T7` },
      },
    ];
    const popup = mountPopup(fakeWorker({ 'watchlist/get': ok(watchlist({ rows })) }));
    await settled(popup);
    const ids = Array.from(popup.root.querySelectorAll('li.row h3')).map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
