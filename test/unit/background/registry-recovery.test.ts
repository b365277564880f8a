// A registry source that goes good -> bad -> good -> bad again says, the second time too, that it did not
// validate (and that the last good copy is used); once it recovers, it lists the good document's
// warnings, not the bad one's problems.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  return { default: createFakeBrowser().browser };
});

const { forgetRememberedRegistry, refreshRegistry, registryFor } =
  await import('../../../src/background/registry');
const { registryStatus } = await import('../../../src/background/registry-status');
const { parseSettings } = await import('../../../src/shared/settings');
const { db } = await import('../../../src/background/db');

const good = readFileSync(new URL('../../fixtures/registry/example.yaml', import.meta.url), 'utf8');
const bad = 'components:\n  - name: X\n    critical: maybe\n';

function settingsWith(text: string) {
  const result = parseSettings({
    version: 1,
    registry: { sources: [{ kind: 'inline', id: 'team', name: 'Team registry', text }] },
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.settings;
}

beforeEach(async () => {
  await (await db()).clear('registry');
  forgetRememberedRegistry();
});

describe('a registry source that breaks, recovers and breaks again', () => {
  it('shows no leftover problems once the good document is back', async () => {
    await refreshRegistry(settingsWith(good));
    await refreshRegistry(settingsWith(bad));
    const broken = (await registryStatus(settingsWith(bad))).sources[0]!;
    expect(broken.error).toBe('Team registry did not validate; the last good copy is used');
    expect(broken.problems.length).toBeGreaterThan(0);

    await refreshRegistry(settingsWith(good));
    const recovered = (await registryStatus(settingsWith(good))).sources[0]!;
    expect(recovered.error).toBeNull();
    // The problems listed are those of the document that is no longer served.
    expect(recovered.problems).toEqual([]);
  });

  it('says so again when the same broken document comes back', async () => {
    await refreshRegistry(settingsWith(good));
    await refreshRegistry(settingsWith(bad));
    await refreshRegistry(settingsWith(good));
    await refreshRegistry(settingsWith(bad));
    const status = (await registryStatus(settingsWith(bad))).sources[0]!;
    expect(status.error).toBe('Team registry did not validate; the last good copy is used');
    expect(status.stale).toBe(true);
    const { sources } = await registryFor(settingsWith(bad), []);
    expect(sources[0]).toMatchObject({ stale: true });
  });
});
