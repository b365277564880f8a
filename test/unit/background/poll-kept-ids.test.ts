// The steady poll's search for kept tasks that left UBN! names them by id. Its cost follows what changed
// among those tasks, not the instance's activity: on a busy Phorge (Wikimedia's sees thousands of task
// edits a day) the tasks other people edited meanwhile are not downloaded. With hundreds kept, the list of
// ids is most of the poll's bytes; Phorge offers gzip request bodies and the list goes gzipped: a fraction
// of the bytes, and the same answer (a kept task lowered is still seen).
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

/** A stand-in of `kept` stale open UBN! tasks, watched and polled twice; `poll` runs one more. */
function polledInstance(kept: number) {
  const at = {
    site: null as unknown as Standin,
    settings: null as unknown as Parameters<typeof pollInstance>[0],
  };
  const syncClock = () => setClockOffset(at.site.clock.now() - Math.floor(Date.now() / 1000));
  const poll = async (after: number) => {
    at.site.clock.advance(after);
    syncClock();
    at.site.requests.clear();
    const outcome = await pollInstance(at.settings, at.site.url, { force: true });
    expect(outcome.state.connection).toBe('ok');
    return { outcome, searches: at.site.requests.conduitCalls('maniphest.search') };
  };
  beforeAll(async () => {
    at.site = await ubnStandin(kept);
    const parsed = parseSettings({
      version: 1,
      instances: [{ url: at.site.url, authMode: 'token' }],
      watch: { allUbn: true },
      registry: {
        sources: [{ kind: 'inline', id: 'demo', name: 'Demo', text: readFileSync(DEMO_REGISTRY, 'utf8') }],
      },
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    at.settings = parsed.settings;
    fake.current!.grant(at.site.url);
    await writeToken(at.site.url, TOKEN);
    syncClock();
    await pollInstance(at.settings, at.site.url, { force: true });
    await poll(300);
  });
  afterAll(() => at.site.close());
  return { at, poll };
}

describe('a poll of a busy instance where no kept task changed', () => {
  const { at, poll } = polledInstance(10);
  const cost = async (after: number) => {
    const { searches } = await poll(after);
    return { searches: searches.length, bytes: searches.reduce((n, r) => n + r.bytesOut, 0) };
  };

  it('does not download the unrelated non-UBN! tasks others edited in the window', async () => {
    const quiet = await cost(300);
    // Between two polls, colleagues file and edit 150 ordinary (Normal) tasks nobody here watches.
    at.site.clock.advance(60);
    for (let i = 0; i < 150; i++)
      await conduit(
        at.site,
        'maniphest.edit',
        {
          transactions: [
            { type: 'title', value: `Ordinary bug ${i}` },
            { type: 'priority', value: 'normal' },
            { type: 'projects.add', value: ['Echo'] },
          ],
        },
        TOKEN,
      );
    const busy = await cost(240);
    // None of those 150 tasks is kept, watched or ever was: the poll should cost what a quiet one does.
    expect(busy.bytes).toBeLessThan(quiet.bytes * 2 + 2000);
    expect(busy.searches).toBe(quiet.searches);
  });
});

describe('a steady poll with 300 kept tasks', () => {
  const KEPT = 300;
  const { at, poll } = polledInstance(KEPT);

  it('sends the kept ids gzipped: the whole poll under 2 KB sent', async () => {
    const { searches } = await poll(300);
    expect(searches).toHaveLength(2);
    // Written out, 300 ids ("5001%2C" each) alone are over 2 KB.
    expect(searches.reduce((n, r) => n + r.bytesIn, 0)).toBeLessThan(2048);
  });

  it('still sees a kept task that was lowered', async () => {
    at.site.clock.advance(60);
    await conduit(
      at.site,
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
