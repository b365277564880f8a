// The options page shows the token field for an instance as soon as its address is typed, before the
// Instances section is saved, and stores the token at once. Saving another section first must not delete
// it: only the token and state of an instance removed from the settings go.
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
const { readToken } = await import('../../../src/background/secrets');

const call = (type: string, request: Record<string, unknown> = {}) =>
  (handlers as unknown as Record<string, (r: unknown, s: unknown) => Promise<unknown>>)[type]!(
    { type, ...request },
    { kind: 'extension-page' },
  );

describe('a token stored for an instance still being added', () => {
  it('survives a save of another section made before the Instances section is saved', async () => {
    const saved = { version: 1, instances: [{ url: 'https://phab.one.example', authMode: 'session' }] };
    await call('settings/save', { settings: saved });
    // The user adds https://phab.two.example, chooses "API token" and stores one (not yet saved).
    await call('token/set', { instance: 'https://phab.two.example', token: 'api-newtoken123' });
    // Then saves the Watch section (use-options-store.ts save(): settings/get, change its part, settings/save).
    const view = (await call('settings/get')) as { settings: { watch: Record<string, unknown> } };
    await call('settings/save', {
      settings: { ...view.settings, watch: { ...view.settings.watch, allUbn: true } },
    });
    // Then saves the Instances section with the new instance.
    await call('settings/save', {
      settings: {
        ...view.settings,
        watch: { ...view.settings.watch, allUbn: true },
        instances: [...saved.instances, { url: 'https://phab.two.example', authMode: 'token' }],
      },
    });
    expect(await readToken('https://phab.two.example')).toBe('api-newtoken123');
  });
});
