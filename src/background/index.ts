import '../shared/zod-setup';
import browser, { type Runtime } from 'webextension-polyfill';
import { createRouter } from './router';
import { syncContentScripts } from './content-scripts';
import { handlers } from './handlers';
import { POLL_ALARM, REGISTRY_ALARM, scheduleAlarms } from './alarms';
import { readSettings } from './settings-store';
import { finishPendingRemovals } from './forget-instance';
import { pollAndAnnounce } from './change-notice';
import { refreshRegistry } from './registry';
import { updateBadge } from './status';
import { parseDigestId, parseNotificationId } from './notifications';
import { snoozeTask } from './snooze';
import { nowSeconds } from './clock';
import { exposeTestHooks } from './test-hooks';
import { onConduitAnswered } from './instance-client';
import { recoverAfterAnswer } from './recovery';

const route = createRouter({
  extensionId: browser.runtime.id,
  extensionBaseUrl: browser.runtime.getURL(''),
  handlers,
});

async function pollAll(options: { force?: boolean } = {}): Promise<void> {
  const settings = await readSettings();
  // Side by side: an instance that hangs (each call up to its timeout and retries) must not hold up the
  // polls, rows and reminders of the others.
  await Promise.allSettled(settings.instances.map((i) => pollAndAnnounce(settings, i.url, options)));
  await updateBadge();
}

async function start(): Promise<void> {
  const settings = await readSettings();
  await finishPendingRemovals(settings.instances.map((i) => i.url)).catch(() => undefined);
  await scheduleAlarms(settings);
  await syncContentScripts();
  await updateBadge();
}

// The wake path is kept short: a worker woken by a banner's message answers it before its start-up work
// (alarms, content-script sync, badge), which runs once no message is being answered.
let started = false;
let answering = 0;
function startWhenIdle(): void {
  if (started || answering > 0) return;
  started = true;
  void start();
}

// MV3 discipline: every listener is registered synchronously at the top level, so a worker woken by an
// event has its listener in place before the event is dispatched. No state lives in globals.
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  answering += 1;
  return route(message, sender).finally(() => {
    answering -= 1;
    setTimeout(startWhenIdle, 0);
  });
});
browser.runtime.onInstalled.addListener((details) => {
  void start();
  // A new user's first step is telling Steward where their Phabricator is.
  if (details.reason === 'install') {
    void readSettings().then((settings) =>
      settings.instances.length === 0
        ? browser.tabs.create({ url: browser.runtime.getURL('options/options.html#instances') })
        : undefined,
    );
  }
});
browser.runtime.onStartup.addListener(() => void start());
// Phabricator answering a banner or Test connection polls at once when it disproves the last poll's failure
// (recovery.ts: connection-level failures only, once per backoff step).
onConduitAnswered((origin) => void recoverAfterAnswer(origin).catch(() => undefined));
// A changed grant is news the user is waiting on: poll now, even while backing off after "no access".
const afterPermissionChange = () => void syncContentScripts().then(() => pollAll({ force: true }));
browser.permissions.onAdded.addListener(afterPermissionChange);
browser.permissions.onRemoved.addListener(afterPermissionChange);
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === POLL_ALARM) void pollAll();
  if (alarm.name === REGISTRY_ALARM) void readSettings().then((s) => refreshRegistry(s));
});
browser.notifications.onClicked.addListener((id) => {
  const target = parseNotificationId(id);
  if (target) void browser.tabs.create({ url: `${target.origin}/T${target.taskId}` });
  // A digest stands for many tasks: the review page lists every open UBN! of its instance.
  const digestOf = parseDigestId(id);
  if (digestOf)
    void browser.tabs.create({
      url: browser.runtime.getURL(`review/review.html?instance=${encodeURIComponent(digestOf)}`),
    });
  void browser.notifications.clear(id);
});
browser.notifications.onButtonClicked?.addListener((id, button) => {
  const target = parseNotificationId(id);
  if (!target) return;
  if (button === 0) void browser.tabs.create({ url: `${target.origin}/T${target.taskId}` });
  else void snoozeTask(target.origin, target.taskId, nowSeconds() + 3600);
  void browser.notifications.clear(id);
});
exposeTestHooks();
// A worker restarted by the browser (not installed, not a browser start) still re-creates its alarms: after
// the message that woke it, if one did (it is dispatched after this script has run), or in a moment.
setTimeout(startWhenIdle, 200);
