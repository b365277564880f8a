// The banner's content script is registered for granted instances to run before the page is parsed, so
// it can ask the worker for its cached answer while the page loads. A registration an older release made
// to run later, or without the banner's stylesheet script, is replaced on the next sync, not kept because
// its sites are the same.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from './fake-browser';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  const fake = createFakeBrowser();
  (globalThis as { fakeBrowser?: unknown }).fakeBrowser = fake;
  return { default: fake.browser };
});

const { syncContentScripts } = await import('../../../src/background/content-scripts');
const { writeSettings } = await import('../../../src/background/settings-store');
const { parseSettings } = await import('../../../src/shared/settings');
const fake = (globalThis as unknown as { fakeBrowser: FakeBrowser }).fakeBrowser;

const INSTANCE = 'https://phab.example.org';

beforeEach(async () => {
  fake.contentScripts.clear();
  const parsed = parseSettings({ version: 1, instances: [{ url: INSTANCE, authMode: 'token' }] });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  await writeSettings(parsed.settings);
  fake.grant(INSTANCE);
});

describe('syncContentScripts', () => {
  it('registers the banner for a granted instance, to run at document_start', async () => {
    expect(await syncContentScripts()).toEqual(['https://phab.example.org/*']);
    expect([...fake.contentScripts.values()]).toEqual([
      expect.objectContaining({
        matches: ['https://phab.example.org/*'],
        runAt: 'document_start',
        // The banner's stylesheet first, so content.js finds its text (no request, no link to wait for).
        js: ['banner-style.js', 'content.js'],
      }),
    ]);
  });

  it('replaces a registration made to run at document_end by an older release', async () => {
    fake.contentScripts.set('steward-task-page', {
      id: 'steward-task-page',
      matches: ['https://phab.example.org/*'],
      runAt: 'document_end',
    });
    await syncContentScripts();
    expect(fake.contentScripts.get('steward-task-page')?.runAt).toBe('document_start');
  });

  it('replaces a registration of content.js alone, made by an older release', async () => {
    fake.contentScripts.set('steward-task-page', {
      id: 'steward-task-page',
      js: ['content.js'],
      matches: ['https://phab.example.org/*'],
      runAt: 'document_start',
    });
    await syncContentScripts();
    expect(fake.contentScripts.get('steward-task-page')?.js).toEqual(['banner-style.js', 'content.js']);
  });

  it('leaves a registration that is already right alone', async () => {
    await syncContentScripts();
    const before = fake.contentScripts.get('steward-task-page');
    await syncContentScripts();
    expect(fake.contentScripts.get('steward-task-page')).toBe(before);
  });
});
