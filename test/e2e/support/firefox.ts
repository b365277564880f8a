// Loads the built extension into Debian's Firefox ESR with puppeteer-core over WebDriver BiDi.
import puppeteer, { type Browser } from 'puppeteer-core';
import { resolve } from 'node:path';
import { FIREFOX_PATH, requireBrowser } from './browsers';
import { E2E_DIST } from './build-once';
import { GECKO_ID } from '../../../extension/manifest';

/** Firefox gives each add-on a random internal UUID; pinning it lets tests open moz-extension:// pages. */
export const FIREFOX_EXTENSION_UUID = '6d4c1b7e-0c3f-4a51-9f6e-5e2a7d1c9b00';

export interface FirefoxSession {
  browser: Browser;
  extensionId: string;
  /** Base URL of the extension's pages, e.g. moz-extension://<uuid>/ */
  baseUrl: string;
  close(): Promise<void>;
}

export async function launchFirefox(): Promise<FirefoxSession> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: requireBrowser(FIREFOX_PATH, 'firefox-esr'),
    headless: true,
    extraPrefsFirefox: {
      // Lets a test's real click on "Grant access" complete a permissions.request without a doorhanger.
      'extensions.webextOptionalPermissionPrompts': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
    },
  });
  const extensionId = await browser.installExtension(resolve(E2E_DIST, 'firefox'));
  return {
    browser,
    extensionId,
    baseUrl: `moz-extension://${FIREFOX_EXTENSION_UUID}/`,
    close: () => browser.close(),
  };
}

/**
 * Opens one of the extension's pages in a new tab. WebDriver BiDi refuses to navigate to moz-extension://,
 * so the tab first loads a 127.0.0.1 page, which the e2e build lets open the extension's pages.
 */
export async function openExtensionPage(session: FirefoxSession, path: string, viaOrigin: string) {
  const page = await session.browser.newPage();
  await page.goto(`${viaOrigin}/__standin/state`);
  const target = `${session.baseUrl}${path}`;
  await page.evaluate((url) => {
    location.href = url;
  }, target);
  for (let i = 0; i < 100; i++) {
    const href = await page.evaluate(() => location.href).catch(() => '');
    if (
      href.startsWith(target.split('#')[0]!) &&
      (await page.evaluate(() => document.readyState).catch(() => '')) === 'complete'
    ) {
      return page;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`Firefox did not open ${target}`);
}
