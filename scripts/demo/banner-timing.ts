// How long a task page waits for a complete banner, as the browser benchmarks time it: from the page's
// DOMContentLoaded to the moment the banner in the shadow root is styled (seen), has data-state="ready" and
// no line still waiting (data-pending is not "history"), and to the moment no background check of it runs either
// ("settled"). recordBannerTiming runs in the page (page.addInitScript) before its scripts.
import type { Page } from 'playwright-core';

interface BannerTiming {
  dcl: number | null;
  ready: number | null;
  settled: number | null;
}

/**
 * Runs in the page before its scripts: notes DOMContentLoaded, the first time the banner is complete, and
 * the first time no check of it is running either.
 */
export function recordBannerTiming(): void {
  const w = window as unknown as { __stewardBench: BannerTiming };
  w.__stewardBench = { dcl: null, ready: null, settled: null };
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
    // Styled too: until banner.css is in, the banner holds its place unseen.
    const banner = root.querySelector('.st-root[data-styled] [data-steward="banner"][data-state="ready"]');
    if (!banner) return;
    const pending = banner.getAttribute('data-pending');
    const t = w.__stewardBench;
    if (t.ready === null && pending !== 'history') t.ready = performance.now();
    if (t.ready !== null && pending === null) {
      t.settled = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true });
}

export async function bannerLoad(page: Page, url: string): Promise<{ complete: number; settled: number }> {
  await page.goto(url);
  const handle = await page.waitForFunction(
    () => {
      const t = (window as unknown as { __stewardBench?: BannerTiming }).__stewardBench;
      return t && t.dcl !== null && t.ready !== null && t.settled !== null ? t : null;
    },
    null,
    { timeout: 60_000, polling: 10 },
  );
  const timing = (await handle.jsonValue()) as { dcl: number; ready: number; settled: number };
  return { complete: timing.ready - timing.dcl, settled: timing.settled - timing.dcl };
}

export function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
}
