// Cost follows change: the whole set of open UBN! is read again every 6 hours (poll-cache.ts
// FULL_READ_SECONDS) so that a task hidden by a policy change leaves. When that read finds nothing changed,
// no task is evaluated again and no task record is rewritten: an unchanged task keeps its last evaluation.
//
// To isolate the 6-hour read from thresholds falling due on the clock, the test ages the cache's fullAt in
// memory (as 6 hours of polls would) instead of moving the clock 6 hours.
import type * as ContextModule from '../../../src/background/context';
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';
import { countIndexedDb, idbOps, resetIdbOps, TOKEN, ubnStandin } from './cost-support';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});
const counted = vi.hoisted(() => ({ evaluate: 0 }));
vi.mock('../../../src/background/context', async (original) => {
  const real = await original<typeof ContextModule>();
  return {
    ...real,
    evaluate: (input: Parameters<typeof real.evaluate>[0]) => {
      counted.evaluate++;
      return real.evaluate(input);
    },
  };
});

const { pollInstance, pollState } = await import('../../../src/background/poll');
const { FULL_READ_SECONDS } = await import('../../../src/background/poll-cache');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { parseSettings } = await import('../../../src/shared/settings');
const { DEMO_REGISTRY } = await import('../../../scripts/demo/settings');

const sites: Standin[] = [];
afterAll(async () => {
  for (const site of sites) await site.close();
});

interface Cost {
  requests: number;
  evaluate: number;
  taskWrites: number;
  pollTaskWrites: number;
}

/** A cold poll of `count` watched tasks, a steady poll 5 minutes on, then the 6-hourly full read 5 minutes later. */
async function fullReadCost(count: number): Promise<{ steady: Cost; full: Cost }> {
  countIndexedDb();
  const site = await ubnStandin(count);
  sites.push(site);
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    watch: { allUbn: true },
    registry: {
      sources: [{ kind: 'inline', id: 'demo', name: 'Demo', text: readFileSync(DEMO_REGISTRY, 'utf8') }],
    },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const settings = parsed.settings;
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKEN);
  const sync = () => setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
  sync();
  const first = await pollInstance(settings, site.url, { force: true });
  expect(first.state.rows).toHaveLength(count);
  const measure = async (): Promise<Cost> => {
    site.clock.advance(300);
    sync();
    site.requests.clear();
    resetIdbOps();
    counted.evaluate = 0;
    const { state } = await pollInstance(settings, site.url, { force: true });
    expect(state.connection).toBe('ok');
    expect(state.rows).toHaveLength(count);
    const ops = idbOps();
    return {
      requests: site.requests.conduitCalls().length,
      evaluate: counted.evaluate,
      taskWrites: ops['tasks.put'] ?? 0,
      pollTaskWrites: ops['pollTasks.put'] ?? 0,
    };
  };
  const steady = await measure();
  // Six hours of polls since the last full read, as far as the cache can tell.
  const cache = (await pollState(site.url)).cache!;
  cache.fullAt -= FULL_READ_SECONDS;
  const full = await measure();
  return { steady, full };
}

describe('the 6-hourly full read of open UBN! when nothing changed', () => {
  it('evaluates and rewrites no task, whatever the number watched', async () => {
    const small = await fullReadCost(100);
    const large = await fullReadCost(800);
    // The control: a steady poll 5 minutes after the cold one evaluates and writes no task.
    expect(small.steady).toMatchObject({ evaluate: 0, taskWrites: 0, pollTaskWrites: 0 });
    expect(large.steady).toMatchObject({ evaluate: 0, taskWrites: 0, pollTaskWrites: 0 });
    // The full read (one paged maniphest.search) found the same tasks, unchanged: nothing to evaluate or store.
    const summary = { small: small.full, large: large.full };
    expect(summary, JSON.stringify(summary)).toMatchObject({
      small: { evaluate: 0, taskWrites: 0, pollTaskWrites: 0 },
      large: { evaluate: 0, taskWrites: 0, pollTaskWrites: 0 },
    });
  }, 120_000);
});
