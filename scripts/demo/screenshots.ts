// The demo without a display: one screenshot per banner state the demo world shows, the escalation
// timeline, the UBN! review page, the popup and the options page opened as tabs, and the text of the
// notifications Steward raised.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { DemoChromium } from './chromium';
import { DESKTOP } from './chromium';
import { waitForSettledBanner } from './banner';

/** What each demo task shows (test/standin/scenarios/demo.json). */
export const BANNER_SHOTS = [
  {
    file: 'banner-no-process-owner.png',
    task: 1001,
    variant: 'ubn',
    what: 'login outage: no process owner, CentralAuth unassigned, its maintainer away',
  },
  {
    file: 'banner-busy-but-stale.png',
    task: 1002,
    variant: 'ubn',
    what: 'busy with comments for 8 days, assigned but no declared process owner',
  },
  {
    file: 'banner-owner-away.png',
    task: 1003,
    variant: 'ubn',
    what: 'the declared process owner is on vacation',
  },
  {
    file: 'banner-owner-departed.png',
    task: 1004,
    variant: 'ubn',
    what: 'the declared process owner has left (owners registry)',
  },
  {
    file: 'banner-acknowledged.png',
    task: 1005,
    variant: 'ubn',
    what: 'process owner declared and acknowledged',
  },
  {
    file: 'banner-not-ubn-compact.png',
    task: 1006,
    variant: 'compact',
    what: 'not UBN!: the compact owners line (volunteer-only component)',
  },
  { file: 'banner-closed.png', task: 1007, variant: 'closed', what: 'a closed task' },
] as const;

export interface Shot {
  path: string;
  what: string;
}

interface RecentNotification {
  title: string;
  message: string;
}

async function shootBanner(page: Page, origin: string, shot: (typeof BANNER_SHOTS)[number], out: string) {
  await page.goto(`${origin}/T${shot.task}`);
  const banner = await waitForSettledBanner(page);
  if (banner.state !== 'ready' || banner.variant !== shot.variant) {
    throw new Error(
      `T${shot.task} shows the banner ${JSON.stringify(banner)}; the demo expects a ready "${shot.variant}" banner`,
    );
  }
  // Fonts and avatars finish loading after the banner; the screenshot should not catch them half-drawn.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const path = join(out, shot.file);
  await page.screenshot({ path });
  return path;
}

async function shootPopup(context: BrowserContext, extensionId: string, out: string): Promise<string> {
  const page = await context.newPage();
  // A toolbar popup is as wide as its content (420 px); a tab that size looks like the real thing.
  await page.setViewportSize({ width: 420, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  await page.waitForSelector('li.row, [data-state="nothing-watched"], [data-state="all-fine"], .notice', {
    timeout: 20_000,
  });
  // The popup shows the cached list, then refreshes it; shoot the refreshed one.
  await page
    .waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 30_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
  const path = join(out, 'popup.png');
  await page.screenshot({ path, fullPage: true });
  await page.close();
  return path;
}

async function shootOptions(context: BrowserContext, extensionId: string, out: string): Promise<string> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: DESKTOP.height });
  await page.goto(`chrome-extension://${extensionId}/options/options.html`);
  await page.waitForFunction(
    () =>
      (document.getElementById('app')?.childElementCount ?? 0) > 0 &&
      !document.querySelector('[data-state="loading"]'),
    null,
    { timeout: 20_000 },
  );
  await page.waitForTimeout(500);
  const path = join(out, 'options.png');
  await page.screenshot({ path, fullPage: true });
  await page.close();
  return path;
}

/** The banner's UBN! box on T1001 (busy for nine days, nobody declared): the escalation timeline strip. */
async function shootTimeline(page: Page, origin: string, out: string): Promise<string> {
  await page.goto(`${origin}/T1001`);
  await waitForSettledBanner(page);
  const box = page.locator('#steward-banner-host .st-box');
  await box.locator('.st-tl').waitFor({ timeout: 20_000 });
  const path = join(out, 'timeline.png');
  await box.screenshot({ path });
  return path;
}

/** The UBN! review page: every open UBN! as a chart and a table, then the resolved weeks. */
async function shootReview(context: BrowserContext, extensionId: string, out: string): Promise<string[]> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: DESKTOP.height });
  await page.goto(`chrome-extension://${extensionId}/review/review.html`);
  await page.waitForSelector('.review-table tbody tr', { timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const open = join(out, 'review.png');
  await page.screenshot({ path: open, fullPage: true });
  await page.getByRole('button', { name: 'Resolved, last 12 weeks' }).click();
  await page.waitForSelector('.resolved-table, .empty', { timeout: 60_000 });
  // The resolved histories are read in batches: the picture waits for the last one.
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const resolved = join(out, 'review-resolved.png');
  await page.screenshot({ path: resolved, fullPage: true });
  await page.close();
  return [open, resolved];
}

async function writeNotifications(browser: DemoChromium, out: string): Promise<string> {
  const worker = await browser.worker();
  const shown = await worker.evaluate(
    () =>
      (globalThis as unknown as { stewardTest?: { recentNotifications?: RecentNotification[] } }).stewardTest
        ?.recentNotifications ?? null,
  );
  if (shown === null) throw new Error('the worker has no test hooks: build with --test-hooks');
  const text =
    shown.length === 0
      ? 'Steward showed no notification.\n'
      : shown.map((n) => `${n.title}\n${n.message}\n`).join('\n');
  const path = join(out, 'notification.txt');
  writeFileSync(path, text);
  return path;
}

export async function takeScreenshots(browser: DemoChromium, origin: string, out: string): Promise<Shot[]> {
  if (!browser.extensionId) throw new Error('screenshots need Chromium with the extension');
  mkdirSync(out, { recursive: true });
  const shots: Shot[] = [];
  const page = await browser.context.newPage();
  for (const shot of BANNER_SHOTS) {
    shots.push({ path: await shootBanner(page, origin, shot, out), what: `T${shot.task}: ${shot.what}` });
  }
  shots.push({
    path: await shootTimeline(page, origin, out),
    what: 'T1001: the escalation timeline, nine days without a process owner however busy the task looks',
  });
  await page.close();
  const [review, resolved] = await shootReview(browser.context, browser.extensionId, out);
  shots.push({ path: review!, what: 'the UBN! review page: every open UBN! as a chart and a table' });
  shots.push({
    path: resolved!,
    what: 'the UBN! review page: time to first process owner and to resolution per week',
  });
  shots.push({
    path: await shootPopup(browser.context, browser.extensionId, out),
    what: 'the toolbar popup',
  });
  shots.push({
    path: await shootOptions(browser.context, browser.extensionId, out),
    what: 'the options page',
  });
  shots.push({ path: await writeNotifications(browser, out), what: 'the notifications Steward showed' });
  return shots;
}
