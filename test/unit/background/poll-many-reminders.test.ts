// A first poll of many stale UBN! tasks records hundreds of reminders at once. They are written in short
// transactions (the worker answers a page view between them); every one is still recorded, so the next
// poll shows nothing again.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { ubnWorld } from '../../../scripts/demo/ubn-world';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { pollInstance } = await import('../../../src/background/poll');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { parseSettings } = await import('../../../src/shared/settings');
const { db } = await import('../../../src/background/db');

let site: Standin;
const TOKEN = 'api-manyremindersmanyreminders00';

beforeAll(async () => {
  // The demo world's people, with a token for alice (the demo itself logs in with a session).
  const world = ubnWorld(150);
  const users = (world.users ?? []).map((u) => (u.username === 'alice' ? { ...u, apiToken: TOKEN } : u));
  site = await startStandin({ port: 0, scenario: { ...world, users } });
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKEN);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});

afterAll(() => site.close());

describe('a first poll with many reminders due', () => {
  it('records every one of them, in short transactions, and shows none again', async () => {
    const parsed = parseSettings({
      version: 1,
      instances: [{ url: site.url, authMode: 'token' }],
      watch: { allUbn: true },
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const { reminders, state } = await pollInstance(parsed.settings, site.url, { force: true });
    expect(state.rows).toHaveLength(150);
    // More than one slice of records.
    expect(reminders).toBeGreaterThan(100);
    const recorded = (await (await db()).getAllKeys('reminders'))
      .map(String)
      .filter((key) => key.startsWith(`${site.url}|`));
    // Every threshold each task has passed, several slices of them, and every task among them.
    expect(recorded.length).toBeGreaterThan(150);
    const tasks = new Set(recorded.map((key) => /\|T(\d+)\|/.exec(key)?.[1]));
    expect(state.rows.every((row) => tasks.has(String(row.task.id)))).toBe(true);
    const shown = fake.current!.shown.length;
    expect(shown).toBe(4); // the three most important on their own, and one summary
    const again = await pollInstance(parsed.settings, site.url, { force: true });
    expect(again.reminders).toBe(0);
    expect(fake.current!.shown).toHaveLength(shown);
  });
});
