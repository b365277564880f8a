// A full read lists the open UBN! tasks: every 6 hours (the first poll after a long sleep too), and after a
// settings or registry change. A task the last poll kept that was lowered or closed after it is read as it
// is now by that full read: stored as it is, its open pages told, and the review page's cached list no
// longer shows it open.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { editAs } from '../../standin/edits';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
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
const { viewedTask } = await import('../../../src/background/tasks');
const { reviewOpen } = await import('../../../src/background/review');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');

// A new stand-in per test: a new address, so nothing the other test kept is this one's.
let site: Standin;

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

function settingsWith(extra: Record<string, unknown> = {}): Parameters<typeof pollInstance>[0] {
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
    watch: { allUbn: true },
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.settings;
}

beforeEach(async () => {
  site = await startStandin({ port: 0 });
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  syncClock();
  await pollInstance(settingsWith(), site.url, { force: true });
  site.clock.advance(300);
  syncClock();
  await pollInstance(settingsWith(), site.url, { force: true });
});

afterEach(() => site.close());

/** After T14 was lowered between two polls, a full read with `settings`: what it did of T14. */
async function fullReadAfterLowering(settings: Parameters<typeof pollInstance>[0], sleep: number) {
  site.clock.advance(100);
  await editAs(site, 'alice', 'T14', [{ type: 'priority', value: 'normal' }]);
  site.clock.advance(sleep);
  syncClock();
  const next = await pollInstance(settings, site.url, { force: true });
  expect(next.state.connection).toBe('ok');
  expect(next.state.rows.some((r) => r.task.id === 14)).toBe(false);
  // An open page of T14 hears that it moved; the stored record (the review page's first paint, a
  // banner answered from the cache) no longer says Unbreak Now!, and the review page's first answer
  // (from the cache) does not list it among the open UBN!.
  const review = await reviewOpen(settings, site.url, false);
  return {
    moved: next.moved.includes(14),
    stored: (await viewedTask(site.url, 14))?.snapshot.priority.value,
    onReview: review.rows.some((r) => r.task.id === 14),
  };
}

describe('a task lowered after the last poll', () => {
  it('is stored as lowered, and its open pages told, by the full read after a night asleep', async () => {
    expect(await fullReadAfterLowering(settingsWith(), 8 * 3600)).toEqual({
      moved: true,
      stored: 50,
      onReview: false,
    });
  });

  it('is stored as lowered, and its open pages told, by the full read new settings cause', async () => {
    // The user changes a threshold in the options (or a registry refresh brings another document): the
    // next poll reads everything again (another basis).
    const changed = settingsWith({ thresholds: { noProcessOwnerHours: 3 } });
    expect(await fullReadAfterLowering(changed, 200)).toEqual({ moved: true, stored: 50, onReview: false });
  });
});
