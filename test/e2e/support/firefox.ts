// Loads the built extension into Debian's Firefox ESR with puppeteer-core over WebDriver BiDi.
import puppeteer, { type Browser } from 'puppeteer-core';
import { resolve } from 'node:path';
import { FIREFOX_PATH, requireBrowser } from './browsers';
import { E2E_DIST } from './build-once';

export interface FirefoxSession {
  browser: Browser;
  extensionId: string;
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
    },
  });
  const extensionId = await browser.installExtension(resolve(E2E_DIST, 'firefox'));
  return { browser, extensionId, close: () => browser.close() };
}
