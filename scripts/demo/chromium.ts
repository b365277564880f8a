// Launches Debian's Chromium with Steward loaded (or, for "extension off" measurements, without it), at a
// desktop size. Phorge's JX.Device picks its layout from min(viewport width, screen.availWidth), and headless
// Chromium reports an 800 px screen, so the screen is emulated too (fixtures README, "Layout gotcha").
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import type Browser from 'webextension-polyfill';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CHROMIUM_PATH = process.env.STEWARD_CHROMIUM ?? '/usr/bin/chromium';
export const DESKTOP = { width: 1280, height: 900 } as const;

export interface DemoChromiumOptions {
  /** The unpacked Chrome build (e.g. build/demo/chrome); null launches Chromium without the extension. */
  dist: string | null;
  headless: boolean;
  /**
   * Whether Playwright may kill the browser and exit the process on Ctrl-C itself. The demo says no: it
   * closes the browser, removes the profile and stops the stand-in in its own handler.
   */
  handleSignals?: boolean;
  /** Extra Chromium switches (the worker benchmark adds --remote-debugging-port=0). */
  extraArgs?: string[];
}

export interface DemoChromium {
  context: BrowserContext;
  /** null when launched without the extension. */
  extensionId: string | null;
  /** The temporary profile directory (removed on close). */
  profile: string;
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

export async function launchDemoChromium(options: DemoChromiumOptions): Promise<DemoChromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} not found: install it with "apt-get install chromium" (as root), or point ` +
        'STEWARD_CHROMIUM at a Chromium binary.',
    );
  }
  const dist = options.dist === null ? null : resolve(options.dist);
  const profile = mkdtempSync(join(tmpdir(), 'steward-demo-'));
  const args = ['--disable-background-networking', '--disable-component-update', '--no-first-run'];
  if (dist) args.push(`--disable-extensions-except=${dist}`, `--load-extension=${dist}`);
  if (!options.headless) args.push(`--window-size=${DESKTOP.width},${DESKTOP.height + 120}`);
  args.push(...(options.extraArgs ?? []));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless,
    viewport: DESKTOP,
    screen: DESKTOP,
    handleSIGINT: options.handleSignals ?? true,
    handleSIGTERM: options.handleSignals ?? true,
    args,
  });
  const worker = async (): Promise<Worker> => {
    if (!dist) throw new Error('this Chromium was launched without the extension');
    return (
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { timeout: 30_000 }))
    );
  };
  let extensionId: string | null = null;
  if (dist) {
    extensionId = new URL((await worker()).url()).host;
    // The worker registers its content script for the granted origin when it is installed; a page opened
    // before that would have no banner.
    await (
      await worker()
    ).evaluate(async () => {
      const api = (globalThis as unknown as { chrome: typeof Browser }).chrome;
      for (let i = 0; i < 200; i++) {
        if ((await api.scripting.getRegisteredContentScripts()).length > 0) return;
        await new Promise((done) => setTimeout(done, 50));
      }
      throw new Error('Steward registered no content script for the granted 127.0.0.1 origin.');
    });
  }
  let closed = false;
  return {
    context,
    extensionId,
    profile,
    worker,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      // Chromium's last helper processes may still be writing to the profile as it goes: retry.
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
    },
  };
}
