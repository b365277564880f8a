// Races: a task unwatched from the popup while a poll reads histories must not be reminded about.
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

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');
const optionsPage = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};

const popupPage = { ...optionsPage, url: 'chrome-extension://steward-test/popup/popup.html' };
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

describe('a task unwatched while a poll reads histories', () => {
  it('is not reminded about after the user unwatched it', async () => {
    const settings = await readSettings();
    // The first poll's batched history read is slow (a thousand tasks, a slow Phorge).
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'maniphest.gettasktransactions', kind: 'latency', ms: 1500, times: 1 }),
    });
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
