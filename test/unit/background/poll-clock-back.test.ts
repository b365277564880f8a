// The poll backoff is kept as a time on the browser's clock. A scheduled poll that failed while the clock
// ran ahead (a laptop booted with its hardware clock on local time, a resumed VM) must not stop the polls
// for hours once the clock is set right: the wait stays within its cap.
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
const { MAX_BACKOFF_SECONDS } = await import('../../../src/background/poll-backoff');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');

let site: Standin;
let settings: Parameters<typeof pollInstance>[0];

/** The worker's clock: the stand-in's plus `skew` seconds. */
function browserClock(skew = 0): void {
  setClockOffset(site.clock.now() + skew - Math.floor(Date.now() / 1000));
}

async function faults(body: unknown): Promise<void> {
  await fetch(`${site.url}/__standin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
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
  browserClock();
  const first = await pollInstance(settings, site.url, { force: true });
  expect(first.state.connection).toBe('ok');
});

afterAll(() => site.close());

describe('a scheduled poll that failed while the browser clock ran ahead', () => {
  it('polls again within the backoff cap once the clock is set right', async () => {
    site.clock.advance(300);
    // The browser wakes with its clock 3 hours ahead; the first scheduled poll fails (a broken reply).
    browserClock(3 * 3600);
    await faults({ method: '*', kind: 'malformed', times: 50 });
    const failed = await pollInstance(settings, site.url);
    expect(failed.state.connection).not.toBe('ok');
    await faults({ clear: true });
    // NTP sets the clock right; Phabricator is fine again. An hour and a bit later (more than the
    // longest backoff), the scheduled poll comes.
    site.clock.advance(MAX_BACKOFF_SECONDS * 1.25 + 60);
    browserClock();
    const next = await pollInstance(settings, site.url);
    expect(next.state.connection).toBe('ok');
    expect(next.state.failures).toBe(0);
  });
});
