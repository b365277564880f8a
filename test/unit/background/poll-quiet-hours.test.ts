// "No notifications during quiet hours" (the options' checkbox) as the poll applies it: inside the window
// no reminder is shown, critical ones included; the next poll after the window ends shows them.
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
const { setClockOffset, nowSeconds } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { parseSettings } = await import('../../../src/shared/settings');

let site: Standin;
const TOKEN = 'api-quiethoursquiethoursquiet000';

beforeAll(async () => {
  const world = ubnWorld(6);
  const users = (world.users ?? []).map((u) => (u.username === 'alice' ? { ...u, apiToken: TOKEN } : u));
  site = await startStandin({ port: 0, scenario: { ...world, users } });
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKEN);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});

afterAll(() => site.close());

/** The wall-clock time at `epoch` in the zone the worker reads quiet hours in. */
function clock(epoch: number): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epoch * 1000));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('hour')}:${get('minute')}`;
}

describe('quiet hours in the poll', () => {
  it('shows nothing inside the window, critical reminders included, and everything held once it ends', async () => {
    const now = nowSeconds();
    const parsed = parseSettings({
      version: 1,
      instances: [{ url: site.url, authMode: 'token' }],
      watch: { allUbn: true },
      notifications: {
        enabled: true,
        quietHours: { enabled: true, start: clock(now - 3600), end: clock(now + 3 * 3600) },
      },
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const { state } = await pollInstance(parsed.settings, site.url, { force: true });
    // The world has stale tasks, critical ones among them (escalated more than 7 days ago).
    expect(state.rows.some((r) => r.stale.some((f) => f.severity === 'critical'))).toBe(true);
    expect(fake.current!.shown).toEqual([]);

    // Past the end of the window, on both clocks.
    site.clock.advance(3 * 3600 + 120);
    setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
    const after = await pollInstance(parsed.settings, site.url, { force: true });
    // Every stale task's reminder comes now: the worst ones on their own, the rest in the summary.
    expect(after.reminders).toBe(after.state.rows.filter((r) => r.stale.length > 0).length);
    const titles = fake.current!.shown.map((n) => n.title);
    const critical = after.state.rows.filter((r) => r.stale.some((f) => f.severity === 'critical'));
    expect(critical.length).toBeGreaterThan(0);
    for (const row of critical) expect(titles.some((t) => t.startsWith(`T${row.task.id}:`))).toBe(true);
  });
});
