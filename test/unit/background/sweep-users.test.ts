// The daily sweep forgets accounts nobody has read for longer than any kept record can name them (the
// review page's 13 weeks), so the accounts store follows the people of what is kept, not every person an
// install ever looked up; and a person of a task still kept is not forgotten, whatever the age of the task.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';
import { DAY, TOKEN, emptyStandin, fileTask } from './growth-support';

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
const { db, instanceKeys } = await import('../../../src/background/db');
const { forgetCachedUsers, instanceUsers, USER_RETENTION_SECONDS } =
  await import('../../../src/background/users');

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

/** Someone a page viewed long ago looked up (a commenter of a task whose record is long gone). */
function departed(n: number, fetchedAt: number) {
  return {
    origin: site.url,
    phid: `PHID-USER-departed${String(n).padStart(11, '0')}`,
    user: {
      phid: `PHID-USER-departed${String(n).padStart(11, '0')}`,
      username: `departed${n}`,
      realName: `Departed ${n}`,
      roles: ['activated'],
      availability: { value: 'available' as const, until: null },
    },
    fetchedAt,
  };
}

beforeEach(async () => {
  site = await emptyStandin();
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    watch: { allUbn: true },
  });
  if (!parsed.ok) throw new Error('settings');
  settings = parsed.settings;
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKEN);
  sync();
});
afterEach(() => site.close());

describe('the daily sweep and the accounts store', () => {
  it('forgets accounts not read for longer than any kept record can name them, and keeps the rest', async () => {
    await fileTask(site, 'Checkout is down');
    await poll(); // starts the sweep clock; reads the people of the open UBN!
    const now = site.clock.now();
    const database = await db();
    const old = [1, 2, 3].map((n) => departed(n, now - USER_RETENTION_SECONDS - DAY));
    const recent = departed(4, now - 10 * DAY);
    for (const entry of [...old, recent]) await database.put('users', entry);
    const missing = { origin: site.url, phid: 'missing:typo-name', user: null, fetchedAt: old[0]!.fetchedAt };
    await database.put('users', missing);
    // The worker reads the store again (written behind its back here) and keeps the list, as after a
    // banner answered from the cache: the sweep must reach that list too.
    forgetCachedUsers();
    expect((await instanceUsers(site.url)).map((e) => e.phid)).toContain(old[0]!.phid);

    advance(DAY + 60);
    await poll(); // a day after the last sweep: sweeps

    const left = (await database.getAll('users', instanceKeys(site.url))).map((e) => e.phid);
    for (const entry of [...old, missing]) expect(left).not.toContain(entry.phid);
    expect(left).toContain(recent.phid);
    // The people of the task still open are kept (read again by every poll).
    expect(left.some((phid) => phid.startsWith('PHID-USER-') && !phid.includes('departed'))).toBe(true);
    const remembered = (await instanceUsers(site.url)).map((e) => e.phid);
    for (const entry of old) expect(remembered).not.toContain(entry.phid);
    expect(remembered).toContain(recent.phid);
  });
});
