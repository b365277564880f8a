// The banner answered from the worker's cache, end to end in Chromium against the stand-in: a second view
// of an unchanged task asks Phabricator nothing; a task that changes while its page is open updates in
// place; a page newer than the cache never shows the older state as current; and during an outage the
// banner shows the last good state, marked with its age and the problem (issue 12, issue 14 item 8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readBannerOutage } from './support/banner-outage';
import { readBannerRecord, recordBanner } from './support/banner-record';
import { readBannerStyling } from './support/banner-style';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { standinClock, storeInExtension } from './support/extension-storage';
import { control, editAs, settingsFor, settled, standin, type Standin } from './support/standin';

let site: Standin;
let session: ChromiumSession;
let extensionPage: Page;

const seen = (page: Page) => page.evaluate(readBannerRecord);

const bannerState = (page: Page) =>
  page.evaluate(
    () =>
      document
        .getElementById('steward-banner-host')
        ?.shadowRoot?.querySelector('[data-steward="banner"]')
        ?.getAttribute('data-state') ?? null,
  );

const bannerText = (page: Page) =>
  page.evaluate(
    () =>
      document.getElementById('steward-banner-host')?.shadowRoot?.querySelector('[data-steward="banner"]')
        ?.textContent ?? '',
  );

async function until(page: Page, state: string): Promise<void> {
  await expect.poll(() => bannerState(page), { timeout: 20_000 }).toBe(state);
}

async function send<T = unknown>(message: unknown): Promise<T> {
  return extensionPage.evaluate(
    (m) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage(m),
    message,
  ) as Promise<T>;
}

const conduitCalls = () => site.requests.conduitCalls().map((r) => r.conduitMethod);

async function newTaskPage(id: number): Promise<Page> {
  const page = await session.context.newPage();
  await page.addInitScript(recordBanner);
  await page.goto(`${site.url}/T${id}`);
  await until(page, 'ready');
  return page;
}

beforeAll(async () => {
  site = await standin();
  session = await launchChromium();
  const worker = await session.worker();
  await worker.evaluate(async (settings) => {
    const chrome = (
      globalThis as unknown as { chrome: { storage: { local: { set(x: object): Promise<void> } } } }
    ).chrome;
    await chrome.storage.local.set({ settings });
  }, settingsFor(site.url));
  await worker.evaluate(storeInExtension, standinClock(site));
  // Only page views and the polls a test asks for make the worker ask Phabricator.
  await worker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { alarms: { clearAll(): Promise<boolean> } } }
    ).chrome.alarms.clearAll(),
  );
  const login = await session.context.newPage();
  await login.goto(`${site.url}/__standin/login?user=alice&next=/`);
  await login.close();
  extensionPage = await session.context.newPage();
  await extensionPage.goto(`chrome-extension://${session.extensionId}/options/options.html`);
});

afterAll(async () => {
  await session?.close();
  await site?.close();
});

describe('the banner from the cache, in Chromium', () => {
  it('a second view of an unchanged task asks Phabricator nothing', async () => {
    const page = await newTaskPage(14);
    await settled(site);
    site.requests.clear();
    await page.reload();
    await until(page, 'ready');
    await new Promise((done) => setTimeout(done, 500));
    expect(conduitCalls()).toEqual([]);
    expect(await bannerText(page)).toContain('Process owner: None');
    // Styled by banner.css's text, handed over by banner-style.js, under the page's CSP.
    expect(await page.evaluate(readBannerStyling)).toEqual({
      shown: true,
      cornerRadius: '3px',
      from: 'text',
    });
    // Straight to the whole banner: drawn whole at once when the cached answer came while the page was
    // parsed, or after the placeholder when it came a moment later; never anything in between.
    expect([['ready'], ['loading', 'ready']]).toContainEqual((await seen(page)).states.map((s) => s.state));
    await page.close();
  });

  it('updates in place when the task changes behind an open page, and says so once', async () => {
    const page = await newTaskPage(14);
    const before = await seen(page);
    await editAs(site, 'alice', 'T14', [
      { type: 'comment', value: 'Process owner: @bob\n\nBob drives this one.' },
    ]);
    // The worker's poll sees the task move and tells the page.
    await send({ type: 'poll/now' });
    await expect.poll(() => bannerText(page), { timeout: 20_000 }).toContain('Process owner: Bob Brown');
    const after = await seen(page);
    const states = after.states.slice(before.states.length).map((s) => s.state);
    expect(states.every((state) => state === 'ready')).toBe(true);
    expect(after.spoken.slice(before.spoken.length)).toHaveLength(1);
    expect(after.spoken.at(-1)).toContain('Bob Brown');
    await page.close();
  });

  it('never shows the older state as current on a page newer than the cache', async () => {
    const page = await newTaskPage(14);
    expect(await bannerText(page)).toContain('Process owner: Bob Brown');
    await editAs(site, 'alice', 'T14', [{ type: 'comment', value: 'Process owner: none' }]);
    await page.reload();
    await until(page, 'ready');
    const states = (await seen(page)).states;
    await expect.poll(() => bannerText(page)).toContain('Process owner: None');
    // Shown as whole only with the new state; before it, at most the owners with a placeholder.
    for (const { state, text } of states) {
      if (state === 'ready') expect(text).not.toContain('Process owner: Bob Brown');
    }
    expect(states.map((s) => s.state)).toContain('partial');
    await page.close();
  });
});

describe('during an outage, in Chromium', () => {
  it('shows the last good state, marked with its age and the problem, instead of an error', async () => {
    const page = await newTaskPage(16);
    await editAs(site, 'bob', 'T16', [{ type: 'comment', value: 'Deploying the fix now.' }]);
    await control(site, 'faults', { method: '*', kind: '500', times: 1000 });
    try {
      await page.reload();
      await expect.poll(() => page.evaluate(readBannerOutage), { timeout: 30_000 }).toBe('network');
      expect(await bannerState(page)).toBe('ready');
      const text = await bannerText(page);
      expect(text).toMatch(/Phabricator could not be asked; this is what Steward read .+\. \S/);
      expect(text).toContain('Process owner:');
      expect(text).not.toContain('Steward could not load who owns this task');
    } finally {
      await control(site, 'faults', { clear: true });
    }
    await page.close();
  });
});
