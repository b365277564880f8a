// Cost follows change: the review page's first screen (review/first, review.ts reviewOpen with `first`)
// reads the instance record and the cached accounts from memory (metadata.ts cachedInstance, users.ts
// instanceUsers, kept in step with every write), not from IndexedDB at each opening.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';
import { countIndexedDb, idbOps, resetIdbOps, TOKEN, ubnStandin } from './cost-support';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { pollInstance } = await import('../../../src/background/poll');
const { reviewOpen } = await import('../../../src/background/review');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { parseSettings } = await import('../../../src/shared/settings');
const { DEMO_REGISTRY } = await import('../../../scripts/demo/settings');

let site: Standin;
let settings: Parameters<typeof pollInstance>[0];

beforeAll(async () => {
  countIndexedDb();
  site = await ubnStandin(60);
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    watch: { allUbn: true },
    registry: {
      sources: [{ kind: 'inline', id: 'demo', name: 'Demo', text: readFileSync(DEMO_REGISTRY, 'utf8') }],
    },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  settings = parsed.settings;
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKEN);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
  await pollInstance(settings, site.url, { force: true });
});

afterAll(() => site.close());

describe("the review page's first screen, opened again", () => {
  it('reads neither the instance record nor every account from IndexedDB', async () => {
    const first = await reviewOpen(settings, site.url, false, 24);
    expect(first.rows).toHaveLength(24);
    resetIdbOps();
    site.requests.clear();
    const again = await reviewOpen(settings, site.url, false, 24);
    expect(again.rows).toHaveLength(24);
    expect(site.requests.conduitCalls()).toEqual([]);
    const ops = idbOps();
    // The worker holds both in memory already (metadata.ts cachedInstance, users.ts instanceUsers).
    expect({ instances: ops['instances.get'] ?? 0, users: ops['users.getAll'] ?? 0 }).toEqual({
      instances: 0,
      users: 0,
    });
  });
});
