// Open task pages, told that their task changed (task/changed) so that their banners ask again: a banner
// answered from the cache stays as it was drawn until it is told.
import browser from 'webextension-polyfill';
import { hostPermissionPattern } from '../shared/host-pattern';
import { taskIdFromUrl } from '../shared/task-address';

async function tabsOf(origin: string): Promise<{ id: number; url: string }[]> {
  const tabs = await browser.tabs.query({ url: hostPermissionPattern(origin) });
  return tabs.flatMap((tab) =>
    tab.id !== undefined && tab.url !== undefined && new URL(tab.url).origin === origin
      ? [{ id: tab.id, url: tab.url }]
      : [],
  );
}

function tell(tabId: number, taskId: number): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, { type: 'task/changed', taskId }).catch(() => undefined);
}

/**
 * Tells the open pages of these tasks on this instance that they changed.
 * `except`: the tab whose own ask brought the change, which has the answer already.
 */
export async function tellOpenPages(
  origin: string,
  taskIds: readonly number[],
  except: number | null = null,
): Promise<void> {
  if (taskIds.length === 0) return;
  // Only the pages of these tasks: a poll may move hundreds, and every other page would ignore them all.
  const moved = new Set(taskIds);
  const tabs = (await tabsOf(origin)).filter((tab) => tab.id !== except);
  await Promise.all(
    tabs.flatMap((tab) => {
      const taskId = taskIdFromUrl(tab.url);
      return taskId !== null && moved.has(taskId) ? [tell(tab.id, taskId)] : [];
    }),
  );
}

/**
 * Tells every open task page of these instances to ask again: what answers them changed for all tasks at
 * once (the registry, its overrides, the thresholds, the account), not for one the worker could name.
 */
export async function tellAllTaskPages(origins: readonly string[]): Promise<void> {
  const tabs = (await Promise.all(origins.map(tabsOf))).flat();
  await Promise.all(
    tabs.flatMap((tab) => {
      const taskId = taskIdFromUrl(tab.url);
      return taskId === null ? [] : [tell(tab.id, taskId)];
    }),
  );
}
