// The 6-hourly check of the comments that declare a process owner is one call among a poll's: when it
// fails, the poll's other news stands, and the check is asked again at the next poll.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import { editAs } from '../../standin/edits';
import type { FakeBrowser } from './fake-browser';
import { tokenSettings } from './token-settings';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { pollInstance } = await import('../../../src/background/poll');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');

let site: Standin;
let settings: ReturnType<typeof tokenSettings>;

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

function advance(seconds: number): void {
  site.clock.advance(seconds);
  syncClock();
}

async function freshSite(): Promise<void> {
  site = await startStandin({ port: 0 });
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  settings = tokenSettings(site.url, REGISTRY);
  syncClock();
}

const rowOf = (outcome: Awaited<ReturnType<typeof pollInstance>>, id: number) =>
  outcome.state.rows.find((r) => r.task.id === id);

describe('a failed declaration check', () => {
  beforeAll(freshSite);
  afterAll(() => site.close());

  it('does not fail the poll it is part of', async () => {
    await pollInstance(settings, site.url, { force: true });
    advance(60);
    await editAs(site, 'alice', 'T14', [{ type: 'comment', value: 'Process owner: @alice' }]);
    advance(5 * 60);
    const declared = await pollInstance(settings, site.url, { force: true });
    expect(rowOf(declared, 14)?.processOwner?.person?.username).toBe('alice');

    // 6 hours later the check is due; meanwhile alice answers on T1 (a real change for this poll to show).
    advance(6 * 3600 + 60);
    await editAs(site, 'alice', 'T1', [{ type: 'comment', value: 'Process owner: @alice' }]);
    advance(60);
    // The check's transaction.search (the poll's first) gets a broken reply once.
    site.state.faults.add({ method: 'transaction.search', kind: 'malformed', times: 1 });
    site.requests.clear();
    const outcome = await pollInstance(settings, site.url, { force: true });
    expect(site.requests.conduitCalls('transaction.search').length).toBeGreaterThan(0);
    expect(outcome.state.connection).toBe('ok');
    expect(rowOf(outcome, 1)?.processOwner?.person?.username).toBe('alice');
  });
});
