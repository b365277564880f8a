// The review page's first screen (from the cache) counts every open UBN! the cache holds, not only the
// rows it shows.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { apiTokenFor } from '../../standin/ids';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { reviewFetch, reviewOpen } = await import('../../../src/background/review');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { parseSettings } = await import('../../../src/shared/settings');

const WORLD = resolve(import.meta.dirname, '../../standin/scenarios/demo.json');
const REGISTRY = readFileSync(
  resolve(import.meta.dirname, '../../standin/scenarios/demo-registry.yaml'),
  'utf8',
);
const OPEN_UBN = 5;

let site: Standin;
let settings: NonNullable<ReturnType<typeof build>>;

function build(origin: string) {
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: origin, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'demo', name: 'Demo registry', text: REGISTRY }] },
    watch: { allUbn: false, myComponents: false },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.settings;
}

beforeAll(async () => {
  site = await startStandin({ port: 0, scenario: WORLD });
  settings = build(site.url);
  fake.current!.grant(site.url);
  await writeToken(site.url, apiTokenFor('alice'));
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
  // A previous visit: the list and every history are cached.
  const listed = await reviewOpen(settings, site.url, true);
  await reviewFetch(settings, site.url, listed.pending);
});

afterAll(() => site.close());

/** What the page's summary line says for a view (ReviewPage: rows.length of rows.length + pending.length). */
function summaryTotal(view: { rows: unknown[]; pending: unknown[] }): number {
  return view.rows.length + view.pending.length;
}

describe('review first screen (adversarial)', () => {
  it('the first screen does not claim fewer open UBN! tasks than the cache holds', async () => {
    const all = await reviewOpen(settings, site.url, false);
    expect(summaryTotal(all)).toBe(OPEN_UBN);
    const first = await reviewOpen(settings, site.url, false, 2);
    expect(first.rows).toHaveLength(2);
    // The page shows "Showing 2 of N open tasks." with N from this view: it must not say 2 when 5 are open.
    expect(summaryTotal(first)).toBe(OPEN_UBN);
  });

  it('after a poll too (the shortcut through the poll records)', async () => {
    const { pollInstance } = await import('../../../src/background/poll');
    await pollInstance(settings, site.url, { force: true });
    const first = await reviewOpen(settings, site.url, false, 2);
    expect(first.rows).toHaveLength(2);
    expect(summaryTotal(first)).toBe(OPEN_UBN);
  });
});
