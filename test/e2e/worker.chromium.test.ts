// The background worker end to end in Chromium, against the stand-in: session cookies from the worker,
// polling through alarms, a reminder shown exactly once across a worker stop mid-poll, the badge, and
// clear states that recover for a revoked host permission and an expired session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type Browser from 'webextension-polyfill';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { standinClock, storeInExtension } from './support/extension-storage';
import { control, editAs, settingsFor, standin, type Standin } from './support/standin';

let site: Standin;
let session: ChromiumSession;
let extensionPage: Page;

type Chrome = typeof Browser;

async function send<T = unknown>(message: unknown): Promise<T> {
  return extensionPage.evaluate(
    (m) => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage(m),
    message,
  ) as Promise<T>;
}

async function badge(): Promise<{ text: string; title: string }> {
  const worker = await session.worker();
  return worker.evaluate(async () => {
    const chrome = (
      globalThis as unknown as {
        chrome: {
          action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> };
        };
      }
    ).chrome;
    return { text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) };
  });
}

async function notificationsShown(): Promise<{ id: string; title: string; message: string }[]> {
  const worker = await session.worker();
  return worker.evaluate(
    () =>
      (
        globalThis as unknown as {
          stewardTest: { recentNotifications: { id: string; title: string; message: string }[] };
        }
      ).stewardTest.recentNotifications,
  );
}

async function extensionsPage(action: 'add' | 'remove'): Promise<void> {
  // The user revoking or granting site access in chrome://extensions: the only way, short of the
  // permission prompt no automation can click, to change a host permission.
  const page = await session.context.newPage();
  await page.goto('chrome://extensions/');
  await page.evaluate(
    async ({ id, action }) => {
      const dp = (
        globalThis as unknown as {
          chrome: { developerPrivate: Record<string, (id: string, host: string) => Promise<void>> };
        }
      ).chrome.developerPrivate;
      await dp[action === 'add' ? 'addHostPermission' : 'removeHostPermission']!(id, 'http://127.0.0.1/*');
    },
    { id: session.extensionId, action },
  );
  await page.close();
}

beforeAll(async () => {
  site = await standin();
  session = await launchChromium();
  const worker = await session.worker();
  await worker.evaluate(storeInExtension, { settings: settingsFor(site.url), ...standinClock(site) });
  const login = await session.context.newPage();
  await login.goto(`${site.url}/__standin/login?user=alice&next=/T14`);
  await login.close();
  extensionPage = await session.context.newPage();
  await extensionPage.goto(`chrome-extension://${session.extensionId}/options/options.html`);
  await send({ type: 'registry/refresh' });
});

afterAll(async () => {
  await session?.close();
  await site?.close();
});

describe('worker in Chromium', () => {
  it('polls with the session cookie and lists the watched UBN! tasks', async () => {
    const view = await send<{
      ok: boolean;
      data: { connection: string; viewer: { username: string } | null; rows: { task: { id: number } }[] };
    }>({
      type: 'poll/now',
    });
    expect(view.ok).toBe(true);
    expect(view.data.connection).toBe('ok');
    expect(view.data.viewer?.username).toBe('alice');
    // alice sees every open UBN! of the captured world, restricted T15 included.
    expect(view.data.rows.map((r) => r.task.id).sort((a, b) => a - b)).toEqual([1, 6, 7, 11, 14, 15, 16]);
  });

  it('shows each reminder once and sets the badge', async () => {
    const first = await notificationsShown();
    expect(first.length).toBeGreaterThan(0);
    // T1 has been UBN! for 200 days with nobody declared: the reminder says so and names a team to reach.
    const t1 = first.find((n) => n.title.startsWith('T1:'));
    expect(t1?.message).toMatch(
      /^Unbreak Now! for 200 days\. Reach Platform Team \(mailing list platform@lists\.example\.org/,
    );
    await send({ type: 'poll/now' });
    expect(await notificationsShown()).toHaveLength(first.length);
    const look = await badge();
    expect(look.text).toMatch(/^⛔\d+$/);
    expect(look.title).toContain('block the train');
  });

  it('survives a worker stop in the middle of a poll: the next alarm finishes the job, nothing twice', async () => {
    // A new escalation the worker has not seen: T9 raised back to UBN! by bob.
    await editAs(site, 'bob', 'T9', [{ type: 'priority', value: 'unbreak' }]);
    await control(site, 'clock', { advanceSeconds: 3 * 3600 });
    await extensionPage.evaluate(storeInExtension, standinClock(site));
    await control(site, 'faults', { method: 'transaction.search', kind: 'latency', ms: 4000, times: 1 });
    void send({ type: 'poll/now' }).catch(() => undefined);
    await new Promise((done) => setTimeout(done, 1000));
    const cdp = await session.context.newCDPSession(extensionPage);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // Woken by its alarm, the worker re-creates everything from storage and polls again.
    const worker = await session.worker();
    await worker.evaluate(() =>
      (globalThis as unknown as { chrome: Chrome }).chrome.alarms.create('steward-poll', {
        delayInMinutes: 0.01,
        periodInMinutes: 5,
      }),
    );
    await expect
      .poll(
        async () =>
          (await notificationsShown().catch(() => [])).filter((n) => n.title.startsWith('T9:')).length,
        { timeout: 20_000 },
      )
      .toBe(1);
    await send({ type: 'poll/now' });
    expect((await notificationsShown()).filter((n) => n.title.startsWith('T9:'))).toHaveLength(1);
  });

  it('says when host access is revoked, and recovers when it is granted again', async () => {
    await extensionsPage('remove');
    const revoked = await send<{ ok: boolean; data: { connection: string } }>({ type: 'poll/now' });
    expect(revoked.data.connection).toBe('no-permission');
    expect(await badge()).toMatchObject({
      text: '!',
      title: 'Steward: allow access to your Phabricator in the options',
    });
    await extensionsPage('add');
    const back = await send<{ ok: boolean; data: { connection: string } }>({ type: 'poll/now' });
    expect(back.data.connection).toBe('ok');
  });

  it('says when the session expired, and recovers after signing in again', async () => {
    await control(site, 'expire-sessions', {});
    const expired = await send<{ ok: boolean; data: { connection: string } }>({ type: 'poll/now' });
    expect(expired.data.connection).toBe('signed-out');
    expect((await badge()).title).toBe('Steward: sign in to Phabricator');
    const login = await session.context.newPage();
    await login.goto(`${site.url}/__standin/login?user=alice&next=/T14`);
    await login.close();
    const back = await send<{ ok: boolean; data: { connection: string } }>({ type: 'poll/now' });
    expect(back.data.connection).toBe('ok');
  });
});

describe('recovery in Chromium', () => {
  interface PollFacts {
    connection: string;
    failures: number;
    notBefore: number;
    finishedAt: number | null;
  }

  async function pollFacts(): Promise<PollFacts> {
    const worker = await session.worker();
    return worker.evaluate(
      (origin) =>
        (
          globalThis as unknown as { stewardTest: { pollState(o: string): Promise<PollFacts> } }
        ).stewardTest.pollState(origin),
      site.url,
    );
  }

  /** Lets the poll alarm fire, as the browser's schedule would, and waits for that poll to finish. */
  async function alarmPoll(): Promise<PollFacts> {
    const before = (await pollFacts()).finishedAt;
    const worker = await session.worker();
    await worker.evaluate(() =>
      (globalThis as unknown as { chrome: Chrome }).chrome.alarms.create('steward-poll', {
        delayInMinutes: 0.01,
        periodInMinutes: 5,
      }),
    );
    await expect.poll(async () => (await pollFacts()).finishedAt, { timeout: 30_000 }).not.toBe(before);
    return pollFacts();
  }

  async function moveClocks(seconds: number): Promise<void> {
    await control(site, 'clock', { advanceSeconds: seconds });
    await extensionPage.evaluate(storeInExtension, standinClock(site));
    await new Promise((done) => setTimeout(done, 200));
  }

  it('signed out by a single sign-on redirect: backs off, a manual retry does not push it further, the next alarm recovers', async () => {
    await control(site, 'faults', { method: '*', kind: 'sso-redirect', times: 1000 });
    for (let i = 1; i <= 3; i++) {
      await moveClocks(20 * 60);
      const failed = await alarmPoll();
      expect(failed).toMatchObject({ connection: 'signed-out', failures: i });
    }
    const waiting = await pollFacts();
    expect(waiting.notBefore - site.clock.now()).toBeGreaterThanOrEqual(360);
    expect((await badge()).title).toBe('Steward: sign in to Phabricator');

    // "Try again" while it still fails: the same verdict, and the next poll is not pushed further away.
    const retried = await send<{ ok: boolean; data: { connection: string } }>({ type: 'poll/now' });
    expect(retried.data.connection).toBe('signed-out');
    expect(await pollFacts()).toMatchObject({ failures: 3, notBefore: waiting.notBefore });

    // The fault clears; time passes to the next due alarm; nobody clicks anything.
    await control(site, 'faults', { clear: true });
    await moveClocks(waiting.notBefore - site.clock.now() + 1);
    expect(await alarmPoll()).toMatchObject({ connection: 'ok', failures: 0, notBefore: 0 });
    expect((await badge()).title).not.toBe('Steward: sign in to Phabricator');
  });

  it('a banner that loads ends the backoff and runs the due poll at once', async () => {
    await control(site, 'faults', { method: '*', kind: '500', times: 1000 });
    await moveClocks(20 * 60);
    // Server errors are retried within a poll; the poll then fails as unreachable.
    expect((await alarmPoll()).connection).toBe('unreachable');
    const waiting = await pollFacts();
    expect(waiting.notBefore).toBeGreaterThan(site.clock.now());
    await control(site, 'faults', { clear: true });
    // A task page's banner asks for its context; Phabricator answers. No clock moves, no click.
    const context = await send<{ ok: boolean }>({ type: 'task/context-on', instance: site.url, taskId: 14 });
    expect(context.ok).toBe(true);
    await expect.poll(async () => (await pollFacts()).connection, { timeout: 20_000 }).toBe('ok');
    expect(await pollFacts()).toMatchObject({ failures: 0, notBefore: 0 });
  });
});
