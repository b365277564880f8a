// What one poll of the background worker costs, in the built extension in Chromium against the local
// stand-in: Conduit requests, bytes (sent + received) and worker CPU time per poll for 10, 100 and 1,000
// watched UBN! tasks with none changed and with 10 changed since the last poll, plus the first poll (cold
// caches) and the worker's JS heap after a poll.
//
// Polls are triggered as the popup's refresh triggers them: `watchlist/first` with refresh, which polls and
// returns the first screen of the watchlist (the popup asks for the rest once that is drawn, a cost of
// the open popup, measured in popup.bench.ts, not of the poll). The worker's own poll alarm is cleared so that only measured
// polls run. Requests and bytes come from the worker's counters (test hooks); CPU time is the worker
// thread's non-idle time in a DevTools CPU profile; the heap is Runtime.getHeapUsage after a forced GC.
//
// Time passes between polls as it does for a user: before each measured poll both the stand-in's clock
// and the worker's move on by the default interval (5 minutes), so an edit is never "in the same second
// as the last poll" for ever, as it would be on a frozen clock. A simulated hour of polls at that
// interval gives the requests and bytes one install costs Phorge per hour, with nothing changing and
// with a typical change rate (one watched task edited between two polls). The steady and changed polls
// are also measured with 300 ms of latency injected into every Conduit call (stand-in fault injection).
//
// Run: npx tsx bench/worker-poll.bench.ts [--quick]
import { launchDemoChromium } from '../scripts/demo/chromium';
import { logIn } from '../scripts/demo/configure';
import { ExtensionPage } from '../scripts/demo/extension-page';
import { stewardSettings, DEMO_REGISTRY } from '../scripts/demo/settings';
import { median, round } from '../scripts/demo/stats';
import { freshBenchBuild } from '../scripts/demo/test-build';
import { FIRST_TASK_ID, ubnWorld } from '../scripts/demo/ubn-world';
import { WorkerDevTools } from '../scripts/demo/worker-devtools';
import { startStandin, type Standin } from '../test/standin/server';
import type { WatchlistFirstView } from '../src/messages';
/** The popup's first screen (src/popup/use-watchlist.ts FIRST_SCREEN). */
const FIRST_SCREEN = 10;
import { readFileSync, writeFileSync } from 'node:fs';
import type { Worker } from 'playwright-core';
import type Browser from 'webextension-polyfill';

const QUICK = process.argv.includes('--quick');
// --size N measures one size only; --profile DIR also writes each steady poll's CPU profile there.
const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const SIZES = argument('--size') ? [Number(argument('--size'))] : QUICK ? [10, 100] : [10, 100, 1000];
const PROFILE_DIR = argument('--profile');
let profiles = 0;
const REPEATS = QUICK ? 2 : 3;
const CHANGED = 10;
const INTERVAL = 300;
const LATENCY_MS = 300;

interface Metric {
  label: string;
  value: number;
  unit: string;
}
interface Counters {
  requests: number;
  bytesSent: number;
  bytesReceived: number;
}
interface PollCost {
  requests: number;
  bytes: number;
  cpuMs: number;
  wallMs: number;
}

const log = (message: string) => process.stderr.write(`worker-poll: ${message}\n`);

async function counters(worker: Worker): Promise<Counters> {
  const value = await worker.evaluate(
    () => (globalThis as unknown as { stewardTest?: { counters: Counters } }).stewardTest?.counters,
  );
  if (!value) throw new Error('the worker has no test hooks (stewardTest): build with --test-hooks');
  return { ...value };
}

async function measuredPoll(
  worker: Worker,
  devtools: WorkerDevTools,
  extension: ExtensionPage,
  expectRows: number,
): Promise<PollCost> {
  const before = await counters(worker);
  const started = performance.now();
  const { result, busyMs } = await devtools.busyTimeOf(
    () =>
      extension.ask<WatchlistFirstView>(
        { type: 'watchlist/first', refresh: true, count: FIRST_SCREEN },
        600_000,
      ),
    PROFILE_DIR
      ? (profile) => writeFileSync(`${PROFILE_DIR}/poll-${++profiles}.cpuprofile`, JSON.stringify(profile))
      : undefined,
  );
  const wallMs = performance.now() - started;
  const after = await counters(worker);
  if (result.connection !== 'ok')
    throw new Error(`the poll failed: ${result.connectionMessage ?? result.connection}`);
  if (result.total !== expectRows) {
    throw new Error(`the poll watched ${result.total} tasks, expected ${expectRows}`);
  }
  return {
    requests: after.requests - before.requests,
    bytes: after.bytesSent - before.bytesSent + (after.bytesReceived - before.bytesReceived),
    cpuMs: busyMs,
    wallMs,
  };
}

/** Comments on `count` tasks through Conduit (as bob, with his API token), so their dateModified moves. */
async function changeTasks(standin: Standin, ids: number[]): Promise<void> {
  const token = standin.state.world.userByName('bob')?.apiToken;
  if (!token) throw new Error('the benchmark world has no API token for bob');
  // A new second on the stand-in clock, so every edited task's dateModified really differs from the cache.
  standin.clock.advance(2);
  for (const id of ids) {
    const params = {
      __conduit__: { token },
      objectIdentifier: `T${id}`,
      transactions: [{ type: 'comment', value: 'Still broken after the latest deployment.' }],
    };
    const response = await fetch(`${standin.url}/api/maniphest.edit`, {
      method: 'POST',
      body: new URLSearchParams({ params: JSON.stringify(params), output: 'json' }),
    });
    const reply = (await response.json()) as { error_code: string | null; error_info: string | null };
    if (reply.error_code) throw new Error(`editing T${id} failed: ${reply.error_info ?? reply.error_code}`);
  }
  // The poll comes a moment after the edits, not in the very second they were made (which would make it
  // read those tasks once more at the next poll, as it must when an edit may share the poll's second).
  standin.clock.advance(1);
}

/** Moves the stand-in's clock and the worker's by the same number of seconds. */
async function advance(standin: Standin, worker: Worker, seconds: number): Promise<void> {
  standin.clock.advance(seconds);
  const offset = standin.clock.now() - Math.floor(Date.now() / 1000);
  await worker.evaluate((value) => {
    (
      globalThis as unknown as { stewardTest: { setClockOffset: (s: number) => void } }
    ).stewardTest.setClockOffset(value);
  }, offset);
}

async function injectLatency(standin: Standin, on: boolean): Promise<void> {
  const response = await fetch(`${standin.url}/__standin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      on ? { method: '*', kind: 'latency', ms: LATENCY_MS, times: 100_000 } : { clear: true },
    ),
  });
  if (!response.ok) throw new Error(`the stand-in refused the fault: HTTP ${response.status}`);
}

function summarize(label: string, costs: PollCost[], metrics: Metric[]): void {
  metrics.push(
    { label: `${label}: requests per poll`, value: median(costs.map((c) => c.requests)), unit: 'requests' },
    { label: `${label}: bytes per poll`, value: median(costs.map((c) => c.bytes)), unit: 'bytes' },
    { label: `${label}: worker CPU per poll`, value: round(median(costs.map((c) => c.cpuMs))), unit: 'ms' },
    { label: `${label}: poll wall time`, value: round(median(costs.map((c) => c.wallMs))), unit: 'ms' },
  );
}

const registry = readFileSync(DEMO_REGISTRY, 'utf8');
const dist = freshBenchBuild();
const browser = await launchDemoChromium({ dist, headless: true, extraArgs: ['--remote-debugging-port=0'] });
const metrics: Metric[] = [];
try {
  const devtools = await WorkerDevTools.attach(browser.profile);
  const worker = await browser.worker();
  const extension = await ExtensionPage.open(browser.context, browser.extensionId ?? '');
  for (const size of SIZES) {
    const standin = await startStandin({ scenario: ubnWorld(size) });
    try {
      await logIn(browser.context, standin.url, 'alice');
      await extension.ask({ type: 'settings/save', settings: stewardSettings(standin.url, registry) });
      // Only the benchmark's polls run: no alarm fires a poll in the middle of a measurement.
      await worker.evaluate(() =>
        (globalThis as unknown as { chrome: typeof Browser }).chrome.alarms.clearAll(),
      );

      await advance(standin, worker, 0);
      log(`${size} tasks: first poll`);
      const first = await measuredPoll(worker, devtools, extension, size);
      metrics.push(
        {
          label: `${size} tasks, first poll (cold cache): requests`,
          value: first.requests,
          unit: 'requests',
        },
        { label: `${size} tasks, first poll (cold cache): bytes`, value: first.bytes, unit: 'bytes' },
        {
          label: `${size} tasks, first poll (cold cache): worker CPU`,
          value: round(first.cpuMs),
          unit: 'ms',
        },
        { label: `${size} tasks, first poll (cold cache): wall`, value: round(first.wallMs), unit: 'ms' },
      );

      const unchanged: PollCost[] = [];
      for (let i = 0; i < REPEATS; i++) {
        await advance(standin, worker, INTERVAL);
        unchanged.push(await measuredPoll(worker, devtools, extension, size));
      }
      summarize(`${size} tasks, none changed`, unchanged, metrics);

      let next = 0;
      const changedIds = (count: number) =>
        Array.from({ length: Math.min(count, size) }, () => FIRST_TASK_ID + (next++ % size));
      const changed: PollCost[] = [];
      for (let round = 0; round < REPEATS; round++) {
        await advance(standin, worker, INTERVAL);
        await changeTasks(standin, changedIds(CHANGED));
        changed.push(await measuredPoll(worker, devtools, extension, size));
      }
      summarize(`${size} tasks, ${CHANGED} changed`, changed, metrics);

      await injectLatency(standin, true);
      try {
        const slowSteady: PollCost[] = [];
        const slowChanged: PollCost[] = [];
        for (let round = 0; round < REPEATS; round++) {
          await advance(standin, worker, INTERVAL);
          slowSteady.push(await measuredPoll(worker, devtools, extension, size));
          await advance(standin, worker, INTERVAL);
          await changeTasks(standin, changedIds(CHANGED));
          slowChanged.push(await measuredPoll(worker, devtools, extension, size));
        }
        summarize(`${size} tasks, none changed, ${LATENCY_MS} ms latency`, slowSteady, metrics);
        summarize(`${size} tasks, ${CHANGED} changed, ${LATENCY_MS} ms latency`, slowChanged, metrics);
      } finally {
        await injectLatency(standin, false);
      }

      // One hour at the default interval: twelve polls, first with nothing changing, then with one
      // watched task edited between each two polls.
      for (const perPoll of [0, 1]) {
        let requests = 0;
        let bytes = 0;
        for (let i = 0; i < 3600 / INTERVAL; i++) {
          await advance(standin, worker, INTERVAL - (perPoll > 0 ? 3 : 0));
          if (perPoll > 0) await changeTasks(standin, changedIds(perPoll));
          const cost = await measuredPoll(worker, devtools, extension, size);
          requests += cost.requests;
          bytes += cost.bytes;
        }
        const rate = perPoll === 0 ? 'nothing changing' : `${perPoll} task changed per poll`;
        metrics.push(
          { label: `${size} tasks, one hour at 5 min, ${rate}: requests`, value: requests, unit: 'requests' },
          { label: `${size} tasks, one hour at 5 min, ${rate}: bytes`, value: bytes, unit: 'bytes' },
        );
      }

      metrics.push({
        label: `${size} tasks: worker JS heap after a poll`,
        value: round((await devtools.heapUsedAfterGc()) / 2 ** 20, 2),
        unit: 'MiB',
      });
      log(`${size} tasks: done`);
    } finally {
      await standin.close();
    }
  }
  await devtools.close();
} finally {
  await browser.close();
}

console.log(
  JSON.stringify({
    name: 'worker-poll',
    description:
      'One poll of the background worker in Chromium against the local stand-in (session mode, all UBN! watched): ' +
      'Conduit requests, bytes sent+received, worker CPU (non-idle profile samples) and wall time per poll, ' +
      `median of ${REPEATS} polls; heap after forced GC`,
    metrics,
  }),
);
