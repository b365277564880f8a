// Importing a JSON file that is not a Steward settings file (no `version`: a team's registry.json, a
// package.json, `{}`) is refused and changes nothing: read as a document from before versioning it would
// replace every setting with the defaults, and the worker would forget every instance and its token.
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
const { readToken, writeToken } = await import('../../../src/background/secrets');
const { readSettings } = await import('../../../src/background/settings-store');
const { parseSettingsDocument } = await import('../../../src/shared/settings');

const optionsPage = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};
const ORIGIN = 'https://phab.example.org';
const TOKEN = 'api-abcdefghijklmnopqrstuvwxyz01';

// The owners registry a team keeps as JSON next to its settings file (README: "One JSON or YAML document").
const REGISTRY_JSON = JSON.stringify({
  people: [{ username: 'alice', name: 'Alice Anderson' }],
  teams: [{ name: 'Platform Team', members: ['alice'] }],
  components: [{ name: 'CentralAuth', critical: true, stewards: ['Platform Team'] }],
});

describe('importing a JSON file that is not a settings file', () => {
  it('is refused by the options page check (no version)', () => {
    expect(parseSettingsDocument(JSON.parse(REGISTRY_JSON)).ok).toBe(false);
    expect(parseSettingsDocument({}).ok).toBe(false);
    expect(parseSettingsDocument({ version: '2' }).ok).toBe(false);
  });

  it('is refused by the worker and leaves the instance and its token in place', async () => {
    await handlers['settings/save'](
      {
        type: 'settings/save',
        settings: { version: 1, instances: [{ url: ORIGIN, authMode: 'token' }], watch: { allUbn: true } },
      } as never,
      optionsPage as never,
    );
    await writeToken(ORIGIN, TOKEN);

    let refused = false;
    try {
      await handlers['settings/import'](
        { type: 'settings/import', document: REGISTRY_JSON } as never,
        optionsPage as never,
      );
    } catch {
      refused = true;
    }
    const after = await readSettings();
    const token = await readToken(ORIGIN);
    expect({
      refused,
      instances: after.instances.map((i) => i.url),
      allUbn: after.watch.allUbn,
      token,
    }).toEqual({
      refused: true,
      instances: [ORIGIN],
      allUbn: true,
      token: TOKEN,
    });
  });
});
