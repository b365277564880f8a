// A read of Phabricator already running, joined by a later ask whose page shows more than that read will
// bring: the user declares a process owner while the banner's earlier read is on its way, the page redraws
// and its banner asks again with the newer transaction. The joined read's answer stands only if the cache
// then holds what the page shows; otherwise the task is read once more.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PageFacts } from '../../../src/messages';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import { pageFactsOf } from './page-facts-of';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  const fake = createFakeBrowser();
  (globalThis as { fakeBrowser?: unknown }).fakeBrowser = fake;
  return { default: fake.browser };
});

const { answerContext } = await import('../../../src/background/context-answer');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { clientFor } = await import('../../../src/background/instance-client');
const { parseSettings } = await import('../../../src/shared/settings');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');

let site: Standin;
let settings: Parameters<typeof answerContext>[0];

const pageOf = (task: number) => pageFactsOf(site, task);

async function comment(task: string, text: string): Promise<void> {
  await fetch(`${site.url}/api/maniphest.edit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: task, transactions: [{ type: 'comment', value: text }], __conduit__: { token: TOKENS.alice } }))}`,
  });
}

// The first task search after `hold()` is answered by Phorge at once but reaches the worker only at release().
let gate: Promise<void> | null = null;
let release: () => void = () => undefined;
let arrived: Promise<void> = Promise.resolve();
let markArrived: () => void = () => undefined;
function hold(): void {
  gate = new Promise<void>((done) => (release = done));
  arrived = new Promise<void>((done) => (markArrived = done));
}
const connect = async () => {
  const client = await clientFor(settings, site.url);
  return new Proxy(client, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key === 'searchTasks')
        return async (...args: unknown[]) => {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          const waiting = gate;
          gate = null;
          if (waiting) {
            markArrived();
            await waiting;
          }
          return result;
        };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};

const ask = (taskId: number, page: PageFacts, settle = false) =>
  answerContext(settings, site.url, connect, { taskId, refresh: false, settle, page });

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  settings = parsed.settings;
  (globalThis as { fakeBrowser?: { grant(origin: string): void } }).fakeBrowser!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});

afterAll(() => site.close());

describe('the user declares a process owner while the banner’s earlier read is on its way', () => {
  it('the banner’s answer after the redraw holds the declaration its page shows', async () => {
    // Seen once; then someone comments elsewhere, so the next page view is newer than the cache.
    const page0 = await pageOf(14);
    const seen = await ask(14, page0);
    expect(gate).toBeNull();
    if (seen.pending) await ask(14, page0, true);
    await comment('T14', 'Still broken for me.');
    site.clock.advance(5);

    // The page loads: its banner asks; the read of the newer history starts (and is slow to arrive).
    hold();
    const page1 = await pageOf(14);
    const first = await ask(14, page1);
    expect(first.pending).toBe('history');
    const settle1 = ask(14, page1, true);
    // Phorge has answered that read (before the comment below); the answer is still on its way.
    await arrived;

    // Meanwhile the user declares themself process owner with the page's comment form; Phorge redraws the
    // timeline, and the banner asks again quietly with what the page shows now.
    site.clock.advance(5);
    await comment('T14', 'Process owner: @alice\n\nI am driving this.');
    const page2 = await pageOf(14);
    expect(page2.newestTransaction!).toBeGreaterThan(page1.newestTransaction!);
    const second = await ask(14, page2);
    const settle2 = second.pending ? ask(14, page2, true) : Promise.resolve(second);

    release();
    await settle1;
    const shown = await settle2;
    // What the banner shows after the redraw, as whole (no pending), must not be older than its page.
    expect(shown.pending).toBeUndefined();
    expect(shown.processOwner?.declaredAt, 'process owner declared on the page').not.toBeNull();
    expect(shown.processOwner?.person?.username).toBe('alice');
  });

  it('(the same ask made after the shared read ended is answered right: only the join is wrong)', async () => {
    const page = await pageOf(14);
    const again = await ask(14, page);
    const settled = again.pending ? await ask(14, page, true) : again;
    expect(settled.processOwner?.declaredAt).not.toBeNull();
  });
});
