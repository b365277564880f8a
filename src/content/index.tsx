import { startBanner } from './boot';
import { ask, onTaskChanged } from './messaging';
import { runtime } from './runtime';
import { bannerStylesheet } from './stylesheet';
import { BANNER_STYLESHEET_PATH } from '../shared/content-files';

startBanner(window, {
  ask,
  onTaskChanged,
  assignFrameUrl: (query) => `${runtime().getURL('assign/assign.html')}?${query.toString()}`,
  stylesheet: bannerStylesheet(runtime().getURL(BANNER_STYLESHEET_PATH)),
  now: () => Math.floor(Date.now() / 1000),
});
