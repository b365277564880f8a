// The banner stores every task page the user opens (any priority) in the tasks store, with its whole
// history. A triager opening 40 task pages a day for a year would leave ~10,000 full histories behind,
// although only open UBN! tasks (and the review's last 12 weeks of closures) are read again from it: a
// task that is not an open UBN! is let go 30 days after it was last read.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';
import { DAY, TOKEN, emptyStandin, fileTask } from './growth-support';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { writeSettings } = await import('../../../src/background/settings-store');
const { handlers } = await import('../../../src/background/handlers');
const { db, instanceKeys } = await import('../../../src/background/db');

let site: Standin;
const DAYS = 60;
const VIEWS_PER_DAY = 5;
const viewedAt = new Map<number, number>();

beforeAll(async () => {
  site = await emptyStandin();
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKEN);
  const saved = await writeSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    watch: { allUbn: true },
  });
  if (!saved.ok) throw new Error(saved.errors.join('\n'));
  const tab = { kind: 'content-script' as const, tabId: 1, origin: site.url, url: `${site.url}/T1` };
  for (let day = 0; day < DAYS; day++) {
    for (let i = 0; i < VIEWS_PER_DAY; i++) {
      // An ordinary bug, never UBN!: the user reads its page once.
      const id = await fileTask(site, `Bug ${day}.${i}`, 'normal');
      setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
      await handlers['task/context'](
        { type: 'task/context', taskId: id, settle: true },
        { ...tab, url: `${site.url}/T${id}` },
      );
      viewedAt.set(id, site.clock.now());
    }
    site.clock.advance(DAY);
  }
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}, 120_000);

afterAll(() => site.close());

describe('task pages viewed over two months', () => {
  it('the tasks store does not keep the history of every task page ever opened', async () => {
    // The worker polls every few minutes, and sweeps once a day after a poll (the first poll of an
    // install only starts that clock).
    const { pollInstance } = await import('../../../src/background/poll');
    const { readSettings } = await import('../../../src/background/settings-store');
    await pollInstance(await readSettings(), site.url, { force: true });
    site.clock.advance(DAY);
    setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
    await pollInstance(await readSettings(), site.url, { force: true });
    const entries = await (await db()).getAll('tasks', instanceKeys(site.url));
    const now = site.clock.now();
    // Never UBN!, not watched, last looked at more than 30 days ago: nothing will read it again.
    const old = entries.filter(
      (e) =>
        e.history !== null &&
        e.snapshot.priority.value !== 100 &&
        now - (viewedAt.get(e.id) ?? now) > 30 * DAY,
    );
    const bytes = JSON.stringify(old).length;
    console.info(
      `tasks store: ${entries.length} records after ${DAYS * VIEWS_PER_DAY} page views; ${old.length} non-UBN! tasks last viewed > 30 days ago (${bytes} bytes of JSON)`,
    );
    expect(old.length, 'histories of non-UBN! tasks last viewed more than 30 days ago').toBe(0);
  });
});
