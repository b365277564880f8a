// A full read caused by a settings or registry change (not only the 6-hourly one) reads the last poll's
// tasks that left the open list: stored as they are now, their open pages told, and the review page's
// cached list no longer shows them open.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';

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
const { viewedTask } = await import('../../../src/background/tasks');
const { reviewOpen } = await import('../../../src/background/review');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');

let site: Standin;
let settings: Parameters<typeof pollInstance>[0];

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

async function edit(task: string, transactions: unknown[]): Promise<void> {
  const reply = await fetch(`${site.url}/api/maniphest.edit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: task, transactions, __conduit__: { token: TOKENS.alice } }))}`,
  });
  const json = (await reply.json()) as { error_code: string | null };
  if (json.error_code) throw new Error(json.error_code);
}

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
    watch: { allUbn: true },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  settings = parsed.settings;
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  syncClock();
  await pollInstance(settings, site.url, { force: true });
  site.clock.advance(300);
  syncClock();
  await pollInstance(settings, site.url, { force: true });
});

afterAll(() => site.close());

describe('a task lowered between two polls when the settings changed meanwhile', () => {
  it('is stored as lowered, and its open pages told, by the full read the new settings cause', async () => {
    site.clock.advance(100);
    await edit('T14', [{ type: 'priority', value: 'normal' }]);
    site.clock.advance(200);
    syncClock();
    // The user changes a threshold in the options (or a registry refresh brings another document): the
    // next poll reads everything again (another basis), and its leftover search finds T14 lowered.
    const changed = parseSettings({
      version: 1,
      instances: [{ url: site.url, authMode: 'token' }],
      registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
      watch: { allUbn: true },
      thresholds: { noProcessOwnerHours: 3 },
    });
    if (!changed.ok) throw new Error(changed.errors.join('\n'));
    const next = await pollInstance(changed.settings, site.url, { force: true });
    expect(next.state.connection).toBe('ok');
    expect(next.state.rows.some((r) => r.task.id === 14)).toBe(false);
    const stored = (await viewedTask(site.url, 14))?.snapshot.priority.value;
    const review = await reviewOpen(changed.settings, site.url, false);
    const onReview = review.rows.some((r) => r.task.id === 14);
    expect({ moved: next.moved.includes(14), stored, onReview }).toEqual({
      moved: true,
      stored: 50,
      onReview: false,
    });
  });
});
