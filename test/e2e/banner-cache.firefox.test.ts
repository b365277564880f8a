// The banner answered from the worker's cache, in Firefox: a second view of an unchanged task asks
// Phabricator nothing, a task that changes while its page is open updates in place, a page newer than the
// cache never shows the older state as current, and during an outage the last good state is shown, marked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { readBannerOutage } from './support/banner-outage';
import { readBannerRecord, recordBanner } from './support/banner-record';
import { readBannerStyling } from './support/banner-style';
import { standinClock, storeInExtension } from './support/extension-storage';
import { launchFirefox, openExtensionPage, type FirefoxSession } from './support/firefox';
import { control, editAs, settingsFor, settled, standin, type Standin } from './support/standin';

let site: Standin;
let session: FirefoxSession;

const banner = (page: Page) =>
  page.evaluate(() => {
    const root = document
      .getElementById('steward-banner-host')
      ?.shadowRoot?.querySelector('[data-steward="banner"]');
    return { state: root?.getAttribute('data-state') ?? null, text: root?.textContent ?? '' };
  });

async function load(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect.poll(async () => (await banner(page)).state, { timeout: 20_000 }).toBe('ready');
}

beforeAll(async () => {
  site = await standin();
  session = await launchFirefox();
  const login = await session.browser.newPage();
  await login.goto(`${site.url}/__standin/login?user=alice&next=/`);
  await login.close();
  const options = await openExtensionPage(session, 'options/options.html', site.url);
  await options.evaluate(storeInExtension, { settings: settingsFor(site.url), ...standinClock(site) });
  // Only page views make the worker ask Phabricator: no poll runs during the tests.
  await options.evaluate(() =>
    (
      globalThis as unknown as { browser: { alarms: { clearAll(): Promise<boolean> } } }
    ).browser.alarms.clearAll(),
  );
  await options.close();
});

afterAll(async () => {
  await session?.close();
  await site?.close();
});

describe('the banner from the cache, in Firefox', () => {
  it('asks Phabricator nothing for a second view of an unchanged task', async () => {
    const page = await session.browser.newPage();
    await page.evaluateOnNewDocument(recordBanner);
    await load(page, `${site.url}/T14`);
    await settled(site);
    site.requests.clear();
    await load(page, `${site.url}/T14`);
    await new Promise((done) => setTimeout(done, 500));
    expect(site.requests.conduitCalls()).toEqual([]);
    expect((await banner(page)).text).toContain('Process owner: None');
    // Styled by banner.css's text, handed over by banner-style.js, under the page's CSP.
    expect(await page.evaluate(readBannerStyling)).toEqual({
      shown: true,
      cornerRadius: '3px',
      from: 'text',
    });
    await page.close();
  });

  it('never shows the older state as current on a page newer than the cache', async () => {
    const page = await session.browser.newPage();
    await page.evaluateOnNewDocument(recordBanner);
    await load(page, `${site.url}/T14`);
    await editAs(site, 'alice', 'T14', [{ type: 'comment', value: 'Process owner: @bob\n\nPlease drive.' }]);
    await load(page, `${site.url}/T14`);
    await expect.poll(async () => (await banner(page)).text).toContain('Process owner: Bob Brown');
    const { states } = await page.evaluate(readBannerRecord);
    for (const { state, text } of states)
      if (state === 'ready') expect(text).toContain('Process owner: Bob Brown');
    await page.close();
  });
});

describe('while a task page is open, in Firefox', () => {
  it('updates in place when the task changes behind it, never going back to loading', async () => {
    const page = await session.browser.newPage();
    await page.evaluateOnNewDocument(recordBanner);
    await load(page, `${site.url}/T16`);
    const before = (await page.evaluate(readBannerRecord)).states.length;
    await editAs(site, 'bob', 'T16', [{ type: 'comment', value: 'Process owner: @carol\n\nCarol drives.' }]);
    // The worker's poll sees the task move and tells the open page.
    const options = await openExtensionPage(session, 'options/options.html', site.url);
    await options.evaluate(() =>
      (
        globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).browser.runtime.sendMessage({ type: 'poll/now' }),
    );
    await options.close();
    await expect
      .poll(async () => (await banner(page)).text, { timeout: 20_000 })
      .toContain('Process owner: Carol');
    const { states } = await page.evaluate(readBannerRecord);
    expect(states.slice(before).every(({ state }) => state === 'ready')).toBe(true);
    await page.close();
  });

  it('shows the last good state during an outage, marked with its age and the problem', async () => {
    const page = await session.browser.newPage();
    await load(page, `${site.url}/T11`);
    await editAs(site, 'bob', 'T11', [{ type: 'comment', value: 'Deploying the fix now.' }]);
    await control(site, 'faults', { method: '*', kind: '500', times: 1000 });
    try {
      await page.reload();
      await expect.poll(() => page.evaluate(readBannerOutage), { timeout: 30_000 }).toBe('network');
      const shown = await banner(page);
      expect(shown.state).toBe('ready');
      expect(shown.text).toMatch(/Phabricator could not be asked; this is what Steward read .+\. \S/);
      expect(shown.text).toContain('Process owner:');
    } finally {
      await control(site, 'faults', { clear: true });
    }
    await page.close();
  });
});
