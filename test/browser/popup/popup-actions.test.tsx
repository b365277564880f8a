// Row actions send the right request to the worker, once, and the popup shows the result.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { PageRequest } from '../../../src/messages';
import { fail, fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { DAY, HOUR, INSTANCE, NOW } from '../../fixtures/views/people';
import { rowT7, watchlist } from '../../fixtures/views/watchlist';
import { t14 } from '../../fixtures/contexts/task-contexts';
import { toLocalInputValue } from '../../../src/popup/local-time';
import { buttonIn, mountPopup, rowOf, settled, text, unmountPopup } from './harness';

afterEach(unmountPopup);

async function open(answers: Partial<Record<PageRequest['type'], unknown>> = {}, delayMs = 0) {
  const worker = fakeWorker({ 'watchlist/get': ok(watchlist()), ...answers }, { delayMs });
  const popup = mountPopup(worker);
  await settled(popup);
  return popup;
}

describe('snooze', () => {
  it.each([
    [/For 1 hour/, NOW + HOUR],
    [/For 1 day/, NOW + DAY],
  ])('%s sends task/snooze with the right time and says until when', async (choice, until) => {
    const popup = await open({ 'task/snooze': ok(null) });
    const row = rowOf(popup.root, 7);
    await userEvent.click(buttonIn(row, /^Snooze/));
    expect(buttonIn(row, /^Snooze/).getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(buttonIn(row, /For 1 hour/));
    await userEvent.click(buttonIn(row, choice));
    await vi.waitFor(() =>
      expect(popup.worker.sent('task/snooze')).toEqual([
        { type: 'task/snooze', instance: INSTANCE, taskId: 7, until },
      ]),
    );
    await vi.waitFor(() =>
      expect(text(popup.root.querySelector('.live'))).toMatch(/^T7 snoozed until .*2026/),
    );
    // The list is read again so the row moves to the snoozed section.
    expect(popup.worker.sent('watchlist/get').length).toBe(3);
  });

  it('snoozes until a custom date and time', async () => {
    const popup = await open({ 'task/snooze': ok(null) });
    const row = rowOf(popup.root, 7);
    await userEvent.click(buttonIn(row, /^Snooze/));
    const input = row.querySelector('input[type="datetime-local"]') as HTMLInputElement;
    const value = toLocalInputValue(NOW + 3 * DAY + 2 * HOUR);
    await userEvent.fill(input, value);
    await userEvent.click(buttonIn(row, /Snooze until then/));
    await vi.waitFor(() => expect(popup.worker.sent('task/snooze')).toHaveLength(1));
    const sent = popup.worker.sent('task/snooze')[0]!;
    // datetime-local has minute precision: the seconds of NOW are dropped.
    expect(sent.until).toBe(Math.floor(new Date(value).getTime() / 1000));
    expect(Math.abs((sent.until ?? 0) - (NOW + 3 * DAY + 2 * HOUR))).toBeLessThan(60);
  });

  it.each([
    ['', 'Choose a date and time first.'],
    [toLocalInputValue(NOW - HOUR), 'Choose a time in the future.'],
  ])('refuses the custom time %j in place and sends nothing', async (value, message) => {
    const popup = await open({ 'task/snooze': ok(null) });
    const row = rowOf(popup.root, 7);
    await userEvent.click(buttonIn(row, /^Snooze/));
    const input = row.querySelector('input[type="datetime-local"]') as HTMLInputElement;
    if (value) await userEvent.fill(input, value);
    await userEvent.click(buttonIn(row, /Snooze until then/));
    expect(text(row.querySelector('.field-error'))).toBe(message);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.value).toBe(value);
    expect(popup.worker.sent('task/snooze')).toHaveLength(0);
  });

  it('Escape closes the panel and gives focus back to the Snooze button', async () => {
    const popup = await open();
    const row = rowOf(popup.root, 7);
    await userEvent.click(buttonIn(row, /^Snooze/));
    await userEvent.keyboard('{Escape}');
    expect(row.querySelector('.panel')).toBeNull();
    expect(document.activeElement).toBe(buttonIn(row, /^Snooze/));
  });

  it('shows the worker error in place and keeps the panel open', async () => {
    const popup = await open({ 'task/snooze': fail('internal', 'Steward could not store the snooze.') });
    const row = rowOf(popup.root, 7);
    await userEvent.click(buttonIn(row, /^Snooze/));
    await userEvent.click(buttonIn(row, /For 1 day/));
    await vi.waitFor(() =>
      expect(text(row.querySelector('.panel [role="alert"]'))).toBe('Steward could not store the snooze.'),
    );
  });

  it('unsnoozes a snoozed task', async () => {
    const popup = await open({
      'watchlist/get': ok(watchlist({ rows: [{ ...rowT7, snoozedUntil: NOW + HOUR }] })),
      'task/snooze': ok(null),
    });
    await userEvent.click(popup.root.querySelector('details.snoozed summary')!);
    await userEvent.click(buttonIn(rowOf(popup.root, 7), /Unsnooze/));
    await vi.waitFor(() =>
      expect(popup.worker.sent('task/snooze')).toEqual([
        { type: 'task/snooze', instance: INSTANCE, taskId: 7, until: null },
      ]),
    );
  });
});

describe('unwatch', () => {
  it('sends task/watch-on false, says so, and undoes it', async () => {
    const popup = await open({ 'task/watch-on': ok(null) });
    await userEvent.click(buttonIn(rowOf(popup.root, 11), /Unwatch/));
    await vi.waitFor(() =>
      expect(text(popup.root.querySelector('.live'))).toContain('Stopped watching T11.'),
    );
    expect(popup.worker.sent('task/watch-on')).toEqual([
      { type: 'task/watch-on', instance: INSTANCE, taskId: 11, watched: false },
    ]);
    await userEvent.click(buttonIn(popup.root.querySelector('.live')!, /Undo/));
    await vi.waitFor(() => expect(text(popup.root.querySelector('.live'))).toBe('Undone.'));
    expect(popup.worker.sent('task/watch-on')[1]).toEqual({
      type: 'task/watch-on',
      instance: INSTANCE,
      taskId: 11,
      watched: true,
    });
  });
});

describe("I'll drive this", () => {
  it('asks once, then posts the declaration for the viewer with the task version seen', async () => {
    const popup = await open({ 'process-owner/assign': ok({ duplicate: false, context: t14() }) }, 30);
    const row = rowOf(popup.root, 1);
    await userEvent.click(buttonIn(row, /I'll drive this/));
    const panel = row.querySelector('.panel') as HTMLElement;
    expect(text(panel)).toContain('Post “Process owner: @alice” on T1');
    expect(text(panel)).toContain('assign the task to you (it is unassigned)');
    expect(popup.worker.sent('process-owner/assign')).toHaveLength(0);
    const post = buttonIn(panel, /^Post$/);
    // A double click posts once.
    await userEvent.dblClick(post);
    await vi.waitFor(() =>
      expect(text(popup.root.querySelector('.live'))).toBe('You are now the process owner of T1.'),
    );
    const sent = popup.worker.sent('process-owner/assign');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: 'process-owner/assign',
      instance: INSTANCE,
      taskId: 1,
      username: 'alice',
      expectedDateModified: NOW - HOUR,
    });
    expect(sent[0]!.note).toMatch(/communicate .* reach the right developers, report the production impact/);
    expect(sent[0]!.requestId.length).toBeGreaterThanOrEqual(8);
  });

  it('retries a lost reply with the same request id, so the worker can post once', async () => {
    const popup = await open({ 'process-owner/assign': fail('network', 'The connection dropped.', true) });
    const row = rowOf(popup.root, 1);
    await userEvent.click(buttonIn(row, /I'll drive this/));
    await userEvent.click(buttonIn(row, /^Post$/));
    await vi.waitFor(() => expect(text(row.querySelector('[role="alert"]'))).toBe('The connection dropped.'));
    popup.worker.answer('process-owner/assign', ok({ duplicate: true, context: t14() }));
    await userEvent.click(buttonIn(row, /^Post$/));
    await vi.waitFor(() => expect(popup.worker.sent('process-owner/assign')).toHaveLength(2));
    const [first, second] = popup.worker.sent('process-owner/assign');
    expect(second!.requestId).toBe(first!.requestId);
  });

  it('when the task changed meanwhile, reads the list again and asks afresh with a new request id', async () => {
    const popup = await open({
      'process-owner/assign': fail(
        'task-changed',
        'T1 changed on Phabricator since you looked; nothing was posted.',
      ),
    });
    const row = rowOf(popup.root, 1);
    await userEvent.click(buttonIn(row, /I'll drive this/));
    await userEvent.click(buttonIn(row, /^Post$/));
    await vi.waitFor(() => expect(text(row.querySelector('[role="alert"]'))).toContain('nothing was posted'));
    await vi.waitFor(() =>
      expect(popup.worker.sent('watchlist/get').at(-1)).toEqual({ type: 'watchlist/get', refresh: true }),
    );
    popup.worker.answer('process-owner/assign', ok({ duplicate: false, context: t14() }));
    await userEvent.click(buttonIn(rowOf(popup.root, 1), /^Post$/));
    await vi.waitFor(() => expect(popup.worker.sent('process-owner/assign')).toHaveLength(2));
    const [first, second] = popup.worker.sent('process-owner/assign');
    expect(second!.requestId).not.toBe(first!.requestId);
  });

  it('is not offered when Steward does not know who you are', async () => {
    const popup = await open({ 'watchlist/get': ok(watchlist({ viewer: null })) });
    expect(() => buttonIn(rowOf(popup.root, 1), /I'll drive this/)).toThrow();
  });
});

describe('assign process owner', () => {
  it('opens the assign panel inline with the row suggestions and posts the chosen person', async () => {
    const popup = await open({ 'process-owner/assign': ok({ duplicate: false, context: t14() }) });
    const row = rowOf(popup.root, 1);
    await userEvent.click(buttonIn(row, /Assign process owner/));
    const panel = row.querySelector('[role="dialog"]') as HTMLElement;
    expect(panel).not.toBeNull();
    // carol (available steward) is preselected; bob (away) is offered too.
    expect(text(panel)).toContain('Carol Danvers');
    expect(text(panel)).toContain('Bob Builder');
    await userEvent.click(buttonIn(panel, /carol/i));
    await vi.waitFor(() => expect(popup.worker.sent('process-owner/assign')).toHaveLength(1));
    expect(popup.worker.sent('process-owner/assign')[0]).toMatchObject({
      taskId: 1,
      username: 'carol',
      instance: INSTANCE,
      expectedDateModified: NOW - HOUR,
    });
    // The reply's context names the new owner; the panel closes and the popup says so.
    await vi.waitFor(() => expect(row.querySelector('[role="dialog"]')).toBeNull());
    expect(text(popup.root.querySelector('.live'))).toMatch(
      /is now the process owner of T14|process owner of T14 is declared/,
    );
  });

  it('Cancel closes the panel and returns focus to its button', async () => {
    const popup = await open();
    const row = rowOf(popup.root, 1);
    await userEvent.click(buttonIn(row, /Assign process owner/));
    await userEvent.click(buttonIn(row.querySelector('[role="dialog"]')!, /Cancel/));
    expect(row.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(buttonIn(row, /Assign process owner/));
  });

  it('opens one panel at a time across the list', async () => {
    const popup = await open();
    await userEvent.click(buttonIn(rowOf(popup.root, 1), /Assign process owner/));
    await userEvent.click(buttonIn(rowOf(popup.root, 7), /^Snooze/));
    expect(popup.root.querySelectorAll('.panel')).toHaveLength(1);
    expect(rowOf(popup.root, 7).querySelector('.panel')).not.toBeNull();
  });
});
