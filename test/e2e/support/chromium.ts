// Loads the built extension into Debian's Chromium with playwright-core.
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import type Browser from 'webextension-polyfill';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_PATH, requireBrowser } from './browsers';
import { E2E_DIST } from './build-once';

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<ChromiumSession> {
  const dist = resolve(E2E_DIST, 'chrome');
  const profile = mkdtempSync(join(tmpdir(), 'steward-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: requireBrowser(CHROMIUM_PATH, 'chromium'),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const worker = async (): Promise<Worker> =>
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker'));
  const extensionId = new URL((await worker()).url()).host;
  // The worker registers the content script when it is installed; a page opened before that would be bare.
  await (
    await worker()
  ).evaluate(async () => {
    const api = (globalThis as unknown as { chrome: typeof Browser }).chrome;
    for (let i = 0; i < 100; i++) {
      if ((await api.scripting.getRegisteredContentScripts()).length > 0) return;
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error('Steward registered no content script for the granted test origin.');
  });
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
