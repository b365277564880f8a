// Cost follows change: the poll window overlaps the last one by 60 s (poll-cache.ts
// WINDOW_OVERLAP_SECONDS), so a task edited in the last minute before a poll is listed again by the next
// poll although it did not change. That poll writes no task record besides its header.
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
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { parseSettings } = await import('../../../src/shared/settings');
const { DEMO_REGISTRY } = await import('../../../scripts/demo/settings');

let site: Standin;
let settings: Parameters<typeof pollInstance>[0];
const EDITED = [5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008];

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

async function comment(id: number): Promise<void> {
  const params = {
    objectIdentifier: `T${id}`,
    transactions: [{ type: 'comment', value: 'Still looking.' }],
    __conduit__: { token: TOKEN },
  };
  const reply = await fetch(`${site.url}/api/maniphest.edit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `params=${encodeURIComponent(JSON.stringify(params))}`,
  });
  expect(((await reply.json()) as { error_code: string | null }).error_code).toBeNull();
}

async function poll(after: number) {
  site.clock.advance(after);
  syncClock();
  site.requests.clear();
  resetIdbOps();
  const outcome = await pollInstance(settings, site.url, { force: true });
  expect(outcome.state.connection).toBe('ok');
  return { ops: idbOps(), moved: outcome.moved };
}

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
  syncClock();
  await pollInstance(settings, site.url, { force: true });
});

afterAll(() => site.close());

describe('a poll after tasks were edited in the last minute before the previous poll', () => {
  it('writes no task record when nothing changed since', async () => {
    // 8 comments 20 s before a poll: that poll reads and stores them (as it must).
    site.clock.advance(280);
    for (const id of EDITED) await comment(id);
    const changed = await poll(20);
    expect(changed.moved.sort()).toEqual(EDITED);
    // Five minutes later nothing has changed on Phorge.
    const steady = await poll(300);
    expect(steady.moved).toEqual([]);
    expect({ taskReads: steady.ops['tasks.get'] ?? 0, taskWrites: steady.ops['tasks.put'] ?? 0 }).toEqual({
      taskReads: 0,
      taskWrites: 0,
    });
  });
});
