// Keyboard focus after an action whose button waits for the worker: it stays on the button (or, when the
// control goes away with its panel, in the popup), not on the page body.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fakeWorker, ok } from '../fixtures/views/fake-worker';
import { watchlist } from '../fixtures/views/watchlist';
import { t14 } from '../fixtures/contexts/task-contexts';
import { buttonIn, mountPopup, settled, unmountPopup } from './popup/harness';
import { answering, runBanner, textOf, waitFor, type Running } from './banner/harness';
import { configuredSettings, registryStatus, settingsViewOf } from '../fixtures/views/settings';
import { loaded, mountOptions, section, text, unmountOptions } from './options/harness';

let running: Running | null = null;
afterEach(() => {
  unmountPopup();
  unmountOptions();
  running?.stop();
  running = null;
});

describe('focus after an action', () => {
  it('popup: the Refresh button pressed from the keyboard keeps focus once the refresh is done', async () => {
    const worker = fakeWorker({ 'watchlist/get': ok(watchlist()) }, { delayMs: 30 });
    const popup = mountPopup(worker);
    await settled(popup);
    const refresh = buttonIn(popup.root, /^Refresh$/);
    refresh.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(buttonIn(popup.root, /^Refresh$/).disabled).toBe(false));
    expect(document.activeElement).toBe(buttonIn(popup.root, /^Refresh$/));
  });

  it('banner: the Watch button pressed from the keyboard keeps focus once the worker answered', async () => {
    const base = answering(t14());
    running = await runBanner('task-T14.alice.html', '/T14', async (request) => {
      if (request.type === 'task/watch') await new Promise((resolve) => setTimeout(resolve, 30));
      return base(request);
    });
    await running.until('ready');
    const watch = Array.from(running.shadow().querySelectorAll('button')).find((b) => textOf(b) === 'Watch')!;
    watch.focus();
    expect(running.shadow().activeElement).toBe(watch);
    // Pressed as a user does (a trusted event): the banner ignores a page script's click.
    await userEvent.keyboard('{Enter}');
    await waitFor(() => textOf(running!.banner()).includes('Unwatch'));
    const unwatch = Array.from(running.shadow().querySelectorAll('button')).find(
      (b) => textOf(b) === 'Unwatch',
    )!;
    expect(unwatch).toBe(watch);
    expect(running.shadow().activeElement).toBe(unwatch);
  });

  it('options: the Save button pressed from the keyboard keeps focus once saved', async () => {
    const worker = fakeWorker(
      {
        'settings/get': ok(settingsViewOf(configuredSettings())),
        'settings/save': ok(null),
        'registry/status': ok(registryStatus),
      },
      { delayMs: 30 },
    );
    const options = mountOptions(worker);
    await loaded(options);
    const watch = section(options.root, 'watch');
    const save = Array.from(watch.querySelectorAll('button')).find((b) =>
      /Save watch rules/.test(b.textContent ?? ''),
    )!;
    save.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(text(watch.querySelector('.save-status'))).toBe('Saved'));
    expect(document.activeElement).toBe(save);
  });

  it('popup: after snoozing from the keyboard, focus stays in the popup rather than falling to the page body', async () => {
    const worker = fakeWorker({ 'watchlist/get': ok(watchlist()), 'task/snooze': ok(null) });
    const popup = mountPopup(worker);
    await settled(popup);
    const row = popup.root.querySelector<HTMLElement>('li.row[data-task="7"]')!;
    buttonIn(row, /^Snooze/).focus();
    await userEvent.keyboard('{Enter}');
    // The panel focuses its first choice, "For 1 hour".
    expect(document.activeElement?.textContent).toMatch(/For 1 hour/);
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(text(popup.root.querySelector('.live'))).toMatch(/^T7 snoozed until/));
    expect(document.activeElement).not.toBe(document.body);
    expect(popup.root.contains(document.activeElement)).toBe(true);
  });
});
