// The popup lists the rows of several instances; task numbers repeat across them (every instance has a T7).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { INSTANCE } from '../../fixtures/views/people';
import { rowT1, rowT7, watchlist } from '../../fixtures/views/watchlist';
import { t14 } from '../../fixtures/contexts/task-contexts';
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

describe("I'll drive this on a row of the second instance", () => {
  const rows = [
    { ...rowT1, instance: INSTANCE },
    { ...rowT1, instance: OTHER, task: { ...rowT1.task, id: 3, url: `${OTHER}/T3` } },
  ];
  const asmith = { username: 'asmith', phid: 'PHID-USER-asmith0000000000', realName: 'Alice Smith' };

  it('declares the account signed in on that instance, not the first one', async () => {
    const worker = fakeWorker({
      'watchlist/get': ok(watchlist({ rows, viewers: { [INSTANCE]: watchlist().viewer!, [OTHER]: asmith } })),
      'process-owner/assign': ok({ duplicate: false, context: t14() }),
    });
    const popup = mountPopup(worker);
    await settled(popup);
    const other = popup.root.querySelector<HTMLElement>('li.row[data-task="3"]')!;
    await userEvent.click(buttonIn(other, /I'll drive this/));
    await userEvent.click(buttonIn(other.querySelector('.panel')!, /^Post$/));
    await vi.waitFor(() => expect(worker.sent('process-owner/assign')).toHaveLength(1));
    expect(worker.sent('process-owner/assign')[0]).toMatchObject({ instance: OTHER, username: 'asmith' });
  });

  it('is not offered where Steward does not know who you are on that instance', async () => {
    const worker = fakeWorker({
      'watchlist/get': ok(watchlist({ rows, viewers: { [INSTANCE]: watchlist().viewer! } })),
    });
    const popup = mountPopup(worker);
    await settled(popup);
    const first = popup.root.querySelector<HTMLElement>('li.row[data-task="1"]')!;
    const other = popup.root.querySelector<HTMLElement>('li.row[data-task="3"]')!;
    expect(() => buttonIn(first, /I'll drive this/)).not.toThrow();
    expect(() => buttonIn(other, /I'll drive this/)).toThrow();
  });
});
