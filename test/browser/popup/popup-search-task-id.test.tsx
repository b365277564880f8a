// Searching by task number: "T15" names one task, so T150, T151 and T1500 (which contain it) are not
// listed, however much worse they are; a bare "15" still finds the number anywhere in a row.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { HOUR, NOW } from '../../fixtures/views/people';
import { escalation, row, stale, task, watchlist } from '../../fixtures/views/watchlist';
import { listRows } from '../../../src/shared/watchlist-order';
import { mountPopup, rowIds, settled, unmountPopup } from './harness';

afterEach(unmountPopup);

// T15 is the least severe of them, so it would be listed last among matches.
const rows = [15, 150, 151, 1500].map((id) =>
  row({
    task: task(id, `Login broken on wiki ${id === 15 ? 'alpha' : 'beta'}`),
    escalation: escalation(id * HOUR, id === 15 ? 'info' : 'critical'),
    stale: [stale('no-process-owner', id === 15 ? 'info' : 'critical', 'No process owner')],
    severity: id === 15 ? 'info' : 'critical',
  }),
);
const ids = (query: string) => listRows(rows, 'all', query, NOW).active.map((r) => r.task.id);

describe('search by task number', () => {
  it('"T15" (any case) finds T15 alone', () => {
    expect(ids('T15')).toEqual([15]);
    expect(ids('t15')).toEqual([15]);
    expect(ids('t15 alpha')).toEqual([15]);
    expect(ids('t15 beta')).toEqual([]);
  });

  it('a bare number still matches anywhere', () => {
    expect(ids('15')).toEqual([1500, 151, 150, 15]);
    expect(ids('T150')).toEqual([150]);
  });

  it('typed in the popup, "T15" lists one row', async () => {
    const popup = mountPopup(fakeWorker({ 'watchlist/get': ok(watchlist({ rows })) }));
    await settled(popup);
    await userEvent.type(popup.root.querySelector('input[type="search"]')!, 'T15');
    expect(rowIds(popup.root)).toEqual([15]);
  });
});
