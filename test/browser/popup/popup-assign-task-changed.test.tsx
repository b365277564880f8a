// An assignment the worker refused because the task changed (a process owner declared meanwhile): the
// popup reads the list again before the user confirms again, so the row shows who is process owner now,
// and "Confirm again" is guarded by the task as it was read again, not sent unguarded.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fail, fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { NOW, erin } from '../../fixtures/views/people';
import { rowT1, task, watchlist } from '../../fixtures/views/watchlist';
import { buttonIn, mountPopup, rowOf, settled, text, unmountPopup } from './harness';

afterEach(unmountPopup);

describe('popup: assign refused because the task changed', () => {
  it('shows what changed (the process owner declared meanwhile) before offering "Confirm again"', async () => {
    const before = watchlist({ rows: [rowT1] });
    // What Phabricator says now: erin declared herself a minute ago.
    const after = watchlist({
      rows: [
        {
          ...rowT1,
          task: task(1, rowT1.task.title, { dateModified: NOW - 60 }),
          processOwner: {
            state: 'declared',
            person: erin,
            declaredAt: NOW - 60,
            acknowledgedAt: null,
            lastActivityAt: null,
            problem: null,
          },
        },
      ],
    });
    const worker = fakeWorker({
      'watchlist/get': ok(before),
      'process-owner/assign': fail(
        'task-changed',
        'T1 changed since you opened it. Check what changed, then confirm again.',
        true,
      ),
    });
    const popup = mountPopup(worker);
    await settled(popup);
    worker.answer('watchlist/get', ok(after));

    const row = rowOf(popup.root, 1);
    await userEvent.click(buttonIn(row, /Assign process owner/));
    const panel = row.querySelector('[role="dialog"]') as HTMLElement;
    await userEvent.click(buttonIn(panel, /Make @carol process owner/));
    await vi.waitFor(() => expect(text(panel.querySelector('[role="alert"]'))).toContain('task changed'));
    expect(buttonIn(panel, /Confirm again/)).toBeTruthy();

    // Before the user confirms again, the popup must show the task as it is now: erin is process owner.
    await vi.waitFor(() => expect(text(rowOf(popup.root, 1))).toContain('Erin'), { timeout: 2000 });
    const again = rowOf(popup.root, 1).querySelector('[role="dialog"]') as HTMLElement;
    await userEvent.click(buttonIn(again, /Confirm again/));
    await vi.waitFor(() =>
      expect(worker.requests.filter((r) => r.type === 'process-owner/assign')).toHaveLength(2),
    );
    const second = worker.requests.filter((r) => r.type === 'process-owner/assign')[1];
    expect(second).toMatchObject({ expectedDateModified: NOW - 60 });
  });
});
