// The same UBN! walk in Firefox: escalated, stale with time, declared, acknowledged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { standinClock, storeInExtension } from './support/extension-storage';
import { launchFirefox, openExtensionPage, type FirefoxSession } from './support/firefox';
import { editAs, settingsFor, standin, type Standin } from './support/standin';

let site: Standin;
let session: FirefoxSession;
let page: Page;

const edit = (as: 'alice' | 'bob', transactions: { type: string; value: unknown }[]) =>
  editAs(site, as, 'T10', transactions);

async function setWorker(values: Record<string, unknown>): Promise<void> {
  const extensionPage = await openExtensionPage(session, 'options/options.html', site.url);
  await extensionPage.evaluate(storeInExtension, values);
  await extensionPage.close();
}

async function passTime(seconds: number): Promise<void> {
  site.clock.advance(seconds);
  await setWorker(standinClock(site));
}

async function banner(): Promise<string> {
  await page.goto(`${site.url}/T10`);
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            document
              .getElementById('steward-banner-host')
              ?.shadowRoot?.querySelector('[data-steward="banner"]')
              ?.getAttribute('data-state') ?? null,
        ),
      { timeout: 20_000 },
    )
    .toBe('ready');
  return page.evaluate(
    () =>
      document.getElementById('steward-banner-host')!.shadowRoot!.querySelector('[data-steward="banner"]')!
        .textContent ?? '',
  );
}

beforeAll(async () => {
  site = await standin();
  session = await launchFirefox();
  await setWorker({ settings: settingsFor(site.url), ...standinClock(site) });
  page = await session.browser.newPage();
  await page.goto(`${site.url}/__standin/login?user=alice&next=/`);
});

afterAll(async () => {
  await session?.close();
  await site?.close();
});

describe('a UBN! unfolding on T10, in Firefox', () => {
  it('before: owners only; escalated: the age starts', async () => {
    expect(await banner()).not.toContain('Unbreak Now! for');
    await edit('alice', [{ type: 'priority', value: 'unbreak' }]);
    const escalated = await banner();
    expect(escalated).toMatch(/Unbreak Now! for/);
    expect(escalated).toContain('not declared; the assignee is');
  });

  it('three hours later, declared, then acknowledged', async () => {
    await passTime(3 * 3600);
    expect(await banner()).toContain('Unbreak Now! for 3 hours');
    await edit('alice', [{ type: 'comment', value: 'Process owner: @bob' }]);
    expect(await banner()).toMatch(
      /declared (\d+ \w+ ago|now|just now)Exact time: [^\n]*, not acknowledged yet/,
    );
    await passTime(600);
    await edit('bob', [{ type: 'comment', value: 'On it.' }]);
    const acknowledged = await banner();
    expect(acknowledged).not.toContain('not acknowledged');
    expect(acknowledged).toMatch(/since .*last activity/);
  });
});
