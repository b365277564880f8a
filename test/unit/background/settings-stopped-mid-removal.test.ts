// The worker stopped after the settings without an instance were written, before it forgot the instance:
// its next start finishes the removal (token, tasks, reminders), so an instance added back later does not
// find the old token.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';
import { TOKEN, emptyStandin, fileTask } from './growth-support';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  // One browser for both lives of the worker: storage.local and IndexedDB outlive it.
  fake.current ??= createFakeBrowser();
  return { default: fake.current.browser };
});

const optionsPage = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let site: Standin;
beforeAll(async () => {
  site = await emptyStandin();
  for (let i = 0; i < 3; i++) await fileTask(site, `Outage ${i}`);
  site.clock.advance(3 * 3600);
});
afterAll(() => site.close());

async function worker() {
  return {
    clock: await import('../../../src/background/clock'),
    secrets: await import('../../../src/background/secrets'),
    store: await import('../../../src/background/settings-store'),
    handlers: (await import('../../../src/background/handlers')).handlers,
    dbm: await import('../../../src/background/db'),
  };
}

describe('the worker stopped while it forgot a removed instance', () => {
  it('forgets the instance at its next start: no token, tasks or reminders of it stay', async () => {
    // First life: a configured instance with a token, polled (tasks, watches, reminders).
    const one = await worker();
    one.clock.setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
    fake.current!.grant(site.url);
    const settings = {
      version: 1,
      instances: [{ url: site.url, authMode: 'token' }],
      watch: { allUbn: true },
    };
    await one.handlers['settings/save']({ type: 'settings/save', settings } as never, optionsPage as never);
    await one.secrets.writeToken(site.url, TOKEN);
    await one.handlers['poll/now']({ type: 'poll/now' } as never, optionsPage as never);
    const database = await one.dbm.db();
    expect(await database.get('secrets', site.url)).toBeDefined();
    expect((await database.getAllKeys('tasks', one.dbm.instanceKeys(site.url))).length).toBeGreaterThan(0);

    // The user removes the instance; storage.local has the new settings when the worker is stopped (here:
    // at the await right after the write, before forget-instance.ts).
    const local = fake.current!.browser.storage.local;
    const remove = local.remove;
    local.remove = () => new Promise<void>(() => undefined);
    void one.handlers['settings/save'](
      { type: 'settings/save', settings: { version: 1, instances: [] } } as never,
      optionsPage as never,
    );
    await sleep(50);
    local.remove = remove;
    expect((fake.current!.storage.get('settings') as { instances: unknown[] }).instances).toEqual([]);

    // Second life: the browser starts again; the worker starts, its alarms fire.
    vi.resetModules();
    await import('../../../src/background/index');
    fake.current!.browser.runtime.onStartup.fire();
    await sleep(400);
    fake.current!.browser.alarms.onAlarm.fire({ name: 'steward-poll' });
    fake.current!.browser.alarms.onAlarm.fire({ name: 'steward-registry' });
    await sleep(400);
    const two = await worker();
    const after = await two.dbm.db();
    expect.soft(await after.get('secrets', site.url), 'the removed instance token').toBeUndefined();
    expect
      .soft((await after.getAllKeys('tasks', two.dbm.instanceKeys(site.url))).length, 'its task records')
      .toBe(0);
    expect
      .soft((await after.getAllKeys('reminders', two.dbm.instancePrefix(site.url))).length, 'its reminders')
      .toBe(0);

    // Added back later: the options page says no token is stored (the user removed it with the instance).
    const view = (await two.handlers['settings/save'](
      { type: 'settings/save', settings } as never,
      optionsPage as never,
    )) as { tokens: Record<string, boolean> };
    expect(view.tokens[site.url], 'a token shown as stored for the instance added back').toBe(false);
  });
});
