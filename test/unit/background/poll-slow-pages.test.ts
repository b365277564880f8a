// The next poll's window starts from Phorge's clock at the first page of the window's search, less the
// overlap: a task on page 1 that changed while later pages were read (a loaded server, a page retried)
// falls inside the next window rather than before it.
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
const realFetch = globalThis.fetch;

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

beforeAll(async () => {
  site = await ubnStandin(150);
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
});

afterAll(() => {
  globalThis.fetch = realFetch;
  return site.close();
});

describe('a full read whose search takes two slow pages', () => {
  it('a task closed between the pages is seen closed by the next poll', async () => {
    // The first page of the open UBN! search (T5150 … T5051) is answered at once; while the second is
    // on its way (90 s: a loaded server), someone closes T5150, a second after page 1 was served.
    let pages = 0;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      const body = typeof init?.body === 'string' ? decodeURIComponent(init.body) : '';
      const isUbnSearch = url.endsWith('/api/maniphest.search') && body.includes('"statuses"');
      if (isUbnSearch && ++pages === 2) {
        site.clock.advance(1);
        await conduit(
          site,
          'maniphest.edit',
          { objectIdentifier: 'T5150', transactions: [{ type: 'status', value: 'resolved' }] },
          TOKEN,
        );
        site.clock.advance(89);
      }
      return realFetch(input, init);
    }) as typeof fetch;
    let first;
    try {
      first = await pollInstance(settings, site.url, { force: true });
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(first.state.connection).toBe('ok');
    expect(pages).toBe(2);
    // The next scheduled poll, 5 minutes later.
    site.clock.advance(300);
    syncClock();
    const next = await pollInstance(settings, site.url, { force: true });
    expect(next.state.connection).toBe('ok');
    const row = next.state.rows.find((r) => r.task.id === 5150);
    // Closed three minutes ago: not listed as an open UBN! any more, and not counted by the deploy gate.
    expect(row === undefined || row.task.status.closed).toBe(true);
    expect(next.state.cache?.tasks.find((t) => t.id === 5150)?.ubnOpen ?? false).toBe(false);
  });
});
