// The steady poll names the tasks it keeps (so a busy instance's other edits are not downloaded); with
// hundreds kept that list is most of the poll's bytes. Phorge offers gzip request bodies, and the list
// goes gzipped: a fraction of the bytes, and the same answer (a kept task lowered is still seen).
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';
import { TOKEN, ubnStandin } from './cost-support';
import { conduit } from './growth-support';

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
const { DEMO_REGISTRY } = await import('../../../scripts/demo/settings');

const KEPT = 300;
let site: Standin;
let settings: Parameters<typeof pollInstance>[0];

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

async function poll(after: number) {
  site.clock.advance(after);
  syncClock();
  site.requests.clear();
  const outcome = await pollInstance(settings, site.url, { force: true });
  expect(outcome.state.connection).toBe('ok');
  return { outcome, searches: site.requests.conduitCalls('maniphest.search') };
}

beforeAll(async () => {
  site = await ubnStandin(KEPT);
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
  syncClock();
  await pollInstance(settings, site.url, { force: true });
  await poll(300);
});

afterAll(() => site.close());

describe('a steady poll with 300 kept tasks', () => {
  it('sends the kept ids gzipped: the whole poll under 2 KB sent', async () => {
    const { searches } = await poll(300);
    expect(searches).toHaveLength(2);
    // Written out, 300 ids ("5001%2C" each) alone are over 2 KB.
    expect(searches.reduce((n, r) => n + r.bytesIn, 0)).toBeLessThan(2048);
  });

  it('still sees a kept task that was lowered', async () => {
    site.clock.advance(60);
    await conduit(
      site,
      'maniphest.edit',
      {
        objectIdentifier: 'T5150',
        transactions: [{ type: 'priority', value: 'normal' }],
      },
      TOKEN,
    );
    const { outcome } = await poll(240);
    expect(outcome.moved).toContain(5150);
    expect(outcome.state.rows.some((r) => r.task.id === 5150)).toBe(false);
    expect(outcome.state.rows).toHaveLength(KEPT - 1);
  });
});
