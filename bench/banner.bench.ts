// How fast the task-page banner is complete and what the extension costs a page load, in the built
// extension in Chromium against the local stand-in (the demo world, task T1001: the full UBN! banner).
//
//   DOMContentLoaded to banner complete: from the page's DOMContentLoaded to the moment the banner in the
//     shadow root is styled (until banner.css is in it is hidden), has data-state="ready" and no line still
//     waiting (data-pending is not "history"), median and p95. A banner answered from the cache may also be checked in the background (data-pending="check",
//     when the people it names were read more than 10 minutes ago): every line is shown meanwhile, and the
//     check's answer only updates it in place. The time until that check has answered too ("settled") is
//     reported beside it.
//     Four arms, loads interleaved (one of each arm in turn, so drift on a noisy machine hits all alike):
//       cached: the worker has seen the task (the previous load of this arm);
//       never seen: the worker's task and people caches are emptied before the load (instance metadata
//         and the registry stay cached, as after the first visit to any task);
//       and both again with the worker asleep: stopped through the DevTools protocol before the load.
//     Each arm runs with the stand-in answering at once and with 300 ms injected on every Conduit call.
//   Conduit requests per page view of a cached, unchanged task (stand-in request log, counted until a
//     moment after the banner is complete, so a revalidation in the background is counted too).
//   Page load with the extension on / off: the load event (navigation timing), median of loads alternating
//     between this Chromium and a second one without the extension.
//
// Run: npx tsx bench/banner.bench.ts [--quick]
import type { CDPSession, Page, Worker } from 'playwright-core';
import { readFileSync } from 'node:fs';
import type Browser from 'webextension-polyfill';
import { launchDemoChromium, type DemoChromium } from '../scripts/demo/chromium';
import { configureSteward, logIn } from '../scripts/demo/configure';
import { ExtensionPage } from '../scripts/demo/extension-page';
import { DEMO_REGISTRY, DEMO_SCENARIO, stewardSettings } from '../scripts/demo/settings';
import { median, round } from '../scripts/demo/stats';
import { freshBenchBuild } from '../scripts/demo/test-build';
import { startStandin } from '../test/standin/server';
import { bannerLoad, p95, recordBannerTiming } from '../scripts/demo/banner-timing';

const QUICK = process.argv.includes('--quick');
const LOADS = QUICK ? 3 : 30;
const TASK = 1001;
const LATENCY_MS = 300;
/** How long after the banner is complete requests are still counted for the page view. */
const SETTLE_MS = 400;

const log = (message: string) => process.stderr.write(`banner: ${message}\n`);

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
            // The worker remembers the accounts and task records it read: forget them with the stores.
            const hooks = (
              globalThis as unknown as {
                stewardTest: { forgetCachedUsers(): void; forgetViewedTasks(): void };
              }
            ).stewardTest;
            hooks.forgetCachedUsers();
            hooks.forgetViewedTasks();
            resolve();
          };
          tx.onerror = () => reject(tx.error ?? new Error('cannot clear the caches'));
        };
      }),
  );
}

const dist = freshBenchBuild();
const standin = await startStandin({ scenario: DEMO_SCENARIO });
const control = async (action: string, body: unknown): Promise<unknown> => {
  const response = await fetch(`${standin.url}/__standin/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`stand-in ${action}: ${response.status} ${await response.text()}`);
  return response.json();
};
const conduitCalls = async (): Promise<number> => {
  const { requests } = (await (await fetch(`${standin.url}/__standin/requests`)).json()) as {
    requests: { conduitMethod: string | null }[];
  };
  return requests.filter((r) => r.conduitMethod !== null).length;
};
const setLatency = (on: boolean) =>
  control(
    'faults',
    on ? { method: '*', kind: 'latency', ms: LATENCY_MS, times: 1_000_000 } : { clear: true },
  );

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
  // Only page loads make the worker work: no poll alarm fires in the middle of a measurement.
  const clearAlarms = async () =>
    (await on.worker()).evaluate(() =>
      (globalThis as unknown as { chrome: typeof Browser }).chrome.alarms.clearAll(),
    );
  await clearAlarms();

  // A quiet extension page to stop the worker from (as test/e2e/worker.chromium.test.ts does).
  const devtoolsHost = await on.context.newPage();
  await devtoolsHost.goto(`chrome-extension://${on.extensionId}/_locales/en/messages.json`);
  const cdp: CDPSession = await on.context.newCDPSession(devtoolsHost);
  await cdp.send('ServiceWorker.enable');
  const stopWorker = async () => {
    const worker = await on.worker();
    const closed = new Promise<void>((done) => worker.once('close', () => done()));
    await cdp.send('ServiceWorker.stopAllWorkers');
    await Promise.race([closed, new Promise((done) => setTimeout(done, 2000))]);
  };

  const url = `${standin.url}/T${TASK}`;
  const page = await on.context.newPage();
  await page.addInitScript(recordBannerTiming);
  await bannerLoad(page, url); // warm-up: compiles the content script, fills the HTTP cache
  await bannerLoad(page, url);

  type Arm = {
    label: string;
    latency: boolean;
    seen: boolean;
    asleep: boolean;
    times: number[];
    settled: number[];
  };
  const arms: Arm[] = [];
  for (const latency of [false, true])
    for (const asleep of [false, true])
      for (const seen of [true, false])
        arms.push({
          label: `${seen ? 'cached' : 'never seen'}${asleep ? ', worker asleep' : ''}, ${latency ? `+${LATENCY_MS} ms per Conduit call` : 'instant Conduit'}`,
          latency,
          seen,
          asleep,
          times: [],
          settled: [],
        });
  const requestsPerCachedView: number[] = [];

  log(`${arms.length} arms, ${LOADS} interleaved loads each`);
  for (let i = 0; i < LOADS; i++) {
    for (const arm of arms) {
      await setLatency(false);
      if (arm.seen)
        await bannerLoad(page, url); // the arm's own previous view: the task is cached
      else await emptyTaskCaches(await on.worker());
      // A worker woken by an earlier arm re-created its poll alarm at start-up: clear it again, so a poll
      // is never counted as the page view's requests.
      if (!arm.asleep) await clearAlarms();
      if (arm.asleep) await stopWorker();
      await setLatency(arm.latency);
      await control('requests/clear', {});
      const { complete, settled } = await bannerLoad(page, url);
      arm.times.push(complete);
      arm.settled.push(settled);
      if (arm.seen && !arm.asleep && !arm.latency) {
        await new Promise((done) => setTimeout(done, SETTLE_MS));
        requestsPerCachedView.push(await conduitCalls());
      }
    }
    if (i % 5 === 4) log(`${i + 1} rounds`);
  }
  await setLatency(false);

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

  for (const arm of arms) {
    metrics.push(
      {
        label: `DOMContentLoaded to banner complete, ${arm.label}, median`,
        value: round(median(arm.times)),
        unit: 'ms',
      },
      {
        label: `DOMContentLoaded to banner complete, ${arm.label}, p95`,
        value: round(p95(arm.times)),
        unit: 'ms',
      },
      {
        label: `DOMContentLoaded to banner settled (background check answered), ${arm.label}, median`,
        value: round(median(arm.settled)),
        unit: 'ms',
      },
      {
        label: `loads with a background check, ${arm.label}`,
        value: arm.times.filter((t, i) => arm.settled[i]! - t > 1).length,
        unit: `of ${arm.times.length}`,
      },
    );
  }
  metrics.push(
    {
      label: 'Conduit requests per page view, cached unchanged task (mean)',
      value: round(requestsPerCachedView.reduce((a, b) => a + b, 0) / requestsPerCachedView.length, 2),
      unit: 'requests',
    },
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
      `to banner complete, cached and never-seen task, worker awake and asleep, instant Conduit and ` +
      `+${LATENCY_MS} ms per call, ${LOADS} interleaved loads per arm; Conduit requests per cached page view; ` +
      `load-event time with the extension on and off (medians of ${LOADS} loads each)`,
    metrics,
  }),
);
