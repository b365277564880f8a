// A refresh whose new copy cannot be stored (storage full: a registry that grew, an alias-heavy
// document that expands to a million values) must keep the last good copy, which is still intact in
// IndexedDB, rather than overwrite it with an entry that has no data. "Bad input gets a clear message
// and loses nothing."
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  return { default: createFakeBrowser().browser };
});

const { forgetRememberedRegistry, refreshRegistry, registryFor } =
  await import('../../../src/background/registry');
const { registryStatus } = await import('../../../src/background/registry-status');
const { parseSettings } = await import('../../../src/shared/settings');
const { db } = await import('../../../src/background/db');

function settingsWith(text: string) {
  const result = parseSettings({
    version: 1,
    registry: { sources: [{ kind: 'inline', id: 'team', name: 'Team registry', text }] },
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.settings;
}

const old = 'components:\n  - name: Login\n';
const grown = 'components:\n  - name: Login\n  - name: Search\n';

beforeEach(async () => {
  await (await db()).clear('registry');
  forgetRememberedRegistry();
});
afterEach(() => vi.restoreAllMocks());

describe('a new registry copy that cannot be stored', () => {
  it('keeps the last good copy in use, and says why the new one is not', async () => {
    await refreshRegistry(settingsWith(old));

    // Storage refuses the bigger copy (and only it): the browser's quota is reached.
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      const data = (value as { data?: { components?: unknown[] } | null }).data;
      if (this.name === 'registry' && (data?.components?.length ?? 0) > 1)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    });
    const settings = settingsWith(grown);
    await refreshRegistry(settings);
    vi.restoreAllMocks();

    // What a banner reads now, in this worker life and after a restart of the worker.
    const now = await registryFor(settings, []);
    expect(now.index?.registry.components.map((c) => c.name)).toEqual(['Login']);
    forgetRememberedRegistry();
    const afterRestart = await registryFor(settings, []);
    expect(afterRestart.index?.registry.components.map((c) => c.name)).toEqual(['Login']);
    const [source] = (await registryStatus(settings)).sources;
    expect(source?.error).toMatch(/could not be stored/);
    expect(source?.error).toMatch(/last good copy/);
  });
});
