// An instance removed while its poll shows reminders: nothing more is shown for it, no reminder record of it
// is written back after the removal, and the instance added back reminds again.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { writeSettings, readSettings } = await import('../../../src/background/settings-store');
const { handlers } = await import('../../../src/background/handlers');
const { pollInstance } = await import('../../../src/background/poll');
const { db, instancePrefix } = await import('../../../src/background/db');

const optionsPage = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};
const save = (settings: unknown) =>
  handlers['settings/save']({ type: 'settings/save', settings } as never, optionsPage as never);

let site: Standin;

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  const saved = await writeSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    watch: { allUbn: true },
  });
  if (!saved.ok) throw new Error(saved.errors.join('\n'));
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});

afterAll(() => site.close());

describe('an instance removed while its poll shows a reminder', () => {
  it('shows no further reminder, keeps no reminder record of the removed setup, and reminds again once added back', async () => {
    const settings = await readSettings();
    const notifications = fake.current!.browser.notifications;
    const create = notifications.create.bind(notifications);
    // The first reminder's notification is on its way to the screen when the user removes the instance.
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    let reached!: () => void;
    const showing = new Promise<void>((done) => (reached = done));
    let first = true;
    notifications.create = async (id: string, options: { title: string; message: string }) => {
      if (first) {
        first = false;
        reached();
        await held;
      }
      return create(id, options);
    };
    const poll = pollInstance(settings, site.url, { force: true });
    await showing;
    await save({ ...settings, instances: [] });
    const shownAtRemoval = fake.current!.shown.length;
    release();
    await poll.catch(() => undefined);
    notifications.create = create;
    // The one already on its way may appear; no further reminder about the removed instance does.
    const after = fake.current!.shown.slice(shownAtRemoval).map((n) => n.title);
    console.info(`shown after the removal: ${JSON.stringify(after)}`);
    expect.soft(after.length, 'notifications shown after the instance was removed').toBeLessThanOrEqual(1);

    const left = await (await db()).getAll('reminders', instancePrefix(site.url));
    expect
      .soft(
        left.map((r) => r.key),
        'reminder records of the removed instance',
      )
      .toEqual([]);

    // Added back (with its token), its stale tasks remind the user as on a fresh setup.
    await save(settings);
    await writeToken(site.url, TOKENS.alice);
    const shownBefore = fake.current!.shown.length;
    const { reminders } = await pollInstance(await readSettings(), site.url, { force: true });
    // A fresh setup of this instance: how many reminders it fires.
    expect(reminders, 'reminders fired for the instance added back').toBeGreaterThan(0);
    expect(fake.current!.shown.length).toBeGreaterThan(shownBefore);
  });
});
