// A settings file with a great many problems (100,000 bad override entries, 1.1 MB) is refused with its
// first 50 problems and how many more: not a hundred thousand list items in an alert region, which a screen
// reader would start reading out and which would keep the page busy for seconds.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { INSTANCE } from '../../fixtures/views/people';
import { configuredSettings, registryStatus, settingsViewOf } from '../../fixtures/views/settings';
import { loaded, mountOptions, section, unmountOptions } from './harness';

afterEach(unmountOptions);

describe('importing a file with a great many problems', () => {
  it('lists a bounded number of them and counts the rest', async () => {
    const w = fakeWorker({
      'settings/get': ok(settingsViewOf(configuredSettings(), { [INSTANCE]: true })),
      'registry/status': ok(registryStatus),
      'settings/import': ok(null),
    });
    const options = mountOptions(w);
    await loaded(options);
    const sharing = section(options.root, 'sharing');
    const parts: string[] = [];
    for (let i = 0; i < 100_000; i++) parts.push(`"c${i}":0`);
    const content = `{"version":1,"registry":{"overrides":{${parts.join(',')}}}}`;
    const input = sharing.querySelector<HTMLInputElement>('input[type="file"]')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'steward-settings.json', { type: 'application/json' }));
    input.files = transfer.files;
    const started = performance.now();
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const alert = await vi.waitFor(
      () => sharing.querySelector('[data-state="import-failed"]') ?? Promise.reject(new Error('not yet')),
      { timeout: 60_000 },
    );
    const items = alert.querySelectorAll('li').length;
    console.log(`import refused after ${Math.round(performance.now() - started)} ms with ${items} items`);
    expect(items).toBeLessThanOrEqual(51);
  }, 90_000);
});
