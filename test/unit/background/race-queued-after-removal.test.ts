// Races: a refresh queued behind a running poll (alarm + popup) does not poll an instance the user
// removed before the refresh started.
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
const { db } = await import('../../../src/background/db');

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

describe('a refresh queued behind a running poll, then the instance removed', () => {
  it('does not start a poll of the removed instance after the removal', async () => {
    const settings = await readSettings();
    // An earlier poll left its state, as any installed worker has.
    await pollInstance(settings, site.url, { force: true });
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'maniphest.search', kind: 'latency', ms: 1500, times: 1 }),
    });
    // The alarm's poll is waiting for Phorge; the popup's refresh queues behind it.
    const alarmPoll = pollInstance(settings, site.url);
    await sleep(200);
    const popupRefresh = pollInstance(settings, site.url, { force: true });
    await handlers['settings/save'](
      { type: 'settings/save', settings: { ...settings, instances: [] } },
      optionsPage,
    );
    await alarmPoll.catch(() => undefined);
    const after = await popupRefresh.catch(() => null);
    // The queued poll ran after the removal (its token was already deleted), with the settings of before.
    expect.soft(after?.state.connection).not.toBe('invalid-token');
    expect.soft(await (await db()).get('polls', site.url)).toBeUndefined();

    // The user adds the instance back and enters the token again: the popup must not say that no token is
    // stored, from a poll that ran while the instance was gone.
    await handlers['settings/save']({ type: 'settings/save', settings }, optionsPage);
    await handlers['token/set']({ type: 'token/set', instance: site.url, token: TOKENS.alice }, optionsPage);
    const view = (await handlers['watchlist/get']({ type: 'watchlist/get' }, optionsPage)) as {
      connection: string;
      connectionMessage: string | null;
    };
    expect(view.connectionMessage ?? '').not.toMatch(/No API token is stored/);
    expect(view.connection).not.toBe('invalid-token');
  });
});
