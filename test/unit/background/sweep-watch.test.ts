// The daily sweep (housekeeping.ts sweepWatches) keeps the watch choices the user still relies on: a Watch
// pressed on an open task of another priority, and one pressed while the sweeping poll ran.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';
import { DAY, TOKEN, conduit, emptyStandin, fileTask } from './growth-support';

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
const { setWatched } = await import('../../../src/background/watch');
const { db } = await import('../../../src/background/db');

let site: Standin;
let settings: Parameters<typeof pollInstance>[0];
const sync = () => setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
const advance = (s: number) => {
  site.clock.advance(s);
  sync();
};
const poll = async () => {
  const { state } = await pollInstance(settings, site.url, { force: true });
  if (state.connection !== 'ok') throw new Error(String(state.message));
  return state;
};
const raise = (id: number) =>
  conduit(site, 'maniphest.edit', {
    objectIdentifier: `T${id}`,
    transactions: [{ type: 'priority', value: 'unbreak' }],
  });

beforeEach(async () => {
  site = await emptyStandin();
  // No watch rule: only what the user watches from the banner is watched.
  const parsed = parseSettings({ version: 1, instances: [{ url: site.url, authMode: 'token' }] });
  if (!parsed.ok) throw new Error('settings');
  settings = parsed.settings;
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKEN);
  sync();
});
afterEach(() => site.close());

describe('the daily sweep and explicit watch choices', () => {
  it('keeps the Watch pressed on an open, quiet non-UBN task (the banner offers it), which later becomes UBN!', async () => {
    await poll(); // starts the sweep clock
    const id = await fileTask(site, 'Search is slow', 'high');
    advance(8 * DAY); // a quiet High task, not modified for 8 days
    await setWatched(site.url, id, true); // the compact banner's Watch button
    await poll(); // a day after the last sweep: sweeps
    const entry = await (await db()).get('watches', [site.url, id]);
    expect.soft(entry?.explicit, 'the watch the user pressed a moment ago').toBe(true);
    // What the user sees: the task is raised to UBN! and goes stale; it is neither listed nor reminded.
    await raise(id);
    advance(3 * 3600);
    const shown = fake.current!.shown.length;
    const state = await poll();
    expect
      .soft(
        state.rows.map((r) => r.task.id),
        'watched UBN! task in the popup',
      )
      .toContain(id);
    expect(fake.current!.shown.length, 'a reminder for the watched stale UBN!').toBeGreaterThan(shown);
  });

  it('keeps a Watch pressed while the sweeping poll waits for Phabricator', async () => {
    const open = await fileTask(site, 'Older outage');
    advance(60);
    await poll(); // starts the sweep clock
    advance(DAY + 60);
    // The open one is commented on: the next poll reads its history (after it read the watch entries).
    await conduit(site, 'maniphest.edit', {
      objectIdentifier: `T${open}`,
      transactions: [{ type: 'comment', value: 'Still broken.' }],
    });
    advance(60);
    // A UBN! filed after the poll read the list: the user opens it and presses Watch during the poll.
    let id = 0;
    const original = globalThis.fetch;
    let held = false;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const reply = await original(input, init);
      if (!held && /transaction|user\.search/.test(String(input))) {
        held = true;
        id = await fileTask(site, 'Login outage');
        await setWatched(site.url, id, true);
      }
      return reply;
    });
    try {
      await poll();
    } finally {
      spy.mockRestore();
    }
    expect(id).toBeGreaterThan(0);
    const entry = await (await db()).get('watches', [site.url, id]);
    expect(entry?.explicit, 'the Watch pressed during the poll').toBe(true);
  });
});
