// Host access can be taken away (or given) outside the options page, in the browser's site-access
// settings. The page looks again when the browser reports a permission change and when the user comes
// back to the tab, so it never claims access Steward no longer has.
import browser from 'webextension-polyfill';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserHostPermissions } from '../../../src/options/permissions';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { INSTANCE } from '../../fixtures/views/people';
import { configuredSettings, registryStatus, settingsViewOf } from '../../fixtures/views/settings';
import { buttonIn, loaded, mountOptions, section, text, unmountOptions } from './harness';

afterEach(unmountOptions);

async function openGranted() {
  const w = fakeWorker({
    'settings/get': ok(settingsViewOf(configuredSettings())),
    'registry/status': ok(registryStatus),
  });
  const options = mountOptions(w, [INSTANCE]);
  await loaded(options);
  const instances = section(options.root, 'instances');
  await vi.waitFor(() =>
    expect(text(instances.querySelector('.access'))).toBe(`Steward may read ${INSTANCE}.`),
  );
  return { options, instances };
}

describe('host access changed in the browser while the options page is open', () => {
  it('a permission change the browser reports: the page offers Grant access again', async () => {
    const { options, instances } = await openGranted();
    options.permissions.revoke(INSTANCE);
    await vi.waitFor(() =>
      expect(text(instances.querySelector('.access'))).toContain(`Steward may not read ${INSTANCE}`),
    );
    expect(() => buttonIn(instances, /Grant access/)).not.toThrow();
  });

  it('coming back to the tab: the page looks again', async () => {
    const { options, instances } = await openGranted();
    options.permissions.granted.delete(INSTANCE);
    window.dispatchEvent(new Event('focus'));
    await vi.waitFor(() =>
      expect(text(instances.querySelector('.access'))).toContain(`Steward may not read ${INSTANCE}`),
    );
    options.permissions.granted.add(INSTANCE);
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() =>
      expect(text(instances.querySelector('.access'))).toBe(`Steward may read ${INSTANCE}.`),
    );
  });
});

describe("the browser's permission events", () => {
  it('onChanged listens to permissions.onAdded and onRemoved, and stops when asked', () => {
    const added = new Set<() => void>();
    const removed = new Set<() => void>();
    const target = browser as unknown as Record<string, unknown>;
    target.permissions = {
      onAdded: {
        addListener: (f: () => void) => added.add(f),
        removeListener: (f: () => void) => added.delete(f),
      },
      onRemoved: {
        addListener: (f: () => void) => removed.add(f),
        removeListener: (f: () => void) => removed.delete(f),
      },
    };
    try {
      let heard = 0;
      const stop = browserHostPermissions.onChanged(() => (heard += 1));
      for (const f of removed) f();
      for (const f of added) f();
      expect(heard).toBe(2);
      stop();
      expect(added.size + removed.size).toBe(0);
    } finally {
      delete target.permissions;
    }
  });
});
