// Whether a page view waits for a cold poll: the built extension in Chromium against the local stand-in
// with 1,000 open UBN! tasks, all watched (as bench/worker-poll.bench.ts sets them up), and a task page
// the worker has seen before (T5001, one of them: its banner comes from the cache).
//
// Each round starts a new stand-in (a new instance, so the worker's caches are cold for it), views the
// task page twice (the worker caches the task, the instance's metadata and the registry), then times
// page views with no poll running, then starts the first poll (as the popup's refresh starts it) and,
// while it runs, views the page again and again. A page view is timed as bench/banner.bench.ts times
// it: from DOMContentLoaded to the banner complete. Also reported: the poll's worker CPU and wall time
// with and without the page views, and the worker's longest busy stretch during the poll (the longest
// a message can wait; from a DevTools CPU profile of the worker, consecutive non-idle samples). Between
// page views an extension page asks the worker for the same task's context and times the answer: the
// worker's part of a page view, apart from the page's own loading (which a busy machine slows too).
//
// Run: npx tsx bench/poll-page-view.bench.ts [--quick] [--rounds N] [--size N] [--profile DIR] [--trace] [--unprofiled-views]
import type { Worker } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type Browser from 'webextension-polyfill';
import { bannerLoad, p95, recordBannerTiming } from '../scripts/demo/banner-timing';
import { launchDemoChromium } from '../scripts/demo/chromium';
import { logIn } from '../scripts/demo/configure';
import { ExtensionPage } from '../scripts/demo/extension-page';
import { DEMO_REGISTRY, stewardSettings } from '../scripts/demo/settings';
import { median, round } from '../scripts/demo/stats';
import { freshBenchBuild } from '../scripts/demo/test-build';
import { FIRST_TASK_ID, ubnWorld } from '../scripts/demo/ubn-world';
import { WorkerDevTools } from '../scripts/demo/worker-devtools';
import { startStandin } from '../test/standin/server';
import type { WatchlistFirstView } from '../src/messages';

const QUICK = process.argv.includes('--quick');
const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const SIZE = Number(argument('--size') ?? 1000);
/** --profile DIR writes each poll's worker CPU profile there. */
const PROFILE_DIR = argument('--profile');
if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
/** --trace logs each page view during a poll: when it started (ms into the poll) and how long it took. */
const TRACE = process.argv.includes('--trace');
/** --unprofiled-views: no CPU profile of the worker while page views are timed (the sampler is a guest). */
const UNPROFILED_VIEWS = process.argv.includes('--unprofiled-views');
/**
 * Rounds: each a cold poll alone and a cold poll with page views, on instances of their own. A cold poll
 * of 1,000 takes about a second and a half now, so a few rounds are needed for a dozen views during one.
 */
const ROUNDS = Number(argument('--rounds') ?? (QUICK ? 1 : 4));
/** Page views with no poll running, per round. */
const QUIET_VIEWS = QUICK ? 5 : 10;
/** The pause between two page views (a quick reader's pace, not a flood that would slow the poll itself). */
const GAP_MS = 300;
/** The popup's first screen (src/popup/use-watchlist.ts FIRST_SCREEN). */
const FIRST_SCREEN = 10;

const log = (message: string) => process.stderr.write(`poll-page-view: ${message}\n`);

interface Profile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * The longest run of consecutive non-idle samples in a CPU profile, in ms. A sample counts at most 1 ms
 * (four sampling periods): a longer gap is the thread waiting for a core other processes hold.
 */
function longestBusy(profile: Profile): number {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  let longest = 0;
  let run = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const delta = Math.min(profile.timeDeltas?.[i] ?? 0, 1000);
    if (idle.has(id)) run = 0;
    else longest = Math.max(longest, (run += delta));
  });
  return longest / 1000;
}

async function advanceWorkerClock(worker: Worker, standinNow: number): Promise<void> {
  const offset = standinNow - Math.floor(Date.now() / 1000);
  await worker.evaluate((value) => {
    (
      globalThis as unknown as { stewardTest: { setClockOffset: (s: number) => void } }
    ).stewardTest.setClockOffset(value);
  }, offset);
}

/**
 * Fills the pause between two page views with the worker's own answer time: the cached task's context
 * asked from an extension page (the same answer a page view waits for, without the page's own loading
 * and rendering), timed inside that page, one ask per quarter of the pause while `stop` says go on.
 */
async function askBetween(
  asker: ExtensionPage,
  instance: string,
  into: number[],
  stop: () => boolean,
): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, GAP_MS / 4));
    const ms = await asker.page.evaluate(
      async (request) => {
        const runtime = (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).chrome.runtime;
        const start = performance.now();
        const reply = (await runtime.sendMessage(request)) as { ok: boolean } | undefined;
        return reply?.ok ? performance.now() - start : null;
      },
      { type: 'task/context-on', instance, taskId: FIRST_TASK_ID },
    );
    if (ms === null) throw new Error('the worker refused the context of the cached task');
    if (stop()) return;
    into.push(ms);
  }
}

const registry = readFileSync(DEMO_REGISTRY, 'utf8');
const dist = freshBenchBuild();
const browser = await launchDemoChromium({ dist, headless: true, extraArgs: ['--remote-debugging-port=0'] });
const quiet: number[] = [];
const during: number[] = [];
const quietAnswers: number[] = [];
const duringAnswers: number[] = [];
const alone = { cpu: [] as number[], wall: [] as number[], longest: [] as number[] };
const viewed = { cpu: [] as number[], wall: [] as number[], longest: [] as number[] };
try {
  const devtools = await WorkerDevTools.attach(browser.profile);
  const extension = await ExtensionPage.open(browser.context, browser.extensionId ?? '');
  const asker = await ExtensionPage.open(browser.context, browser.extensionId ?? '');
  const page = await browser.context.newPage();
  await page.addInitScript(recordBannerTiming);
  for (let round = 0; round < ROUNDS; round++) {
    for (const withViews of [false, true]) {
      const standin = await startStandin({ scenario: ubnWorld(SIZE) });
      try {
        const worker = await browser.worker();
        await logIn(browser.context, standin.url, 'alice');
        await extension.ask({ type: 'settings/save', settings: stewardSettings(standin.url, registry) });
        // Only the measured poll runs: no alarm fires one in the middle.
        await worker.evaluate(() =>
          (globalThis as unknown as { chrome: typeof Browser }).chrome.alarms.clearAll(),
        );
        await advanceWorkerClock(worker, standin.clock.now());
        const url = `${standin.url}/T${FIRST_TASK_ID}`;
        // Seen twice: the task, the instance's metadata and the registry are cached.
        await bannerLoad(page, url);
        await bannerLoad(page, url);
        for (let i = 0; i < QUIET_VIEWS; i++) {
          quiet.push((await bannerLoad(page, url)).complete);
          await askBetween(asker, standin.url, quietAnswers, () => false);
        }

        log(`round ${round + 1}: cold poll of ${SIZE} tasks${withViews ? ', with page views' : ''}`);
        let done = false;
        const started = performance.now();
        const seen: { profile: Profile | null } = { profile: null };
        const coldPoll = () =>
          extension.ask<WatchlistFirstView>(
            { type: 'watchlist/first', refresh: true, count: FIRST_SCREEN },
            600_000,
          );
        const measured =
          withViews && UNPROFILED_VIEWS
            ? coldPoll().then((result) => ({ result, busyMs: Number.NaN }))
            : devtools.busyTimeOf(coldPoll, (profile) => {
                seen.profile = profile as Profile;
                if (PROFILE_DIR)
                  writeFileSync(
                    `${PROFILE_DIR}/cold-poll-${withViews ? 'views' : 'alone'}-${round + 1}.cpuprofile`,
                    JSON.stringify(profile),
                  );
              });
        const poll = measured.finally(() => {
          done = true;
        });
        let views = 0;
        while (withViews && !done) {
          const ms = (await bannerLoad(page, url)).complete;
          // A view that ended after the poll did is not one during it.
          if (!done) {
            if (TRACE) log(`  view at ${round1(performance.now() - started - ms)} ms: ${round1(ms)} ms`);
            during.push(ms);
            views++;
          }
          await askBetween(asker, standin.url, duringAnswers, () => done);
        }
        const { result, busyMs } = await poll;
        const wallMs = performance.now() - started;
        if (result.connection !== 'ok')
          throw new Error(`the poll failed: ${result.connectionMessage ?? result.connection}`);
        if (result.total !== SIZE)
          throw new Error(`the poll watched ${result.total} tasks, expected ${SIZE}`);
        const arm = withViews ? viewed : alone;
        arm.cpu.push(busyMs);
        arm.wall.push(wallMs);
        arm.longest.push(seen.profile ? longestBusy(seen.profile) : Number.NaN);
        log(
          `  ${round1(wallMs)} ms wall, ${round1(busyMs)} ms worker CPU, longest busy ${round1(arm.longest.at(-1)!)} ms` +
            (withViews ? `, ${views} page views` : ''),
        );
      } finally {
        await standin.close();
      }
    }
  }
  await devtools.close();
} finally {
  await browser.close();
}

function round1(n: number): number {
  return round(n, 1);
}

const metrics = [
  {
    label: 'cached task page, no poll: DOMContentLoaded to banner complete, median',
    value: round1(median(quiet)),
    unit: 'ms',
  },
  {
    label: 'cached task page, no poll: DOMContentLoaded to banner complete, p95',
    value: round1(p95(quiet)),
    unit: 'ms',
  },
  {
    label: `cached task page during a cold poll of ${SIZE}: DOMContentLoaded to banner complete, median`,
    value: round1(median(during)),
    unit: 'ms',
  },
  {
    label: `cached task page during a cold poll of ${SIZE}: DOMContentLoaded to banner complete, p95`,
    value: round1(p95(during)),
    unit: 'ms',
  },
  {
    label: `cached task page during a cold poll of ${SIZE}: slowest`,
    value: round1(Math.max(...during)),
    unit: 'ms',
  },
  { label: 'page views during the cold polls', value: during.length, unit: 'count' },
  {
    label: "worker's answer for the cached task, no poll: median",
    value: round1(median(quietAnswers)),
    unit: 'ms',
  },
  {
    label: "worker's answer for the cached task, no poll: p95",
    value: round1(p95(quietAnswers)),
    unit: 'ms',
  },
  {
    label: `worker's answer for the cached task during a cold poll of ${SIZE}: median`,
    value: round1(median(duringAnswers)),
    unit: 'ms',
  },
  {
    label: `worker's answer for the cached task during a cold poll of ${SIZE}: p95`,
    value: round1(p95(duringAnswers)),
    unit: 'ms',
  },
  {
    label: `worker's answer for the cached task during a cold poll of ${SIZE}: slowest`,
    value: round1(Math.max(...duringAnswers)),
    unit: 'ms',
  },
  { label: `cold poll of ${SIZE}, alone: worker CPU`, value: round1(median(alone.cpu)), unit: 'ms' },
  { label: `cold poll of ${SIZE}, alone: wall`, value: round1(median(alone.wall)), unit: 'ms' },
  {
    label: `cold poll of ${SIZE}, alone: longest worker busy stretch`,
    value: round1(median(alone.longest)),
    unit: 'ms',
  },
  {
    label: `cold poll of ${SIZE}, with page views: worker CPU`,
    value: round1(median(viewed.cpu)),
    unit: 'ms',
  },
  { label: `cold poll of ${SIZE}, with page views: wall`, value: round1(median(viewed.wall)), unit: 'ms' },
  {
    label: `cold poll of ${SIZE}, with page views: longest worker busy stretch`,
    value: round1(median(viewed.longest)),
    unit: 'ms',
  },
];

console.log(
  JSON.stringify({
    name: 'poll-page-view',
    description:
      `A cached task page viewed while the worker runs a cold poll of ${SIZE} watched UBN! tasks (Chromium, stand-in): ` +
      `DOMContentLoaded to banner complete with no poll and during the poll (median, p95), and the poll's worker CPU, ` +
      `wall time and longest busy stretch with and without the page views; ${ROUNDS} round(s), medians`,
    metrics,
  }),
);
