// The rule both sides of a banner follow to know whether a cached history may stand for a task page:
// transaction ids only grow, and every change to a task is a transaction, so a page whose newest
// transaction the cached history holds shows nothing the cache lacks. The worker judges with it
// (background/freshness.ts); the page uses it for the answer it asked for before it was parsed.

/** Whether a page showing `pageNewest` as its newest transaction shows nothing newer than `cachedNewest`. */
export function pageHeldBy(pageNewest: number | null, cachedNewest: number): boolean {
  return pageNewest !== null && cachedNewest > 0 && pageNewest <= cachedNewest;
}
