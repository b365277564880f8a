// An instance removed while a new worker life reads its reminder records (once, from IndexedDB): what was
// read does not outlive the removal in memory, so the instance added back reminds again.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';

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

async function worker() {
  return {
    clock: await import('../../../src/background/clock'),
    secrets: await import('../../../src/background/secrets'),
    store: await import('../../../src/background/settings-store'),
    handlers: (await import('../../../src/background/handlers')).handlers,
    poll: await import('../../../src/background/poll'),
    dbm: await import('../../../src/background/db'),
  };
}

let site: Standin;
beforeAll(async () => {
  site = await startStandin({ port: 0 });
});
afterAll(() => site.close());

describe('an instance removed while a new worker life reads its reminder records', () => {
  it('the instance added back reminds again', async () => {
    const settings = {
      version: 1,
      instances: [{ url: site.url, authMode: 'token' }],
      watch: { allUbn: true },
    };
    // First life: polled, its reminders shown and recorded.
    const one = await worker();
    one.clock.setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
    fake.current!.grant(site.url);
    await one.handlers['settings/save']({ type: 'settings/save', settings } as never, optionsPage as never);
    await one.secrets.writeToken(site.url, TOKENS.alice);
    const first = await one.poll.pollInstance(await one.store.readSettings(), site.url, { force: true });
    expect(first.reminders).toBeGreaterThan(0);

    // Second life. Its first poll reads the reminder records (one getAll); the user removes the instance
    // at that moment: the read was made before the removal deleted them, and arrives after it.
    vi.resetModules();
    const two = await worker();
    two.clock.setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
    const proto = globalThis.IDBObjectStore.prototype as unknown as {
      getAll: (...args: unknown[]) => IDBRequest;
    };
    const getAll = proto.getAll;
    let removal: Promise<unknown> | null = null;
    proto.getAll = function (this: IDBObjectStore, ...args: unknown[]) {
      const request = getAll.apply(this, args);
      if (removal === null && this.name === 'reminders') {
        removal = two.handlers['settings/save'](
          { type: 'settings/save', settings: { version: 1, instances: [] } } as never,
          optionsPage as never,
        );
        const done = removal.catch(() => undefined);
        const add = request.addEventListener.bind(request);
        request.addEventListener = ((type: string, listener: (e: Event) => void, options?: unknown) =>
          add(
            type,
            type === 'success' ? (event: Event) => void done.then(() => listener(event)) : listener,
            options as never,
          )) as typeof request.addEventListener;
      }
      return request;
    };
    await two.poll
      .pollInstance(await two.store.readSettings(), site.url, { force: true })
      .catch(() => undefined);
    proto.getAll = getAll;
    expect(removal, 'the poll read its reminder records').not.toBeNull();
    await removal;
    const database = await two.dbm.db();
    expect((await database.getAll('reminders', two.dbm.instancePrefix(site.url))).length).toBe(0);

    // Added back with its token: its stale tasks remind as on a fresh setup (as after a worker restart).
    await two.handlers['settings/save']({ type: 'settings/save', settings } as never, optionsPage as never);
    await two.secrets.writeToken(site.url, TOKENS.alice);
    const back = await two.poll.pollInstance(await two.store.readSettings(), site.url, { force: true });
    expect(back.reminders, 'reminders fired for the instance added back').toBe(first.reminders);
  });
});
