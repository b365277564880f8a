// Tells open task pages that their task changed, so a banner answered from the cache updates in place:
// after the user acts (watch, assign), and when a poll sees a task move while its page is open.
import browser from 'webextension-polyfill';
import type { Settings } from '../shared/settings';
import { hostPermissionPattern } from '../shared/host-pattern';
import { pollInstance } from './poll';

/** Tells every tab showing this instance that a task changed, so its banner asks again. */
export async function announceChange(origin: string, taskId: number): Promise<void> {
  await announceChanges(origin, [taskId]);
}

async function announceChanges(origin: string, taskIds: readonly number[]): Promise<void> {
  if (taskIds.length === 0) return;
  const tabs = (await browser.tabs.query({ url: hostPermissionPattern(origin) })).filter(
    (tab) => tab.url !== undefined && new URL(tab.url).origin === origin,
  );
  await Promise.all(
    tabs.flatMap((tab) =>
      tab.id === undefined
        ? []
        : taskIds.map((taskId) =>
            browser.tabs.sendMessage(tab.id!, { type: 'task/changed', taskId }).catch(() => undefined),
          ),
    ),
  );
}

/** A poll of one instance that then tells open pages of the tasks it saw move. */
export async function pollAndAnnounce(
  settings: Settings,
  origin: string,
  options: Parameters<typeof pollInstance>[2] = {},
): ReturnType<typeof pollInstance> {
  const result = await pollInstance(settings, origin, options);
  await announceChanges(origin, result.moved);
  return result;
}
