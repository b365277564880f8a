// Alarms, never timers: a stopped worker is woken by them. They are (re)created at every start from the
// settings, so a changed poll interval or a browser restart never leaves a stale schedule behind.
import browser from 'webextension-polyfill';
import type { Settings } from '../shared/settings';

export const POLL_ALARM = 'steward-poll';
export const REGISTRY_ALARM = 'steward-registry';

export async function scheduleAlarms(settings: Settings): Promise<void> {
  const poll = await browser.alarms.get(POLL_ALARM);
  if (!poll || poll.periodInMinutes !== settings.pollMinutes) {
    // The first poll comes soon after start; later ones at the chosen interval.
    await browser.alarms.create(POLL_ALARM, { delayInMinutes: 0.1, periodInMinutes: settings.pollMinutes });
  }
  const period = settings.registry.refreshHours * 60;
  const registry = await browser.alarms.get(REGISTRY_ALARM);
  if (!registry || registry.periodInMinutes !== period) {
    await browser.alarms.create(REGISTRY_ALARM, { delayInMinutes: 0.2, periodInMinutes: period });
  }
}
