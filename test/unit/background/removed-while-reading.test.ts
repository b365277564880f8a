// An instance removed while a banner's read of it is on its way, then added again with another account's
// token. The read that was running finishes after the removal and writes nothing back: the instance added
// again keeps none of the removed setup's task records and names the new account as "you".
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TaskContext } from '../../../src/messages';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';
import { pageFactsOf } from './page-facts-of';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { setClockOffset } = await import('../../../src/background/clock');
const { readSettings } = await import('../../../src/background/settings-store');
const { handlers } = await import('../../../src/background/handlers');
const { answerContext } = await import('../../../src/background/context-answer');
const { clientFor } = await import('../../../src/background/instance-client');
const { db, instanceKeys } = await import('../../../src/background/db');

let site: Standin;
const options = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};

const pageOf = (task: number) => pageFactsOf(site, task);

const withInstance = () => ({ version: 1, instances: [{ url: site.url, authMode: 'token' }] });
const save = (settings: unknown) =>
  handlers['settings/save']({ type: 'settings/save', settings } as never, options as never);

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  fake.current!.grant(site.url);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
  await handlers['token/set'](
    { type: 'token/set', instance: site.url, token: TOKENS.alice },
    options as never,
  );
  await save(withInstance());
});

afterAll(() => site.close());

describe('an instance removed while a banner reads it, then added again with another account', () => {
  it('the instance added again names the new account, and keeps nothing read for the removed one', async () => {
    // whoami's reply is on its way when the user removes the instance.
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    let arrived!: () => void;
    const answered = new Promise<void>((done) => (arrived = done));
    const settings = await readSettings();
    const connect = async () => {
      const client = await clientFor(settings, site.url);
      return new Proxy(client, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (key === 'whoami')
            return async () => {
              const me = await (value as () => Promise<unknown>).call(target);
              arrived();
              await held;
              return me;
            };
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };
    const page = await pageOf(16);
    const reading = answerContext(settings, site.url, connect, {
      taskId: 16,
      refresh: false,
      settle: true,
      page,
    });
    reading.catch(() => undefined);
    await answered;

    // The user removes the instance; then adds it again, with bob's token this time.
    await save({ version: 1, instances: [] });
    release();
    await reading.catch(() => undefined);
    const database = await db();
    expect
      .soft(
        (await database.getAllKeys('tasks', instanceKeys(site.url))).length,
        'task records of the removed instance written back by the read that was running',
      )
      .toBe(0);

    await handlers['token/set'](
      { type: 'token/set', instance: site.url, token: TOKENS.bob },
      options as never,
    );
    await save(withInstance());
    const cachedViewer = (await database.get('instances', site.url))?.viewer?.username ?? null;
    const sender = { kind: 'content-script' as const, origin: site.url, tabId: 3, url: `${site.url}/T16` };
    const ask = (settle: boolean) =>
      handlers['task/context'](
        { type: 'task/context', taskId: 16, page, ...(settle ? { settle } : {}) },
        sender as never,
      ) as Promise<TaskContext>;
    const first = await ask(false);
    const shown = first.pending ? await ask(true) : first;
    expect
      .soft(cachedViewer, 'the viewer cached for the instance as added again, before any read of it')
      .not.toBe('alice');
    expect(shown.viewer?.username, 'the account of the instance as added again').toBe('bob');
  });
});
