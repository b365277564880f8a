// A Phorge (or its proxy) that answers HTTP 429 with a long Retry-After must not be polled again
// before that time by scheduled polls.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';
import { tokenSettings } from './token-settings';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { pollInstance } = await import('../../../src/background/poll');
const { setClockOffset, nowSeconds } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');

let site: Standin;

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});
afterAll(() => site.close());

describe('HTTP 429 with a long Retry-After', () => {
  it('the next scheduled poll waits at least as long as Phorge asked, not two minutes', async () => {
    const settings = tokenSettings(site.url);
    await pollInstance(settings, site.url, { force: true });
    // Phorge's rate limiter (or a proxy) refuses with "Retry-After: 1800" (half an hour).
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: '*', kind: '429', ms: 1_800_000, times: 50 }),
    });
    const before = nowSeconds();
    const failed = await pollInstance(settings, site.url);
    expect(failed.state.connection).not.toBe('ok');
    // Not after the backoff's ~2 minutes, hitting the limiter again every few minutes while it asked for 30.
    expect(failed.state.notBefore - before).toBeGreaterThanOrEqual(1800);
  });
});
