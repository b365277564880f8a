// The foundation's promise: the built extension loads in both browsers, its content script renders a
// Preact element in a shadow root on a 127.0.0.1 page, and the worker answers a validated message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { launchFirefox, type FirefoxSession } from './support/firefox';
import { servePage } from './support/page-server';

const TASK_PAGE = `<!doctype html><html><head><title>T1 test</title></head><body>
<div id="phabricator-standard-page-body"><h1 class="phui-header-view">A task</h1></div></body></html>`;

const readBanner = () => {
  const root = document.getElementById('steward-banner-host')?.shadowRoot;
  const banner = root?.querySelector('[data-steward="banner"]');
  return banner ? { state: banner.getAttribute('data-state'), text: banner.textContent } : null;
};

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
    await page.goto(`${site.origin}/T1`);
    await page.waitForFunction(() => {
      const root = document.getElementById('steward-banner-host')?.shadowRoot;
      return root?.querySelector('[data-state="connected"]') !== null && root !== undefined;
    });
    expect(await page.evaluate(readBanner)).toEqual({ state: 'connected', text: 'Steward 0.1.0' });
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
    await page.goto(`${site.origin}/T1`);
    await page.waitForFunction(() => {
      const root = document.getElementById('steward-banner-host')?.shadowRoot;
      return root?.querySelector('[data-state="connected"]') != null;
    });
    expect(await page.evaluate(readBanner)).toEqual({ state: 'connected', text: 'Steward 0.1.0' });
  });
});
