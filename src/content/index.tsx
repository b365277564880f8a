import { startBanner } from './boot';
import { ask, onTaskChanged } from './messaging';
import { runtime } from './runtime';

startBanner(window, {
  ask,
  onTaskChanged,
  assignFrameUrl: (query) => `${runtime().getURL('assign/assign.html')}?${query.toString()}`,
  now: () => Math.floor(Date.now() / 1000),
});
