import { startBanner } from './boot';
import { ask, onTaskChanged } from './messaging';
import { runtime } from './runtime';
import { BANNER_STYLESHEET_PATH } from './stylesheet-path';

startBanner(window, {
  ask,
  onTaskChanged,
  assignFrameUrl: (query) => `${runtime().getURL('assign/assign.html')}?${query.toString()}`,
  stylesheetUrl: runtime().getURL(BANNER_STYLESHEET_PATH),
  now: () => Math.floor(Date.now() / 1000),
});
