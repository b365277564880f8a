// Importing a team's settings file that does not list an instance the user configured keeps that
// instance, with its API token and everything kept for it: an import never removes an instance the file
// merely does not name (an instance is removed from its card).
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

const optionsPage = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};
const MINE = 'https://phorge.my-team.example';
const TOKEN = 'api-abcdefghijklmnopqrstuvwxyz01';

describe('importing a team settings file', () => {
  it('keeps the API token the user stored ("Stored API tokens stay as they are")', async () => {
    await handlers['settings/save'](
      {
        type: 'settings/save',
        settings: { version: 1, instances: [{ url: MINE, authMode: 'token' }] },
      } as never,
      optionsPage as never,
    );
    await writeToken(MINE, TOKEN);
    const teamFile = JSON.stringify({
      version: 1,
      instances: [{ url: 'https://phabricator.wikimedia.org', authMode: 'session' }],
      pollMinutes: 10,
    });
    await handlers['settings/import'](
      { type: 'settings/import', document: teamFile } as never,
      optionsPage as never,
    );
    expect(await readToken(MINE)).toBe(TOKEN);
  });
});
