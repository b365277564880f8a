// Hooks for end-to-end tests, compiled in only when the build defines __STEWARD_TEST_HOOKS__ (the
// e2e build); a store build drops this code. Tests move the worker's clock with the stand-in's through
// storage (reachable from any extension page in both browsers) and read request counters.
import browser from 'webextension-polyfill';
import { setClockOffset } from './clock';
import { counters } from './instance-client';
import { recentNotifications } from './notifications';
import { pollState } from './poll';
import { forgetViewedTasks } from './tasks';
import { forgetCachedUsers } from './users';

declare const __STEWARD_TEST_HOOKS__: boolean;

const KEY = 'test.clockOffset';

export function exposeTestHooks(): void {
  if (!__STEWARD_TEST_HOOKS__) return;
  void browser.storage.local.get(KEY).then((stored) => setClockOffset(Number(stored[KEY] ?? 0)));
  browser.storage.onChanged.addListener((changes) => {
    if (KEY in changes) setClockOffset(Number(changes[KEY]?.newValue ?? 0));
  });
  (globalThis as unknown as { stewardTest: unknown }).stewardTest = {
    counters,
    setClockOffset,
    recentNotifications,
    pollState,
    forgetCachedUsers,
    forgetViewedTasks,
  };
}
