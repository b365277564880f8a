// The worker's registry refresh: a document that fails is stored with its problems and not parsed
// again until it changes; an unchanged good document is not parsed again either; a banner's lookup
// is answered from the last good copy while a refresh is pending.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import type * as ParseModule from '../../../src/core/registry/parse';

const parsed = vi.hoisted(() => ({ count: 0 }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  return { default: createFakeBrowser().browser };
});
vi.mock('../../../src/core/registry/parse', async (importOriginal) => {
  const original = await importOriginal<typeof ParseModule>();
  return {
    ...original,
    parseRegistryTextSteps: (...args: Parameters<typeof original.parseRegistryTextSteps>) => {
      parsed.count++;
      return original.parseRegistryTextSteps(...args);
    },
  };
});

const { forgetRememberedRegistry, refreshRegistry, registryFor } =
  await import('../../../src/background/registry');
const { registryStatus } = await import('../../../src/background/registry-status');
const { parseSettings } = await import('../../../src/shared/settings');
const { db } = await import('../../../src/background/db');

const example = readFileSync(new URL('../../fixtures/registry/example.yaml', import.meta.url), 'utf8');

/** Nine levels of ten aliases: a billion values from a few hundred bytes. */
function billionLaughs(): string {
  const levels = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 9; i++)
    levels.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return levels.join('\n');
}

function settingsWith(text: string) {
  const result = parseSettings({
    version: 1,
    registry: { sources: [{ kind: 'inline', id: 'team', name: 'Team registry', text }] },
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.settings;
}

beforeEach(async () => {
  parsed.count = 0;
  await (await db()).clear('registry');
  forgetRememberedRegistry();
});

describe('registry refresh in the worker', () => {
  it('stores and shows a refused document, and does not parse it again until it changes', async () => {
    const bomb = settingsWith(billionLaughs());
    await refreshRegistry(bomb);
    expect(parsed.count).toBe(1);
    const status = await registryStatus(bomb);
    expect(status.sources[0]).toMatchObject({
      error: 'Team registry did not validate; it is not used',
      problems: [expect.stringMatching(/^line 6:\d+: the document expands to more than 1,000,000 values/)],
    });

    await refreshRegistry(bomb);
    await refreshRegistry(bomb, true);
    expect(parsed.count).toBe(1);

    const fixed = settingsWith(example);
    await refreshRegistry(fixed);
    expect(parsed.count).toBe(2);
    expect((await registryStatus(fixed)).sources[0]).toMatchObject({ error: null });
  });

  it('does not parse an unchanged good document again', async () => {
    const settings = settingsWith(example);
    await refreshRegistry(settings);
    await refreshRegistry(settings, true);
    expect(parsed.count).toBe(1);
    const { index } = await registryFor(settings, []);
    expect(index?.registry.components.length).toBeGreaterThan(0);
  });

  it('answers from the last good copy while a new source is still loading', async () => {
    const settings = settingsWith(example);
    await refreshRegistry(settings);
    const more = parseSettings({
      ...settings,
      registry: {
        ...settings.registry,
        sources: [
          ...settings.registry.sources,
          { kind: 'url', id: 'slow', name: 'Slow', url: 'https://registry.example.org/slow.yaml' },
        ],
      },
    });
    if (!more.ok) throw new Error(more.errors.join('\n'));
    let release!: (r: Response) => void;
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation(() => new Promise<Response>((resolve) => (release = resolve)));
    const answer = await registryFor(more.settings, []);
    expect(answer.index?.registry.components.length).toBeGreaterThan(0);
    expect(answer.sources.map((s) => s.name)).toEqual(['Team registry']);
    await vi.waitFor(() => expect(fetchSpy).toHaveBeenCalled());
    release(new Response('components: []'));
    fetchSpy.mockRestore();
  });
});

describe('the kept registry index', () => {
  it('is built again for another project list of the same length (another instance, a renamed project)', async () => {
    const { registryIndex } = await import('../../../src/background/registry');
    const settings = settingsWith(example);
    await refreshRegistry(settings);
    const stored = await (await db()).getAll('registry');
    const auth = (phid: string, name: string) => [
      { id: 1, phid, name, slug: name.toLowerCase() },
      { id: 2, phid: 'PHID-PROJ-other', name: 'Other', slug: 'other' },
    ];
    const first = registryIndex(settings, stored, auth('PHID-PROJ-a', 'MediaWiki-Authentication'));
    const second = registryIndex(settings, stored, auth('PHID-PROJ-b', 'MediaWiki-Authentication'));
    expect(first?.componentsByProject.has('PHID-PROJ-a')).toBe(true);
    expect(second?.componentsByProject.has('PHID-PROJ-b')).toBe(true);
    expect(second?.componentsByProject.has('PHID-PROJ-a')).toBe(false);
  });
});

describe('the registry a page view reads', () => {
  it('comes from IndexedDB once per worker life, and a refresh that changed it is what the next view sees', async () => {
    const settings = settingsWith(example);
    await refreshRegistry(settings);
    forgetRememberedRegistry();
    const reads = vi.spyOn(IDBObjectStore.prototype, 'get');
    const first = await registryFor(settings, []);
    await registryFor(settings, []);
    await registryFor(settings, []);
    expect(reads.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'registry')).toHaveLength(
      1,
    );
    reads.mockRestore();

    const edited = settingsWith(`${example}\n# edited\n`);
    await refreshRegistry(edited);
    const after = await registryFor(edited, []);
    expect(after.basis).not.toBe(first.basis);
  });
});
