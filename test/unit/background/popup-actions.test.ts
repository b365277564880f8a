// The popup's actions as the worker answers them, against the stand-in: the list the popup reads right
// after an action already shows it.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { writeSettings } = await import('../../../src/background/settings-store');
const { handlers } = await import('../../../src/background/handlers');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');

let site: Standin;
const popup = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/popup/popup.html',
  framedIn: null,
};

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  const saved = await writeSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
    watch: { allUbn: true },
  });
  if (!saved.ok) throw new Error(saved.errors.join('\n'));
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});

afterAll(() => site.close());

describe('unwatching a stale task from the popup', () => {
  it('takes it off the popup list at once, not at the next poll', async () => {
    const first = (await handlers['watchlist/get']({ type: 'watchlist/get', refresh: true }, popup)) as {
      rows: { task: { id: number }; stale: unknown[] }[];
    };
    const staleBefore = first.rows.filter((r) => r.stale.length > 0);
    const target = staleBefore.find((r) => r.task.id === 11) ?? staleBefore[0]!;

    await handlers['task/watch-on'](
      { type: 'task/watch-on', instance: site.url, taskId: target.task.id, watched: false },
      popup,
    );
    // The popup reads the list again after the action (Popup.tsx changed(): reload(false)).
    const after = (await handlers['watchlist/get']({ type: 'watchlist/get' }, popup)) as {
      rows: { task: { id: number } }[];
    };
    // The popup says "Stopped watching T11." and must not go on listing (and counting) it until the next poll.
    expect(after.rows.map((r) => r.task.id)).not.toContain(target.task.id);
  });
});

describe('assigning a process owner from the popup', () => {
  it('the list the popup reads right after the reply shows the new process owner', async () => {
    const before = (await handlers['watchlist/get']({ type: 'watchlist/get', refresh: true }, popup)) as {
      rows: {
        task: { id: number; dateModified: number };
        processOwner: { person?: { username: string } | null } | null;
      }[];
    };
    const t1 = before.rows.find((r) => r.task.id === 1)!;
    expect(t1.processOwner?.person?.username).not.toBe('bob');
    // Phorge answers searches at an ordinary network pace.
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'maniphest.search', kind: 'latency', ms: 200, times: 2 }),
    });
    await handlers['process-owner/assign'](
      {
        type: 'process-owner/assign',
        instance: site.url,
        taskId: 1,
        username: 'bob',
        note: 'Please drive this.',
        requestId: 'review-remind-assign-1',
      },
      popup,
    );
    // Popup.tsx assigned() -> changed() -> reload(false): the cached list, once.
    const after = (await handlers['watchlist/get']({ type: 'watchlist/get' }, popup)) as typeof before;
    const row = after.rows.find((r) => r.task.id === 1)!;
    expect(row.processOwner?.person?.username).toBe('bob');
  });
});
