// A UBN! as it unfolds, seen on the task page in Chromium: escalated, time passes with nobody driving it,
// a process owner is declared, and acknowledges by acting on the task. Each state shows in the banner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { standinClock, storeInExtension } from './support/extension-storage';
import { editAs, settingsFor, standin, type Standin } from './support/standin';

let site: Standin;
let session: ChromiumSession;
let page: Page;

const edit = (as: 'alice' | 'bob', transactions: { type: string; value: unknown }[]) =>
  editAs(site, as, 'T10', transactions);

async function passTime(seconds: number): Promise<void> {
  site.clock.advance(seconds);
  const worker = await session.worker();
  await worker.evaluate(storeInExtension, standinClock(site));
}

async function banner(): Promise<{ state: string | null; tone: string | null; text: string }> {
  await page.goto(`${site.url}/T10`);
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          document
            .getElementById('steward-banner-host')
            ?.shadowRoot?.querySelector('[data-steward="banner"]')
            ?.getAttribute('data-state'),
        ),
      { timeout: 20_000 },
    )
    .toBe('ready');
  return page.evaluate(() => {
    const root = document
      .getElementById('steward-banner-host')!
      .shadowRoot!.querySelector('[data-steward="banner"]')!;
    return {
      state: root.getAttribute('data-state'),
      tone: root.getAttribute('data-tone'),
      text: root.textContent ?? '',
    };
  });
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
  await passTime(0);
  page = await session.context.newPage();
  await page.goto(`${site.url}/__standin/login?user=alice&next=/`);
});

afterAll(async () => {
  await session?.close();
  await site?.close();
});

describe('a UBN! unfolding on T10, in Chromium', () => {
  it('before: a High task shows its owners only', async () => {
    const before = await banner();
    expect(before.text).not.toContain('Unbreak Now! for');
    expect(before.text).toContain('CentralAuth');
  });

  it('escalated: the age starts and nobody drives it yet', async () => {
    await edit('alice', [{ type: 'priority', value: 'unbreak' }]);
    const now = await banner();
    expect(now.text).toMatch(/Unbreak Now! for (\d+ seconds?|\d+ minutes?|1 minute)/);
    expect(now.text).toContain('not declared; the assignee is');
  });

  it('three hours later: still the assignee, not declared, and the task is stale', async () => {
    await passTime(3 * 3600);
    const later = await banner();
    expect(later.text).toContain('Unbreak Now! for 3 hours');
    expect(later.tone).not.toBe('neutral');
  });

  it('declared: bob is named, not acknowledged yet', async () => {
    await edit('alice', [{ type: 'comment', value: 'Process owner: @bob\n\nPlease drive this.' }]);
    const declared = await banner();
    expect(declared.text).toMatch(
      /declared (\d+ \w+ ago|now|just now)Exact time: [^\n]*, not acknowledged yet/,
    );
    expect(declared.text).toContain('bob');
  });

  it('acknowledged: bob acted on the task', async () => {
    await passTime(600);
    await edit('bob', [{ type: 'comment', value: 'On it: reaching the CentralAuth folks now.' }]);
    const acknowledged = await banner();
    expect(acknowledged.text).not.toContain('not acknowledged');
    expect(acknowledged.text).toMatch(/since .*last activity/);
  });
});
