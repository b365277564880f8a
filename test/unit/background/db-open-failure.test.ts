// One IndexedDB open that fails (Chromium's passing "Internal error opening backing store") does not leave
// the worker without its database: the next use opens it again.
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { readToken, writeToken } = await import('../../../src/background/secrets');

describe('an IndexedDB open that fails once', () => {
  it('does not leave the worker without its database for the rest of its life', async () => {
    // A database that exists at version 5 opened at version 1 fails asynchronously, as a failed open does.
    (await openDB('steward-failing-open', 5)).close();
    const factory = globalThis.indexedDB;
    const open = factory.open.bind(factory);
    let failures = 1;
    const spy = vi.spyOn(factory, 'open').mockImplementation((name: string, version?: number) => {
      if (failures-- > 0) return open('steward-failing-open', 1);
      return open(name, version);
    });
    await expect(readToken('https://phab.example.org')).rejects.toBeTruthy();
    spy.mockRestore();
    // The disk is fine again a moment later: the user's next action works.
    await expect(
      writeToken('https://phab.example.org', 'api-abcdefghijklmnopqrstuvwxyz01'),
      'storing a token after the failed open',
    ).resolves.toBeUndefined();
    expect(await readToken('https://phab.example.org')).toBe('api-abcdefghijklmnopqrstuvwxyz01');
  });
});
