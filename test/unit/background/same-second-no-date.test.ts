// Without a Date header (a proxy that drops it), the poll's window starts at the newest dateModified seen
// (inclusive), and that same second stands for when it read: a second edit to the same task in that
// second, made after the poll read its history, is read at the next poll.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';
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
const { parseSettings } = await import('../../../src/shared/settings');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');
const ALICE = TOKENS.alice;

let site: Standin;
let settings: ReturnType<typeof settingsFor>;

function settingsFor(origin: string) {
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: origin, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
    watch: { allUbn: true },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.settings;
}

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

const realFetch = globalThis.fetch;

async function edit(task: string, transactions: unknown[]): Promise<void> {
  const reply = await realFetch(`${site.url}/api/maniphest.edit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: task, transactions, __conduit__: { token: ALICE } }))}`,
  });
  const json = (await reply.json()) as { error_code: string | null };
  if (json.error_code) throw new Error(json.error_code);
}

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  settings = settingsFor(site.url);
  fake.current!.grant(site.url);
  await writeToken(site.url, ALICE);
  syncClock();
});

afterAll(() => site.close());

describe('replies without a Date header', () => {
  it('sees a second edit to the same task in the second its history was read', async () => {
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const reply = await realFetch(input, init);
      const headers = new Headers(reply.headers);
      headers.delete('date');
      return new Response(await reply.text(), { status: reply.status, headers });
    });
    try {
      await pollInstance(settings, site.url, { force: true });
      site.clock.advance(5);
      syncClock();
      await edit('T11', [{ type: 'comment', value: 'Looking into it.' }]);
      await pollInstance(settings, site.url, { force: true });
      // Same second, after that poll read T11's history.
      await edit('T11', [{ type: 'comment', value: 'Process owner: @alice' }]);
      site.clock.advance(30);
      syncClock();
      const { state } = await pollInstance(settings, site.url, { force: true });
      expect(state.rows.find((r) => r.task.id === 11)?.processOwner?.person?.username).toBe('alice');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
