import '../shared/zod-setup';
import browser from 'webextension-polyfill';
import { startBanner } from './boot';
import { ask, onTaskChanged } from './messaging';

startBanner(window, {
  ask,
  onTaskChanged,
  assignFrameUrl: (query) => `${browser.runtime.getURL('assign/assign.html')}?${query.toString()}`,
  now: () => Math.floor(Date.now() / 1000),
});
