// Phorge saves an edited or removed comment without saving its task: dateModified stays, no transaction
// is new, and maniphest.search's modifiedStart never lists the task. The poll asks after the comments
// that say who is in charge every 6 hours (with the full read), all tasks at once, and reads a task whose comment moved again
// whole; the first poll, which reads histories with maniphest.gettasktransactions (no comment versions),
// dates such comments by transaction.search.
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
const ALICE = TOKENS.alice;

let site: Standin;
let settings: ReturnType<typeof tokenSettings>;

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

async function freshSite(): Promise<{ site: Standin; settings: ReturnType<typeof tokenSettings> }> {
  const started = await startStandin({ port: 0 });
  fake.current!.grant(started.url);
  await writeToken(started.url, ALICE);
  return { site: started, settings: tokenSettings(started.url, REGISTRY) };
}

const rowOf = (outcome: Awaited<ReturnType<typeof pollInstance>>, id: number) =>
  outcome.state.rows.find((r) => r.task.id === id);

describe('a declaration whose comment is removed or changed', () => {
  beforeAll(async () => {
    ({ site, settings } = await freshSite());
    syncClock();
  });
  afterAll(() => site.close());

  it('is seen within 6 hours, and open pages are told', async () => {
    await pollInstance(settings, site.url, { force: true });
    site.clock.advance(60);
    syncClock();
    await editAs(site, 'alice', 'T14', [{ type: 'comment', value: 'Process owner: @alice' }]);
    site.clock.advance(5 * 60);
    syncClock();
    const declared = await pollInstance(settings, site.url, { force: true });
    expect(rowOf(declared, 14)?.processOwner?.person?.username).toBe('alice');

    // alice removes her comment (posted on the wrong task): T14 again has no process owner.
    editComment(site, 14, 'Process owner: @alice', null);
    site.clock.advance(6 * 3600 + 60);
    syncClock();
    const next = await pollInstance(settings, site.url, { force: true });
    expect(rowOf(next, 14)?.processOwner?.state).toBe('none');
    expect(next.moved).toContain(14);
  });

  it('a declaration edited to name someone else names them', async () => {
    await editAs(site, 'alice', 'T14', [{ type: 'comment', value: 'Process owner: @carol' }]);
    site.clock.advance(5 * 60);
    syncClock();
    expect(
      rowOf(await pollInstance(settings, site.url, { force: true }), 14)?.processOwner?.person?.username,
    ).toBe('carol');
    editComment(site, 14, 'Process owner: @carol', 'Process owner: @bob');
    site.clock.advance(6 * 3600 + 60);
    syncClock();
    expect(
      rowOf(await pollInstance(settings, site.url, { force: true }), 14)?.processOwner?.person?.username,
    ).toBe('bob');
  });

  it('the polls between two checks ask Phorge nothing more', async () => {
    site.clock.advance(5 * 60);
    syncClock();
    site.requests.clear();
    await pollInstance(settings, site.url, { force: true });
    expect(site.requests.conduitCalls('transaction.search')).toEqual([]);
  });
});

describe('the first poll, reading histories with maniphest.gettasktransactions', () => {
  beforeAll(async () => {
    ({ site, settings } = await freshSite());
    syncClock();
  });
  afterAll(() => site.close());

  it('counts a comment posted before the escalation and edited after it to declare, as transaction.search would', async () => {
    // T12 (Normal): alice comments, a day later it is raised to UBN!, then she edits her comment to declare bob.
    await editAs(site, 'alice', 'T12', [{ type: 'comment', value: 'Looking into it.' }]);
    site.clock.advance(86_400);
    await editAs(site, 'alice', 'T12', [{ type: 'priority', value: 'unbreak' }]);
    site.clock.advance(3600);
    editComment(site, 12, 'Looking into it.', 'Looking into it.\nProcess owner: @bob');
    site.clock.advance(60);
    syncClock();
    const first = await pollInstance(settings, site.url, { force: true });
    expect(site.requests.conduitCalls('maniphest.gettasktransactions').length).toBeGreaterThan(0);
    expect(rowOf(first, 12)?.processOwner?.person?.username).toBe('bob');
  });
});
