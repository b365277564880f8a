// settings/save and settings/import are accepted only from the popup and the options page (router.ts), and
// the settings live in storage.local, which content scripts can read and write unless the worker keeps it
// to trusted contexts. The worker does so where the browser can (Chromium's storage.local.setAccessLevel;
// Firefox has no such setting yet), so a content script, which the design treats as untrusted, cannot
// turn reminders off, point the registry elsewhere or change instances by writing the store itself.
//
// The fake below models the browser: a content script's storage handle reaches the same storage.local
// unless the worker restricted it with storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }).
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null, restricted: false }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  const local = fake.current.browser.storage.local as Record<string, unknown>;
  local.setAccessLevel = async ({ accessLevel }: { accessLevel: string }) => {
    fake.restricted = accessLevel === 'TRUSTED_CONTEXTS';
  };
  return { default: fake.current.browser };
});

const { createRouter } = await import('../../../src/background/router');
const { handlers } = await import('../../../src/background/handlers');
const { readSettings } = await import('../../../src/background/settings-store');

const ID = 'steward-test';
const BASE = 'chrome-extension://steward-test/';
const contentSender = { id: ID, url: 'https://phab.example.org/T14', tab: { id: 7 }, frameId: 0 };
const optionsSender = { id: ID, url: `${BASE}options/options.html` };

/** What `browser.storage.local.set` does when a content script calls it. */
async function contentScriptWrites(items: Record<string, unknown>): Promise<void> {
  if (fake.restricted) throw new Error('Access to storage is not allowed from this context.');
  await fake.current!.browser.storage.local.set(items);
}

describe('settings written by a content script', () => {
  it('are not adopted by the worker: settings/save is refused to content scripts by the router, and storage must not be a side door', async () => {
    const route = createRouter({ extensionId: ID, extensionBaseUrl: BASE, handlers });
    const mine = {
      version: 1,
      instances: [{ url: 'https://phab.example.org', authMode: 'session' }],
      watch: { allUbn: true, projects: [], myComponents: true },
      notifications: {
        enabled: true,
        rules: {},
        quietHours: { enabled: false, start: '22:00', end: '08:00' },
      },
    };
    // The user saves from the options page.
    const saved = await route({ type: 'settings/save', settings: mine }, optionsSender as never);
    expect(saved.ok).toBe(true);

    // The router refuses the same request from a content script...
    const refused = await route(
      { type: 'settings/save', settings: { ...mine, notifications: { enabled: false } } },
      contentSender as never,
    );
    expect(refused.ok).toBe(false);

    // ...but the content script can write the store itself: reminders off, nothing watched, its own registry.
    await contentScriptWrites({
      settings: {
        ...mine,
        watch: { allUbn: false, projects: [], myComponents: false },
        notifications: {
          enabled: false,
          rules: {},
          quietHours: { enabled: false, start: '22:00', end: '08:00' },
        },
        registry: {
          sources: [{ kind: 'url', id: 'x', name: 'Owners', url: 'https://attacker.example/owners.yaml' }],
          overrides: {},
          refreshHours: 6,
        },
      },
    }).catch(() => undefined);

    const now = await readSettings();
    expect(now.notifications.enabled).toBe(true);
    expect(now.watch.allUbn).toBe(true);
    expect(now.registry.sources.map((s) => ('url' in s ? s.url : s.id))).not.toContain(
      'https://attacker.example/owners.yaml',
    );
  });
});
