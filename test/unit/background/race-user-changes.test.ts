// Races between a poll and what the user changes while it waits for Phabricator: the change counts. A
// poll of an instance removed meanwhile saves and reminds nothing, and one queued behind it does not
// start; notifications turned off, or a task unwatched, count for that poll's reminders. Each case holds
// one of the poll's calls with the stand-in's latency fault and acts in between, on an instance of its own.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
const popupPage = { ...optionsPage, url: 'chrome-extension://steward-test/popup/popup.html' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let site: Standin;

beforeEach(async () => {
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

afterEach(() => site.close());

/** The next `times` calls of `method` ('*': any) wait `ms` before Phorge answers. */
async function slow(method: string, ms: number): Promise<void> {
  await fetch(`${site.url}/__standin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method, kind: 'latency', ms, times: 1 }),
  });
}

const save = (settings: unknown) =>
  handlers['settings/save']({ type: 'settings/save', settings }, optionsPage);

describe('an instance removed while its poll runs', () => {
  it('leaves no poll state, rows or reminders of the removed instance behind', async () => {
    const settings = await readSettings();
    await slow('*', 1500);
    const poll = pollInstance(settings, site.url, { force: true });
    await sleep(300);
    await save({ ...settings, instances: [] });
    const shownAtRemoval = fake.current!.shown.length;
    await poll.catch(() => undefined);
    // No notification about a task of an instance the user has just removed, and nothing in IndexedDB.
    expect.soft(fake.current!.shown.slice(shownAtRemoval).map((n) => n.title)).toEqual([]);
    const database = await db();
    expect.soft(await database.get('polls', site.url)).toBeUndefined();
    expect.soft(await database.getAll('pollTasks', instanceKeys(site.url))).toEqual([]);
    // Nor the task records and histories it read after the removal emptied the stores.
    expect.soft(await database.getAll('tasks', instanceKeys(site.url))).toEqual([]);
  });

  it('writes back none of the tasks Phorge listed after the removal', async () => {
    const settings = await readSettings();
    // Removed while Phorge is searching for the tasks: what it lists arrives after the stores were emptied.
    await slow('maniphest.search', 1500);
    const poll = pollInstance(settings, site.url, { force: true });
    await sleep(300);
    await save({ ...settings, instances: [] });
    await poll.catch(() => undefined);
    expect(await (await db()).getAll('tasks', instanceKeys(site.url))).toEqual([]);
  });

  it('does not start a poll queued behind it (and added back, it says nothing of a token removed then)', async () => {
    const settings = await readSettings();
    // An earlier poll left its state, as any installed worker has.
    await pollInstance(settings, site.url, { force: true });
    await slow('maniphest.search', 1500);
    // The alarm's poll is waiting for Phorge; the popup's refresh queues behind it.
    const alarmPoll = pollInstance(settings, site.url);
    await sleep(200);
    const popupRefresh = pollInstance(settings, site.url, { force: true });
    await save({ ...settings, instances: [] });
    await alarmPoll.catch(() => undefined);
    const after = await popupRefresh.catch(() => null);
    // Had it run after the removal (its token deleted), it would have failed for want of a token.
    expect.soft(after?.state.connection).not.toBe('invalid-token');
    expect.soft(await (await db()).get('polls', site.url)).toBeUndefined();
    await save(settings);
    await handlers['token/set']({ type: 'token/set', instance: site.url, token: TOKENS.alice }, optionsPage);
    const view = (await handlers['watchlist/get']({ type: 'watchlist/get' }, optionsPage)) as {
      connection: string;
      connectionMessage: string | null;
    };
    expect(view.connectionMessage ?? '').not.toMatch(/No API token is stored/);
    expect(view.connection).not.toBe('invalid-token');
  });
});

describe('notifications turned off while a poll runs', () => {
  it('shows no reminder once the user has turned notifications off', async () => {
    const settings = await readSettings();
    await slow('*', 1500);
    const poll = pollInstance(settings, site.url, { force: true });
    await sleep(300);
    await save({ ...settings, notifications: { ...settings.notifications, enabled: false } });
    const shownAtSave = fake.current!.shown.length;
    const { state } = await poll;
    expect(state.connection).toBe('ok');
    expect(state.rows.length).toBeGreaterThan(0);
    expect(fake.current!.shown.slice(shownAtSave).map((n) => n.title)).toEqual([]);
  });
});

describe('a task unwatched while a poll reads histories', () => {
  it('is not reminded about after the user unwatched it', async () => {
    const settings = await readSettings();
    // The first poll's batched history read is slow (a thousand tasks, a slow Phorge).
    await slow('maniphest.gettasktransactions', 1500);
    const poll = pollInstance(settings, site.url, { force: true });
    await sleep(700);
    // Meanwhile the user opens the popup and stops watching T7 ("Stopped watching T7.").
    await handlers['task/watch-on'](
      { type: 'task/watch-on', instance: site.url, taskId: 7, watched: false },
      popupPage,
    );
    const shownAtUnwatch = fake.current!.shown.length;
    const { state } = await poll;
    expect(state.connection).toBe('ok');
    expect(fake.current!.shown.slice(shownAtUnwatch).filter((n) => n.title.startsWith('T7:'))).toEqual([]);
  });
});
