import '../shared/zod-setup';
import browser, { type Runtime } from 'webextension-polyfill';
import { createRouter } from './router';
import { syncContentScripts } from './content-scripts';

// MV3 discipline: every listener is registered synchronously at the top level, so a worker woken by an
// event has its listener in place before the event is dispatched.
const route = createRouter({
  extensionId: browser.runtime.id,
  extensionBaseUrl: browser.runtime.getURL(''),
  handlers: {
    hello: async () => ({ name: 'steward' as const, version: browser.runtime.getManifest().version }),
  },
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  route(message, sender),
);
browser.runtime.onInstalled.addListener(() => void syncContentScripts());
browser.runtime.onStartup.addListener(() => void syncContentScripts());
browser.permissions.onAdded.addListener(() => void syncContentScripts());
browser.permissions.onRemoved.addListener(() => void syncContentScripts());
