// The worker reads its settings for every message it answers (a page view twice). The parsed document is
// kept, so a page view costs no storage read and no parse; a change, made here or anywhere else, is what
// the next read sees; unreadable settings still fall back to defaults and keep the bad copy.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { readSettings, writeSettings } = await import('../../../src/background/settings-store');
const storage = () => fake.current!.browser.storage.local;

const document = (url: string) => ({ version: 1, instances: [{ url, authMode: 'token' }] });

beforeEach(async () => {
  await writeSettings(document('https://phab.one.example'));
});

describe('the settings the worker reads', () => {
  it('are read from storage once, then kept', async () => {
    await readSettings();
    const get = vi.spyOn(storage(), 'get');
    const first = await readSettings();
    const again = await readSettings();
    expect(again).toBe(first);
    expect(get).not.toHaveBeenCalled();
    get.mockRestore();
  });

  it('follow a write made through Steward', async () => {
    await readSettings();
    await writeSettings(document('https://phab.two.example'));
    expect((await readSettings()).instances.map((i) => i.url)).toEqual(['https://phab.two.example']);
  });

  it('follow a change made to storage from elsewhere', async () => {
    await readSettings();
    await storage().set({ settings: document('https://phab.three.example') });
    expect((await readSettings()).instances.map((i) => i.url)).toEqual(['https://phab.three.example']);
  });

  it('fall back to defaults when unreadable, keep the bad copy, and read the repair', async () => {
    await storage().set({ settings: { version: 1, instances: [{ url: 'javascript:alert(1)' }] } });
    expect((await readSettings()).instances).toEqual([]);
    const kept = (await storage().get('settings.unreadable'))['settings.unreadable'] as { errors: string[] };
    expect(kept.errors.join('\n')).toContain('instances.0.url');
    await writeSettings(document('https://phab.one.example'));
    expect((await readSettings()).instances.map((i) => i.url)).toEqual(['https://phab.one.example']);
  });

  it('are asked again after a read that failed', async () => {
    const get = vi.spyOn(storage(), 'get').mockRejectedValueOnce(new Error('storage is gone'));
    await storage().set({ settings: document('https://phab.four.example') });
    await expect(readSettings()).rejects.toThrow('storage is gone');
    expect((await readSettings()).instances.map((i) => i.url)).toEqual(['https://phab.four.example']);
    get.mockRestore();
  });
});
