// One Phabricator listed twice in a settings file (or a save) is refused, naming it: the worker would poll
// it twice, listing every stale task twice in the popup and counting each blocking task twice in the gate.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';
import { TOKEN, emptyStandin, fileTask } from './growth-support';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { parseSettings } = await import('../../../src/shared/settings');
const { handlers } = await import('../../../src/background/handlers');
const { writeToken } = await import('../../../src/background/secrets');
const { setClockOffset } = await import('../../../src/background/clock');

const optionsPage = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};

let site: Standin;
beforeAll(async () => {
  site = await emptyStandin();
  await fileTask(site, 'Nobody can log in');
  site.clock.advance(3 * 3600); // past the first staleness rule: no process owner after 2 h
});
afterAll(() => site.close());

describe('one instance listed twice', () => {
  it('is refused by the settings schema, as two sources of one id are', () => {
    const result = parseSettings({
      version: 1,
      instances: [
        { url: 'https://phab.example.org', authMode: 'session' },
        { url: 'https://phab.example.org', authMode: 'token' },
      ],
    });
    expect(result.ok).toBe(false);
  });

  it('imported anyway, does not list each stale task twice or count it twice for the deploy gate', async () => {
    setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
    fake.current!.grant(site.url);
    await writeToken(site.url, TOKEN);
    const file = JSON.stringify({
      version: 1,
      instances: [
        { url: site.url, authMode: 'token' },
        { url: site.url, authMode: 'token' },
      ],
      watch: { allUbn: true },
    });
    let imported = true;
    try {
      await handlers['settings/import'](
        { type: 'settings/import', document: file } as never,
        optionsPage as never,
      );
    } catch {
      imported = false;
    }
    if (!imported) return; // refused: nothing more to check
    const view = (await handlers['poll/now']({ type: 'poll/now' } as never, optionsPage as never)) as {
      rows: { taskId?: number; id?: number }[];
      deployGate: { blocked: boolean; count: number };
    };
    expect({ rows: view.rows.length, gate: view.deployGate.count }).toEqual({ rows: 1, gate: 1 });
  });
});

describe('stored settings an earlier build kept with one instance listed twice', () => {
  it('are read with the first listing, the rest of the settings kept', async () => {
    const { withoutRefusedSources } = await import('../../../src/shared/settings');
    const url = 'https://phab.example.org';
    const stored = {
      version: 1,
      instances: [
        { url, authMode: 'token' },
        { url: `${url.replace('org', 'org.')}`, authMode: 'session' },
      ],
      pollMinutes: 7,
    };
    expect(parseSettings(stored).ok).toBe(false);
    const salvaged = parseSettings(withoutRefusedSources(stored));
    expect(salvaged.ok && salvaged.settings.instances).toEqual([{ url, authMode: 'token' }]);
    expect(salvaged.ok && salvaged.settings.pollMinutes).toBe(7);
  });
});
