// A settings file whose two registry sources share an id (a source block copied in a shared file): each
// source's copy is kept under its id, so the file is refused with the id named rather than one team's
// registry silently dropped.
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
const { readSettings } = await import('../../../src/background/settings-store');

const optionsPage = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};

const doc = (component: string, team: string) =>
  JSON.stringify({
    people: [{ username: `${team.toLowerCase()}-lead`, name: `${team} Lead` }],
    teams: [{ name: team, members: [`${team.toLowerCase()}-lead`] }],
    components: [{ name: component, stewards: [team] }],
  });

describe('an imported settings file with two registry sources of one id', () => {
  it('is refused with the id named, and changes nothing', async () => {
    const file = {
      version: 1,
      registry: {
        sources: [
          { kind: 'inline', id: 'team', name: 'Payments registry', text: doc('Payments', 'Fintech') },
          { kind: 'inline', id: 'team', name: 'Search registry', text: doc('Search', 'Discovery') },
        ],
      },
    };
    await expect(
      handlers['settings/import'](
        { type: 'settings/import', document: JSON.stringify(file) } as never,
        optionsPage as never,
      ),
    ).rejects.toThrow(/"team" is the id of another registry source/);
    // Nothing of the file was taken: the settings are as they were.
    expect((await readSettings()).registry.sources).toEqual([]);
  });
});
