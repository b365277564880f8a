// A full read (every 6 hours, and the first poll after a long sleep) lists the open UBN! tasks. A task the
// last poll kept that was lowered or closed after it is read as it is now by that full read: stored as it
// is, its open pages told, and the review page's cached list no longer shows it open.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

let site: Standin;
let settings: Parameters<typeof pollInstance>[0];

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

async function edit(task: string, transactions: unknown[]): Promise<void> {
  const reply = await fetch(`${site.url}/api/maniphest.edit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: task, transactions, __conduit__: { token: TOKENS.alice } }))}`,
  });
  const json = (await reply.json()) as { error_code: string | null };
  if (json.error_code) throw new Error(json.error_code);
}

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
    watch: { allUbn: true },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  settings = parsed.settings;
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  syncClock();
  await pollInstance(settings, site.url, { force: true });
  site.clock.advance(300);
  syncClock();
  await pollInstance(settings, site.url, { force: true });
});

afterAll(() => site.close());

describe('a task lowered just before the laptop slept', () => {
  it('is stored as lowered, and its open pages told, by the full read after the sleep', async () => {
    site.clock.advance(100);
    await edit('T14', [{ type: 'priority', value: 'normal' }]);
    // The laptop sleeps for the night: the morning poll is a full read.
    site.clock.advance(8 * 3600);
    syncClock();
    const morning = await pollInstance(settings, site.url, { force: true });
    expect(morning.state.connection).toBe('ok');
    expect(morning.state.rows.some((r) => r.task.id === 14)).toBe(false);
    // An open page of T14 hears that it moved; the stored record (the review page's first paint, a
    // banner answered from the cache) no longer says Unbreak Now!.
    const stored = (await viewedTask(site.url, 14))?.snapshot.priority.value;
    // The UBN! review page's first answer (from the cache) lists it among the open UBN!.
    const review = await reviewOpen(settings, site.url, false);
    const onReview = review.rows.some((r) => r.task.id === 14);
    expect({ moved: morning.moved.includes(14), stored, onReview }).toEqual({
      moved: true,
      stored: 50,
      onReview: false,
    });
  });
});
