// Importing settings from a file that fails, then trying again: the same file can be chosen again, and a
// file that cannot be read says so.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { INSTANCE } from '../../fixtures/views/people';
import { configuredSettings, registryStatus, settingsViewOf } from '../../fixtures/views/settings';
import { loaded, mountOptions, section, text, unmountOptions } from './harness';

afterEach(unmountOptions);

async function open() {
  const w = fakeWorker({
    'settings/get': ok(settingsViewOf(configuredSettings(), { [INSTANCE]: true })),
    'registry/status': ok(registryStatus),
    'settings/import': ok(null),
  });
  const options = mountOptions(w);
  await loaded(options);
  return { options, sharing: section(options.root, 'sharing') };
}

function choose(input: HTMLInputElement, file: File) {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('import', () => {
  it('lets the same file be chosen again after a failed import (the input is cleared)', async () => {
    const { sharing } = await open();
    const input = sharing.querySelector<HTMLInputElement>('input[type="file"]')!;
    choose(input, new File(['{ not json'], 'steward-settings.json', { type: 'application/json' }));
    await vi.waitFor(() => expect(sharing.querySelector('[data-state="import-failed"]')).not.toBeNull());
    // The browser fires no change event for a file input whose selection is unchanged: the user who fixed
    // the file and picks it again would see nothing happen unless the input was cleared.
    expect(input.value).toBe('');
  });

  it('does not stay on "Importing…" when the file cannot be read', async () => {
    const { sharing } = await open();
    const input = sharing.querySelector<HTMLInputElement>('input[type="file"]')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['{}'], 'steward-settings.json', { type: 'application/json' }));
    input.files = transfer.files;
    // What File.text() does when the file changed or went away on disk after it was chosen.
    Object.defineProperty(input.files![0]!, 'text', {
      value: () =>
        Promise.reject(new DOMException('The requested file could not be read', 'NotReadableError')),
    });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const status = Array.from(sharing.querySelectorAll('div[role="status"]')).at(-1)!;
    expect(text(status)).not.toMatch(/^Importing/);
    expect(sharing.querySelector('[data-state="import-failed"]')).not.toBeNull();
  });
});
