// What a user does, end to end in Chromium against the stand-in: configure Steward on the options page,
// see the banner on a task, assign a process owner from the banner (through the extension's own frame)
// and from the popup, and see Phabricator gain the comment, subscriber and assignee exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { standinClock, storeInExtension } from './support/extension-storage';
import { EXAMPLE_REGISTRY, standin, taskFacts, type Standin } from './support/standin';

let site: Standin;
let session: ChromiumSession;

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

async function openTask(id: number): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`${site.url}/T${id}`);
  await expect.poll(() => bannerState(page), { timeout: 20_000 }).toBe('ready');
  return page;
}

beforeAll(async () => {
  site = await standin();
  session = await launchChromium();
  const worker = await session.worker();
  await worker.evaluate(storeInExtension, standinClock(site));
  const login = await session.context.newPage();
  await login.goto(`${site.url}/__standin/login?user=alice&next=/`);
  await login.close();
});

afterAll(async () => {
  await session?.close();
  await site?.close();
});

describe('a new user in Chromium', () => {
  it('configures Steward on the options page and tests the connection', async () => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/options/options.html#instances`);
    await page.getByRole('button', { name: 'Add an instance' }).click();
    await page.getByLabel('Address').fill(site.url);
    await page.getByRole('button', { name: 'Save instances' }).click();
    await expect.poll(() => page.getByText('Saved').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => page.getByText(/Connected as .* \(@alice\) with your browser session\./).isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);

    await page.getByRole('button', { name: 'Paste a registry document' }).click();
    await page.locator('textarea').first().fill(EXAMPLE_REGISTRY);
    await page.getByRole('button', { name: 'Save registry' }).click();
    await expect.poll(() => page.getByText('Saved').first().isVisible()).toBe(true);

    await page.getByLabel('Every Unbreak Now! task').check();
    await page.getByRole('button', { name: 'Save watch rules' }).click();
    await expect.poll(() => page.getByText('Saved').first().isVisible()).toBe(true);
    await page.close();
  });

  it('shows owners, escalation age and the missing process owner on T14', async () => {
    const page = await openTask(14);
    const text = await bannerText(page);
    expect(text).toContain('Unbreak Now! for 1 hour');
    expect(text).toContain('Process owner:');
    expect(text).toMatch(/None\. An Unbreak Now! task needs one person to drive it/);
    expect(text).toContain('CentralAuth');
    expect(text).toContain('Unassigned');
    await page.close();
  });

  it('assigns a process owner from the banner: one comment, bob subscribed and assigned, banner updated', async () => {
    const page = await openTask(14);
    await page.locator('#steward-banner-host').locator('[data-action="assign"]').click();
    const frameElement = page.locator('#steward-banner-host').locator('iframe');
    await expect.poll(() => frameElement.count()).toBe(1);
    const frame = (await (await frameElement.elementHandle())!.contentFrame()) as Frame;
    await frame.waitForSelector('[data-username="bob"]');
    await frame.click('[data-username="bob"]');
    // A double click on confirm posts once.
    await frame.getByRole('button', { name: 'Make @bob process owner' }).dblclick();
    await expect
      .poll(async () => (await taskFacts(site, 14, 'bob')).declarations, { timeout: 20_000 })
      .toBe(1);
    expect(await taskFacts(site, 14, 'bob')).toEqual({
      ownerIsUser: true,
      subscribed: true,
      declarations: 1,
    });
    await expect
      .poll(() => bannerText(page), { timeout: 20_000 })
      .toMatch(/declared (\d+ \w+ ago|now|just now)Exact time: [^\n]*, not acknowledged yet/);
    await page.close();
  });

  it('lists stale UBNs in the popup and assigns from it with "I\'ll drive this"', async () => {
    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/popup/popup.html`);
    await expect
      .poll(() => popup.getByText('T1', { exact: false }).first().isVisible(), { timeout: 20_000 })
      .toBe(true);
    await expect.poll(() => popup.getByText(/block the train/).isVisible()).toBe(true);
    const row = popup.locator('li', { hasText: 'CentralAuth global account lock' }).first();
    await row.getByRole('button', { name: "I'll drive this" }).click();
    await popup.getByRole('button', { name: 'Post' }).click();
    await expect
      .poll(async () => (await taskFacts(site, 1, 'alice')).declarations, { timeout: 20_000 })
      .toBe(1);
    expect(await taskFacts(site, 1, 'alice')).toEqual({
      ownerIsUser: true,
      subscribed: true,
      declarations: 1,
    });
    await expect
      .poll(() => popup.getByText(/You are now the process owner of T1/).isVisible(), { timeout: 10_000 })
      .toBe(true);

    const task = await openTask(1);
    expect(await bannerText(task)).toMatch(/alice/);
  });
});
