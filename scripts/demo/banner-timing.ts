// How long a task page waits for a complete banner, as the browser benchmarks time it: from the page's
// DOMContentLoaded to the moment the banner in the shadow root has data-state="ready" and no line still
// waiting (no data-pending). recordBannerTiming runs in the page (page.addInitScript) before its scripts.
import type { Page } from 'playwright-core';

interface BannerTiming {
  dcl: number | null;
  ready: number | null;
}

/** Runs in the page before its scripts: notes DOMContentLoaded and the first time the banner is complete. */
export function recordBannerTiming(): void {
  const w = window as unknown as { __stewardBench: BannerTiming };
  w.__stewardBench = { dcl: null, ready: null };
  document.addEventListener('DOMContentLoaded', () => {
    w.__stewardBench.dcl = performance.now();
  });
  const observed = new WeakSet<Node>();
  const observer = new MutationObserver(() => {
    const root = document.getElementById('steward-banner-host')?.shadowRoot;
    if (!root) return;
    if (!observed.has(root)) {
      observed.add(root);
      observer.observe(root, { subtree: true, childList: true, attributes: true });
    }
    const banner = root.querySelector('[data-steward="banner"][data-state="ready"]');
    if (banner && !banner.hasAttribute('data-pending')) {
      w.__stewardBench.ready = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true });
}

/** Loads `url` in a page set up with recordBannerTiming; resolves to DOMContentLoaded → banner complete, ms. */
export async function bannerLoad(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const handle = await page.waitForFunction(
    () => {
      const t = (window as unknown as { __stewardBench?: BannerTiming }).__stewardBench;
      return t && t.dcl !== null && t.ready !== null ? t : null;
    },
    null,
    { timeout: 60_000, polling: 10 },
  );
  const timing = (await handle.jsonValue()) as { dcl: number; ready: number };
  return timing.ready - timing.dcl;
}

export function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
}
