// The DevTools protocol on Steward's service worker, for the worker benchmark: JS heap in use and the
// worker thread's busy time. Playwright opens no CDP session on a worker, so the browser is launched with
// --remote-debugging-port=0 as well and puppeteer-core attaches to the worker's target.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type CDPSession } from 'puppeteer-core';

/** Sampling period of the CPU profiler, in microseconds: fine enough for polls of a few milliseconds. */
const SAMPLING_US = 250;

export class WorkerDevTools {
  private constructor(
    private readonly browser: Browser,
    private readonly session: CDPSession,
  ) {}

  /** Attaches to the extension's service worker of a Chromium started with --remote-debugging-port=0. */
  static async attach(profile: string): Promise<WorkerDevTools> {
    let port = '';
    for (let i = 0; i < 100 && !port; i++) {
      try {
        port = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0] ?? '';
      } catch {
        await new Promise((done) => setTimeout(done, 50));
      }
    }
    if (!port)
      throw new Error('Chromium wrote no DevToolsActivePort: was it started with --remote-debugging-port=0?');
    const browser = await puppeteer.connect({
      browserURL: `http://127.0.0.1:${port}`,
      defaultViewport: null,
    });
    const target = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
      { timeout: 10_000 },
    );
    const session = await target.createCDPSession();
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    return new WorkerDevTools(browser, session);
  }

  /** JS heap in use by the worker after a full garbage collection, in bytes. */
  async heapUsedAfterGc(): Promise<number> {
    await this.session.send('HeapProfiler.collectGarbage');
    return (await this.session.send('Runtime.getHeapUsage')).usedSize;
  }

  /**
   * Runs `action` while the worker is profiled and returns its result with the worker thread's busy time
   * in ms: every profiler sample that is not "(idle)" (JS, compiling, garbage collection, the runtime).
   */
  async busyTimeOf<T>(
    action: () => Promise<T>,
    onProfile?: (profile: unknown) => void,
  ): Promise<{ result: T; busyMs: number }> {
    await this.session.send('Profiler.start');
    const outcome = await action().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const { profile } = await this.session.send('Profiler.stop');
    if (!outcome.ok) throw outcome.error;
    onProfile?.(profile);
    const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
    let busyUs = 0;
    (profile.samples ?? []).forEach((id, i) => {
      if (!idle.has(id)) busyUs += profile.timeDeltas?.[i] ?? 0;
    });
    return { result: outcome.value, busyMs: busyUs / 1000 };
  }

  async close(): Promise<void> {
    await this.session.detach().catch(() => undefined);
    await this.browser.disconnect().catch(() => undefined);
  }
}
