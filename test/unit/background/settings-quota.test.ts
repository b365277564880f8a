// Unreadable stored settings do not brick the extension (settings-store.ts), even when storage has no
// room for the backup copy of the bad document (Chrome's storage.local quota is 10 MB without
// unlimitedStorage, which the manifest does not ask for): the read still answers.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { handlers } = await import('../../../src/background/handlers');
const local = () => fake.current!.browser.storage.local;

const QUOTA_BYTES = 10_485_760; // chrome.storage.local.QUOTA_BYTES
function enforceQuota() {
  const set = local().set.bind(local());
  vi.spyOn(local(), 'set').mockImplementation(async (items: Record<string, unknown>) => {
    let used = 0;
    for (const [k, v] of fake.current!.storage)
      if (!(k in items)) used += k.length + JSON.stringify(v).length;
    for (const [k, v] of Object.entries(items)) used += k.length + JSON.stringify(v).length;
    if (used > QUOTA_BYTES) throw new Error('QUOTA_BYTES quota exceeded');
    return set(items);
  });
}

const call = (type: string, request: Record<string, unknown> = {}) =>
  (handlers as unknown as Record<string, (r: unknown, s: unknown) => Promise<unknown>>)[type]!(
    { type, ...request },
    { kind: 'extension-page' },
  );

describe('unreadable settings near the storage.local quota', () => {
  it('still let the options page load (settings/get answers)', async () => {
    enforceQuota();
    const big = (n: number) => ({ kind: 'inline', id: `r${n}`, name: `R${n}`, text: 'x'.repeat(1_900_000) });
    // Fits the quota; one source fails today's schema (an internal host an older build accepted).
    await local().set({
      settings: {
        version: 1,
        instances: [{ url: 'https://phabricator.example.org', authMode: 'session' }],
        registry: {
          sources: [
            big(1),
            big(2),
            big(3),
            { kind: 'url', id: 'l', name: 'L', url: 'http://localhost:8080/o.json' },
          ],
        },
      },
    });
    await expect(call('settings/get')).resolves.toBeTruthy();
    // and not only once
    await expect(call('settings/get')).resolves.toBeTruthy();
  });
});
