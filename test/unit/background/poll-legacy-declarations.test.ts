// The first poll reads histories with maniphest.gettasktransactions, which shows a comment as it reads now
// and none of its edits. The comments that say who is in charge are dated by transaction.search before any
// of it is stored: a first poll that fails there stores nothing, and its retry dates them again.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import { editAs, editComment } from '../../standin/edits';
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

describe('legacy-read histories when the first poll fails at the declaration check', () => {
  beforeAll(freshSite);
  afterAll(() => site.close());

  it('the retry still dates the declaring comment by transaction.search (bob is process owner, no rule-1 finding)', async () => {
    // T12 (Normal, assigned to carol): alice comments, a day later it is raised to UBN!, and 3 h after the
    // escalation she edits her comment to declare bob (after the escalation, so it declares).
    await editAs(site, 'alice', 'T12', [{ type: 'comment', value: 'Looking into it.' }]);
    advance(86_400);
    await editAs(site, 'alice', 'T12', [{ type: 'priority', value: 'unbreak' }]);
    advance(3 * 3600);
    editComment(site, 12, 'Looking into it.', 'Looking into it.\nProcess owner: @bob');
    advance(60);

    // The one transaction.search of the first poll (the legacy check) gets a broken reply once.
    site.state.faults.add({ method: 'transaction.search', kind: 'malformed', times: 1 });
    const first = await pollInstance(settings, site.url, { force: true });
    expect(site.requests.conduitCalls('maniphest.gettasktransactions').length).toBeGreaterThan(0);
    expect(first.state.connection).not.toBe('ok');

    advance(60);
    const retry = await pollInstance(settings, site.url, { force: true });
    expect(retry.state.connection).toBe('ok');
    const row = rowOf(retry, 12);
    expect(row?.processOwner?.person?.username).toBe('bob');
    expect(row?.stale.map((s) => s.rule) ?? []).not.toContain('no-process-owner');
  });
});
