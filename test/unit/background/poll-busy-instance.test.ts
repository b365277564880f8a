// A poll's cost follows what changed among the tasks Steward keeps, not the instance's activity: on a busy
// Phorge (Wikimedia's sees thousands of task edits a day), the search for kept tasks that left UBN! names
// them, so the tasks other people edited meanwhile are not downloaded.
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
  const searches = site.requests.conduitCalls('maniphest.search');
  return { searches: searches.length, bytes: searches.reduce((n, r) => n + r.bytesOut, 0) };
}

beforeAll(async () => {
  site = await ubnStandin(10);
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

describe('a poll of a busy instance where no kept task changed', () => {
  it('does not download the unrelated non-UBN! tasks others edited in the window', async () => {
    const quiet = await poll(300);
    // Between two polls, colleagues file and edit 150 ordinary (Normal) tasks nobody here watches.
    site.clock.advance(60);
    for (let i = 0; i < 150; i++)
      await conduit(
        site,
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
    const busy = await poll(240);
    // None of those 150 tasks is kept, watched or ever was: the poll should cost what a quiet one does.
    expect(busy.bytes).toBeLessThan(quiet.bytes * 2 + 2000);
    expect(busy.searches).toBe(quiet.searches);
  });
});
