// How fast the task-page banner appears and what the extension costs a page load, in the built extension
// in Chromium against the local stand-in (the demo world, task T1001: the full UBN! banner).
//
//   DOMContentLoaded to banner ready: from the page's DOMContentLoaded to the moment the banner element in
//     the shadow root has data-state="ready" (MutationObserver in the page), median of many loads;
//     warm: the worker polled the task moments ago; cold: the worker's task and people caches are emptied
//     before each load (instance metadata and the registry stay cached, as after the first visit).
//   Page load with the extension on / off: the load event of the same page (navigation timing), median
//     of many loads in this Chromium and in a second Chromium without the extension, alternating.
//
// Run: npx tsx bench/banner.bench.ts [--quick]
import type { Page, Worker } from 'playwright-core';
import { readFileSync } from 'node:fs';
import type Browser from 'webextension-polyfill';
import { launchDemoChromium, type DemoChromium } from '../scripts/demo/chromium';
import { configureSteward, logIn } from '../scripts/demo/configure';
import { ExtensionPage } from '../scripts/demo/extension-page';
import { DEMO_REGISTRY, DEMO_SCENARIO, stewardSettings } from '../scripts/demo/settings';
import { median, round } from '../scripts/demo/stats';
import { freshBenchBuild } from '../scripts/demo/test-build';
import { startStandin } from '../test/standin/server';

const QUICK = process.argv.includes('--quick');
const LOADS = QUICK ? 4 : 20;
const TASK = 1001;

const log = (message: string) => process.stderr.write(`banner: ${message}\n`);

interface BannerTiming {
  dcl: number | null;
  ready: number | null;
}

/** Runs in the page before its scripts: notes DOMContentLoaded and the first time the banner is ready. */
function recordBannerTiming(): void {
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
    if (root.querySelector('[data-steward="banner"][data-state="ready"]')) {
      w.__stewardBench.ready = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true });
}

async function bannerLoad(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const handle = await page.waitForFunction(
    () => {
      const t = (window as unknown as { __stewardBench?: BannerTiming }).__stewardBench;
      return t && t.dcl !== null && t.ready !== null ? t : null;
    },
    null,
    { timeout: 30_000, polling: 20 },
  );
  const timing = (await handle.jsonValue()) as { dcl: number; ready: number };
  return timing.ready - timing.dcl;
}

async function loadEventTime(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return entry ? entry.loadEventStart - entry.startTime : Number.NaN;
  });
}

/** Forgets every task and person the worker cached, as if the user had never seen this task. */
async function emptyTaskCaches(worker: Worker): Promise<void> {
  await worker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('steward');
        open.onerror = () => reject(open.error ?? new Error('cannot open the steward database'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['tasks', 'users'], 'readwrite');
          tx.objectStore('tasks').clear();
          tx.objectStore('users').clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error ?? new Error('cannot clear the caches'));
        };
      }),
  );
}

const dist = freshBenchBuild();
const standin = await startStandin({ scenario: DEMO_SCENARIO });
const browsers: DemoChromium[] = [];
const metrics: { label: string; value: number; unit: string }[] = [];
try {
  const on = await launchDemoChromium({ dist, headless: true });
  browsers.push(on);
  const off = await launchDemoChromium({ dist: null, headless: true });
  browsers.push(off);
  for (const browser of browsers) await logIn(browser.context, standin.url, 'alice');

  const extension = await ExtensionPage.open(on.context, on.extensionId ?? '');
  await configureSteward(extension, stewardSettings(standin.url, readFileSync(DEMO_REGISTRY, 'utf8')));
  await extension.close();
  const worker = await on.worker();
  // Only page loads make the worker work: no poll alarm fires in the middle of a measurement.
  await worker.evaluate(() => (globalThis as unknown as { chrome: typeof Browser }).chrome.alarms.clearAll());

  const url = `${standin.url}/T${TASK}`;
  const page = await on.context.newPage();
  await page.addInitScript(recordBannerTiming);
  await bannerLoad(page, url); // warm-up: compiles the content script, fills the HTTP cache

  log(`warm banner, ${LOADS} loads`);
  const warm: number[] = [];
  for (let i = 0; i < LOADS; i++) warm.push(await bannerLoad(page, url));

  log(`cold banner, ${LOADS} loads`);
  const cold: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    await emptyTaskCaches(worker);
    cold.push(await bannerLoad(page, url));
  }

  log(`page load on/off, ${LOADS} loads each`);
  // Pages without the timing observer, so both sides load exactly the same page.
  const onPage = await on.context.newPage();
  const offPage = await off.context.newPage();
  await loadEventTime(onPage, url);
  await loadEventTime(offPage, url);
  const loadOn: number[] = [];
  const loadOff: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    loadOn.push(await loadEventTime(onPage, url));
    loadOff.push(await loadEventTime(offPage, url));
  }

  metrics.push(
    { label: 'DOMContentLoaded to banner ready, warm cache', value: round(median(warm)), unit: 'ms' },
    { label: 'DOMContentLoaded to banner ready, cold cache', value: round(median(cold)), unit: 'ms' },
    { label: 'page load (load event), extension on', value: round(median(loadOn)), unit: 'ms' },
    { label: 'page load (load event), extension off', value: round(median(loadOff)), unit: 'ms' },
    {
      label: 'page load time ratio, extension on / off',
      value: round(median(loadOn) / median(loadOff), 3),
      unit: 'ratio',
    },
  );
} finally {
  for (const browser of browsers) await browser.close();
  await standin.close();
}

console.log(
  JSON.stringify({
    name: 'banner',
    description:
      `Task-page banner in Chromium against the local stand-in (T${TASK}, full UBN! banner): DOMContentLoaded ` +
      `to banner ready with a warm and a cold worker cache, and load-event time with the extension on and off; ` +
      `medians of ${LOADS} loads each`,
    metrics,
  }),
);
