// How fast the UBN! review page shows 1,000 open UBN! tasks, in the built extension in Chromium against
// the local stand-in, with the worker's cache filled by a first poll.
//
//   open to first rows: from the start of the page's navigation to the first table rows drawn from the
//     worker's cache (review/open without refresh); median over several opens.
//   open to full chart: to every task's chart row and table row drawn, after the page has also read the
//     open-UBN! list again from Phabricator (review/open with refresh) and found no history missing.
//   open to first rows, browser quiet: the same as the first, but each open waits a moment after the
//     previous page closed. Back to back, an open starts while the browser still tears down the previous
//     page's 2,000 rows in the same renderer process (every extension page shares its main thread), which
//     held the new page's HTML parsing back by 100 to 300 ms on this machine; a user opening the review
//     page meets a quiet browser.
//
// Run: npx tsx bench/review.bench.ts [--quick]
import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import type Browser from 'webextension-polyfill';
import { launchDemoChromium } from '../scripts/demo/chromium';
import { configureSteward, logIn } from '../scripts/demo/configure';
import { ExtensionPage } from '../scripts/demo/extension-page';
import { DEMO_REGISTRY, stewardSettings } from '../scripts/demo/settings';
import { median, round } from '../scripts/demo/stats';
import { freshBenchBuild } from '../scripts/demo/test-build';
import { ubnWorld } from '../scripts/demo/ubn-world';
import { startStandin } from '../test/standin/server';

const QUICK = process.argv.includes('--quick');
const SIZE = QUICK ? 100 : 1000;
const OPENS = 3;
/** How long each "browser quiet" open waits after the previous page closed. */
const QUIET_MS = 1500;
/** What the page asks for first (src/review/use-progressive.ts FIRST_ROWS). */
const FIRST_ROWS = 24;

const log = (message: string) => process.stderr.write(`review: ${message}\n`);

interface ReviewTiming {
  firstRows: number | null;
  full: number | null;
  rows: number;
}

/** Runs in the page before its scripts: notes when rows first show and when all are drawn. */
function recordReviewTiming(size: number): void {
  const w = window as unknown as { __stewardBench: ReviewTiming };
  const timing: ReviewTiming = { firstRows: null, full: null, rows: 0 };
  w.__stewardBench = timing;
  const observer = new MutationObserver(() => {
    const now = performance.now();
    const rows = document.querySelectorAll('.review-table tbody tr').length;
    if (timing.firstRows === null && rows > 0) timing.firstRows = now;
    const charted = document.querySelectorAll('.chart-row').length;
    const busy = document.querySelector('[aria-busy="true"]') !== null;
    if (timing.full === null && rows === size && charted === size && !busy) {
      timing.full = now;
      timing.rows = rows;
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

async function openReview(context: BrowserContext, extensionId: string, size: number): Promise<ReviewTiming> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.addInitScript(recordReviewTiming, size);
  await page.goto(`chrome-extension://${extensionId}/review/review.html`);
  const handle = await page.waitForFunction(
    () => {
      const t = (window as unknown as { __stewardBench?: ReviewTiming }).__stewardBench;
      return t && t.firstRows !== null && t.full !== null ? t : null;
    },
    null,
    { timeout: 300_000, polling: 50 },
  );
  const timing = (await handle.jsonValue()) as ReviewTiming;
  await page.close();
  return timing;
}

const registry = readFileSync(DEMO_REGISTRY, 'utf8');
const dist = freshBenchBuild();
const browser = await launchDemoChromium({ dist, headless: true });
const metrics: { label: string; value: number; unit: string }[] = [];
try {
  const extension = await ExtensionPage.open(browser.context, browser.extensionId ?? '');
  const worker = await browser.worker();
  const standin = await startStandin({ scenario: ubnWorld(SIZE) });
  try {
    await logIn(browser.context, standin.url, 'alice');
    log(`${SIZE} open UBNs: first poll`);
    await configureSteward(extension, stewardSettings(standin.url, registry));
    await worker.evaluate(() =>
      (globalThis as unknown as { chrome: typeof Browser }).chrome.alarms.clearAll(),
    );
    await openReview(browser.context, browser.extensionId ?? '', SIZE); // warm-up: compiles the page's scripts
    log(`${SIZE} open UBNs: ${OPENS} opens`);
    const timings: ReviewTiming[] = [];
    for (let i = 0; i < OPENS; i++)
      timings.push(await openReview(browser.context, browser.extensionId ?? '', SIZE));
    const quiet: ReviewTiming[] = [];
    for (let i = 0; i < OPENS; i++) {
      await new Promise((done) => setTimeout(done, QUIET_MS));
      quiet.push(await openReview(browser.context, browser.extensionId ?? '', SIZE));
    }
    // The worker's part of the first rows: its answer to the page's first request (review/first: the
    // instances and the cached first screen), asked from another page.
    const answers: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      const started = performance.now();
      await extension.ask({ type: 'review/first', instance: standin.url, first: FIRST_ROWS });
      answers.push(performance.now() - started);
    }
    metrics.push(
      {
        label: `${SIZE} open UBNs: worker's answer for the first ${FIRST_ROWS} rows (from cache)`,
        value: round(median(answers)),
        unit: 'ms',
      },
      {
        label: `${SIZE} open UBNs: open to first rows (from cache)`,
        value: round(median(timings.map((t) => t.firstRows ?? Number.NaN))),
        unit: 'ms',
      },
      {
        label: `${SIZE} open UBNs: open to first rows (from cache), browser quiet`,
        value: round(median(quiet.map((t) => t.firstRows ?? Number.NaN))),
        unit: 'ms',
      },
      {
        label: `${SIZE} open UBNs: open to full chart and table`,
        value: round(median(timings.map((t) => t.full ?? Number.NaN))),
        unit: 'ms',
      },
    );
  } finally {
    await standin.close();
  }
} finally {
  await browser.close();
}

console.log(
  JSON.stringify({
    name: 'review',
    description:
      'UBN! review page (extension tab) in Chromium against the local stand-in, worker cache filled by a poll: ' +
      `from navigation start to the first table rows, and to all ${SIZE} chart and table rows drawn after the ` +
      `list was read again; medians of ${OPENS} opens (back to back, and ${QUIET_MS} ms after the previous page closed)`,
    metrics,
  }),
);
