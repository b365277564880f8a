// Races: a poll that was already running when the user removed its instance must not write that
// instance's state back, nor show its reminders, once the removal is saved.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
const { db, instanceKeys } = await import('../../../src/background/db');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');
const optionsPage = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};

let site: Standin;

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  const saved = await writeSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
    watch: { allUbn: true },
  });
  if (!saved.ok) throw new Error(saved.errors.join('\n'));
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});

afterAll(() => site.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an instance removed while its poll runs', () => {
  it('leaves no poll state, rows or reminders of the removed instance behind', async () => {
    const settings = await readSettings();
    // Phorge is slow to answer the poll's first call: the user removes the instance meanwhile.
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: '*', kind: 'latency', ms: 1500, times: 1 }),
    });
    const poll = pollInstance(settings, site.url, { force: true });
    await sleep(300);
    await handlers['settings/save'](
      { type: 'settings/save', settings: { ...settings, instances: [] } },
      optionsPage,
    );
    const shownAtRemoval = fake.current!.shown.length;
    await poll.catch(() => undefined);

    // No notification about a task of an instance the user has just removed.
    expect.soft(fake.current!.shown.slice(shownAtRemoval).map((n) => n.title)).toEqual([]);
    // "An instance removed from the settings leaves nothing behind" (handlers.ts): nothing in IndexedDB.
    const database = await db();
    expect.soft(await database.get('polls', site.url)).toBeUndefined();
    expect.soft(await database.getAll('pollTasks', instanceKeys(site.url))).toEqual([]);
  });
});
