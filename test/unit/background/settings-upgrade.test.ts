// Settings an earlier build of the same settings version (1) stored and validated survive the upgrade to
// this build. Commit 7832af0 made registry source addresses stricter (http(s) only, no credentials, no
// localhost or private hosts unless an instance lives there): a stored source it refuses is set aside,
// and the user's instances, rules, thresholds and tokens are kept, also across the next save.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { readSettings } = await import('../../../src/background/settings-store');
const { handlers } = await import('../../../src/background/handlers');
const { writeToken, readToken } = await import('../../../src/background/secrets');
const storage = () => fake.current!.browser.storage.local;

const INSTANCE = 'https://phabricator.example.org';

// Valid under the schema before 7832af0 (registry url: z.string().url()), same version number.
function storedByOlderBuild(sourceUrl: string) {
  return {
    version: 1,
    instances: [{ url: INSTANCE, authMode: 'token' }],
    registry: {
      sources: [{ kind: 'url', id: 'team', name: 'Team registry', url: sourceUrl, enabled: true }],
      overrides: { CentralAuth: ['centralauth'] },
      refreshHours: 6,
    },
    watch: { allUbn: true, projects: ['MediaWiki-Core'], myComponents: true },
    thresholds: {
      noProcessOwnerHours: 1,
      notAcknowledgedHours: 4,
      ownerSilentHours: 24,
      escalationWarningDays: 3,
      escalationCriticalDays: 7,
    },
    notifications: { enabled: true, rules: {}, quietHours: { enabled: false, start: '22:00', end: '08:00' } },
    pollMinutes: 10,
  };
}

const call = (type: string, request: Record<string, unknown> = {}) =>
  (handlers as unknown as Record<string, (r: unknown, s: unknown) => Promise<unknown>>)[type]!(
    { type, ...request },
    { kind: 'extension-page' },
  );

describe('settings stored by an older build of settings version 1', () => {
  beforeEach(async () => {
    await storage().remove('settings');
    await storage().remove('settings.unreadable');
  });

  for (const url of [
    'http://localhost:8080/owners.json',
    'https://registry.corp.internal/owners.yaml',
    'https://bot:secret@git.example.org/raw/owners.yaml',
  ]) {
    it(`keep the user's instances and choices when one registry source (${url}) no longer validates`, async () => {
      // The pre-7832af0 rule for this field accepted it.
      expect(z.string().url().safeParse(url).success).toBe(true);
      await storage().set({ settings: storedByOlderBuild(url) });
      const settings = await readSettings();
      // What the user set must still be there after the upgrade (the offending source may be dropped
      // or disabled, but not everything else).
      expect(settings.instances.map((i) => i.url)).toEqual([INSTANCE]);
      expect(settings.pollMinutes).toBe(10);
      expect(settings.watch.allUbn).toBe(true);
      expect(settings.registry.overrides).toEqual({ CentralAuth: ['centralauth'] });
    });
  }

  it('are not destroyed (with the instance token) by the next save from the options page', async () => {
    await storage().set({ settings: storedByOlderBuild('http://localhost:8080/owners.json') });
    await writeToken(INSTANCE, 'api-secrettoken');
    // The options page: settings/get, change one section, settings/save (use-options-store.ts save()).
    const view = (await call('settings/get')) as { settings: Record<string, unknown> };
    const changed = { ...view.settings, pollMinutes: 15 };
    await call('settings/save', { settings: changed });
    const stored = (await storage().get(['settings', 'settings.unreadable'])) as Record<string, unknown>;
    const kept =
      (stored.settings as { instances: unknown[] }).instances.length > 0 || 'settings.unreadable' in stored;
    const token = await readToken(INSTANCE);
    expect({ kept, token }).toEqual({ kept: true, token: 'api-secrettoken' });
  });

  it('tell the options page what was left out, with the stored copy to repair, until the next save', async () => {
    const older = storedByOlderBuild('http://localhost:8080/owners.json');
    await storage().set({ settings: older });
    const view = (await call('settings/get')) as {
      unreadable?: { at: number; errors: string[]; copy: string | null };
    };
    expect(view.unreadable?.errors.join('\n')).toContain('registry.sources.0.url');
    expect(JSON.parse(view.unreadable?.copy ?? 'null')).toEqual(older);
    expect(view.unreadable?.at).toBeGreaterThan(1_700_000_000);
    const saved = (await call('settings/save', {
      settings: { ...(view as unknown as { settings: object }).settings, pollMinutes: 15 },
    })) as { unreadable?: unknown };
    expect(saved.unreadable).toBeUndefined();
    expect(((await call('settings/get')) as { unreadable?: unknown }).unreadable).toBeUndefined();
  });
});
