// What the banner needs from the outside world, injected so tests can run it on a captured page with a
// fake worker and a fixed clock.
import type { ask } from './messaging';
import type { BannerStylesheet } from './stylesheet';

export interface BannerDeps {
  ask: typeof ask;
  /** Subscribes to the worker's task/changed events; returns the unsubscribe. */
  onTaskChanged(listener: (taskId: number) => void): () => void;
  /** The extension URL of the assign panel page with this query. */
  assignFrameUrl(query: URLSearchParams): string;
  /** The banner's stylesheet (everything but its sizes): its text, or banner.css to link. */
  stylesheet: BannerStylesheet;
  /** Epoch seconds. */
  now(): number;
}
