// The foundation's promise: the built extension loads in both browsers, its content script renders a
// Preact element in a shadow root on a 127.0.0.1 page, and the worker answers a validated message.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { launchFirefox, type FirefoxSession } from './support/firefox';
import { servePage } from './support/page-server';

// A real Phorge task page (captured; see test/fixtures/phorge-html/PROVENANCE.md).
const TASK_PAGE = readFileSync(
  resolve(import.meta.dirname, '../fixtures/phorge-html/task-T14.alice.html'),
  'utf8',
);

const readBanner = () => {
  const root = document.getElementById('steward-banner-host')?.shadowRoot;
  const banner = root?.querySelector('[data-steward="banner"]');
  return banner ? { state: banner.getAttribute('data-state'), text: banner.textContent ?? '' } : null;
};

// With no instance configured, the worker's validated reply is "not configured", and the banner says so.
const answered = () =>
  document
    .getElementById('steward-banner-host')
    ?.shadowRoot?.querySelector('[data-steward="banner"][data-state="not-configured"]') != null;

let site: Awaited<ReturnType<typeof servePage>>;
beforeAll(async () => {
  site = await servePage(TASK_PAGE);
});
afterAll(() => site.close());

describe('Chromium', () => {
  let session: ChromiumSession;
  beforeAll(async () => {
    session = await launchChromium();
  });
  afterAll(() => session.close());

  it('renders in a shadow root and hears back from the service worker', async () => {
    const page = await session.context.newPage();
    await page.goto(`${site.origin}/T14`);
    await page.waitForFunction(answered);
    expect(await page.evaluate(readBanner)).toMatchObject({ state: 'not-configured' });
  });

  it('loads with no errors on the extensions page', async () => {
    const page = await session.context.newPage();
    await page.goto('chrome://extensions/');
    const errors = await page.evaluate(async (id) => {
      const info = await (
        globalThis as unknown as {
          chrome: {
            developerPrivate: {
              getExtensionInfo(id: string): Promise<{ manifestErrors: unknown[]; runtimeErrors: unknown[] }>;
            };
          };
        }
      ).chrome.developerPrivate.getExtensionInfo(id);
      return [...info.manifestErrors, ...info.runtimeErrors];
    }, session.extensionId);
    expect(errors).toEqual([]);
  });
});

describe('Firefox', () => {
  let session: FirefoxSession;
  beforeAll(async () => {
    session = await launchFirefox();
  });
  afterAll(() => session.close());

  it('renders in a shadow root and hears back from the background script', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${site.origin}/T14`);
    await page.waitForFunction(answered);
    expect(await page.evaluate(readBanner)).toMatchObject({ state: 'not-configured' });
  });
});
