// The same user journey in Firefox: configure by importing a settings file on the options page, see the
// banner, assign a process owner from the popup, and see Phabricator change exactly once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { standinClock, storeInExtension } from './support/extension-storage';
import { launchFirefox, openExtensionPage, type FirefoxSession } from './support/firefox';
import { settingsFor, standin, taskFacts, type Standin } from './support/standin';

let site: Standin;
let session: FirefoxSession;

const banner = (page: Page) =>
  page.evaluate(() => {
    const root = document
      .getElementById('steward-banner-host')
      ?.shadowRoot?.querySelector('[data-steward="banner"]');
    return { state: root?.getAttribute('data-state') ?? null, text: root?.textContent ?? '' };
  });

async function clickByText(
  page: Page,
  selector: string,
  text: string | RegExp,
  within?: ElementHandle,
): Promise<void> {
  const scope = within ?? page;
  const handles = await scope.$$(selector);
  for (const handle of handles) {
    const label = await handle.evaluate((el) => el.textContent?.trim() ?? '');
    if (typeof text === 'string' ? label === text : text.test(label)) {
      await handle.click();
      return;
    }
  }
  throw new Error(`no ${selector} with text ${String(text)}`);
}

async function waitForText(page: Page, text: string | RegExp, timeout = 20_000): Promise<void> {
  await expect
    .poll(
      async () => {
        const body = await page.evaluate(() => document.body.innerText);
        return typeof text === 'string' ? body.includes(text) : text.test(body);
      },
      { timeout },
    )
    .toBe(true);
}

async function syncWorkerClock(): Promise<void> {
  const page = await openExtensionPage(session, 'options/options.html', site.url);
  await page.evaluate(storeInExtension, standinClock(site));
  await page.close();
}

beforeAll(async () => {
  site = await standin();
  session = await launchFirefox();
  const login = await session.browser.newPage();
  await login.goto(`${site.url}/__standin/login?user=alice&next=/`);
  await login.close();
});

afterAll(async () => {
  await session?.close();
  await site?.close();
});

describe('a team member in Firefox', () => {
  it('configures Steward by importing a settings file a colleague exported', async () => {
    const page = await openExtensionPage(session, 'options/options.html#sharing', site.url);
    await page.evaluate(storeInExtension, standinClock(site));
    const file = join(mkdtempSync(join(tmpdir(), 'steward-settings-')), 'steward-settings.json');
    writeFileSync(file, JSON.stringify(settingsFor(site.url), null, 2));
    const input = (await page.waitForSelector('#import-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await waitForText(page, /Imported steward-settings\.json/);
    await page.close();
  });

  it('shows the banner on T14', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${site.url}/T14`);
    await expect.poll(async () => (await banner(page)).state, { timeout: 20_000 }).toBe('ready');
    const { text } = await banner(page);
    expect(text).toContain('Unbreak Now! for 1 hour');
    expect(text).toMatch(/None\. An Unbreak Now! task needs one person to drive it/);
    await page.close();
  });

  it('assigns a process owner from the popup: once, and the banner and popup change', async () => {
    // Three hours pass with nobody declared: T14 turns stale (rule 1) and joins the popup's list.
    site.clock.advance(3 * 3600);
    await syncWorkerClock();
    const popup = await openExtensionPage(session, 'popup/popup.html', site.url);
    await waitForText(popup, 'Global login fails');
    const rows = await popup.$$('li');
    let row: ElementHandle | undefined;
    for (const candidate of rows) {
      if ((await candidate.evaluate((el) => el.textContent ?? '')).includes('Global login fails'))
        row = candidate;
    }
    expect(row).toBeDefined();
    await clickByText(popup, 'button', /^Assign process owner/, row);
    await popup.waitForSelector('[data-username="bob"]');
    await popup.click('[data-username="bob"]');
    await clickByText(popup, 'button', 'Make @bob process owner');
    await expect
      .poll(async () => (await taskFacts(site, 14, 'bob')).declarations, { timeout: 20_000 })
      .toBe(1);
    expect(await taskFacts(site, 14, 'bob')).toEqual({
      ownerIsUser: true,
      subscribed: true,
      declarations: 1,
    });
    await waitForText(popup, /bob is now the process owner|@bob is now the process owner/);

    const page = await session.browser.newPage();
    await page.goto(`${site.url}/T14`);
    await expect
      .poll(async () => (await banner(page)).text, { timeout: 20_000 })
      .toMatch(/declared (\d+ \w+ ago|now|just now)Exact time: [^\n]*, not acknowledged yet/);
  });
});
