// What the worker knows about an instance (vocabulary, projects, viewer) is read from IndexedDB once per
// worker life and follows every write: a page view answered from the cache does not read the instance's
// project list (thousands on a large instance) again.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { ConduitClient } from '../../../src/phabricator/conduit';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  return { default: createFakeBrowser().browser };
});

const { cachedInstance, forgetInstance, forgetRememberedInstances, projects, vocabulary } =
  await import('../../../src/background/metadata');

const ORIGIN = 'https://phab.example.org';
const client = {
  priorities: async () => [{ value: 100, name: 'Unbreak Now!', keywords: ['unbreak'] }],
  statuses: async () => [{ value: 'open', name: 'Open', closed: false }],
  searchProjects: async () => [{ id: 1, phid: 'PHID-PROJ-1', name: 'CentralAuth', slug: 'centralauth' }],
} as unknown as ConduitClient;

describe('the cached instance', () => {
  it('follows every write, and is read from IndexedDB once', async () => {
    expect(await cachedInstance(ORIGIN)).toBeUndefined();
    await vocabulary(ORIGIN, client);
    await projects(ORIGIN, client);
    forgetRememberedInstances();
    const reads = vi.spyOn(IDBObjectStore.prototype, 'get');
    for (let i = 0; i < 3; i++) {
      const entry = await cachedInstance(ORIGIN);
      expect(entry?.vocabulary?.priorities[0]?.name).toBe('Unbreak Now!');
      expect(entry?.projects?.map((p) => p.name)).toEqual(['CentralAuth']);
    }
    expect(
      reads.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'instances'),
    ).toHaveLength(1);
    reads.mockRestore();
  });

  it('is gone once the instance is forgotten', async () => {
    await vocabulary(ORIGIN, client);
    await forgetInstance(ORIGIN);
    expect(await cachedInstance(ORIGIN)).toBeUndefined();
    forgetRememberedInstances();
    expect(await cachedInstance(ORIGIN)).toBeUndefined();
  });
});
