// The UBN! review page end to end in Firefox against the stand-in's demo world: every open UBN! in the
// chart and the table, and the resolved weeks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { standinClock, storeInExtension } from './support/extension-storage';
import { launchFirefox, openExtensionPage, type FirefoxSession } from './support/firefox';
import { DEMO_WORLD, OPEN_UBN, RESOLVED_IN_12_WEEKS, reviewSettings, reviewState } from './support/review';
import { standin, type Standin } from './support/standin';

let site: Standin;
let session: FirefoxSession;
let page: Page;

async function state() {
  return page.evaluate(reviewState);
}

beforeAll(async () => {
  site = await standin(DEMO_WORLD);
  session = await launchFirefox();
  const setup = await openExtensionPage(session, 'options/options.html', site.url);
  await setup.evaluate(storeInExtension, { settings: reviewSettings(site.url), ...standinClock(site) });
  await setup.close();
  const login = await session.browser.newPage();
  await login.goto(`${site.url}/__standin/login?user=alice&next=/`);
  await login.close();
});

afterAll(async () => {
  await session?.close();
  await site?.close();
});

describe('the UBN! review page in Firefox', () => {
  it('lists every open UBN! in the chart and the table, longest-running first', async () => {
    page = await openExtensionPage(session, 'review/review.html', site.url);
    await expect
      .poll(state, { timeout: 30_000 })
      .toMatchObject({ rows: expect.arrayContaining(OPEN_UBN), busy: false, error: null });
    const now = await state();
    expect(now.rows).toHaveLength(OPEN_UBN.length);
    expect(now.chart).toBe(OPEN_UBN.length);
    expect(now.rows[0]).toBe(1001);
    expect(now.owner1001).toBe('none');
  });

  it('shows the UBN!s resolved in the last 12 weeks', async () => {
    await page.evaluate(() =>
      [...document.querySelectorAll('button')]
        .find((b) => b.textContent === 'Resolved, last 12 weeks')!
        .click(),
    );
    // The histories are read in batches: the caption counts every task once the last batch is in.
    await expect
      .poll(async () => (await state()).resolvedCaption, { timeout: 30_000 })
      .toContain(`${RESOLVED_IN_12_WEEKS} Unbreak Now! tasks resolved`);
    expect((await state()).resolvedWeeks).toBe(12);
  });
});
