// Stored settings the worker could not read: the options page says what was left out and offers the
// stored copy, so a user can repair it and import it instead of losing it at the next save.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { INSTANCE, NOW } from '../../fixtures/views/people';
import { configuredSettings, registryStatus, settingsViewOf } from '../../fixtures/views/settings';
import { loaded, mountOptions, text, unmountOptions } from './harness';

afterEach(unmountOptions);

const stored = { ...configuredSettings(), pollMinutes: 'often' };
const error = 'pollMinutes: Invalid input: expected number, received string';

async function open(copy: string | null) {
  const view = {
    ...settingsViewOf(configuredSettings(), { [INSTANCE]: true }),
    unreadable: { at: NOW - 3600, errors: [error], copy },
  };
  const options = mountOptions(
    fakeWorker({ 'settings/get': ok(view), 'registry/status': ok(registryStatus) }),
  );
  await loaded(options);
  return options.root.querySelector<HTMLElement>('[data-state="unreadable"]');
}

describe('unreadable stored settings', () => {
  it('are named with what was left out, and offered as a file to repair and import', async () => {
    const notice = await open(`${JSON.stringify(stored, null, 2)}\n`);
    expect(notice?.getAttribute('role')).toBe('alert');
    expect(text(notice)).toContain('Steward could not read all of its stored settings');
    expect(text(notice?.querySelector('li') ?? null)).toBe(error);
    const link = notice!.querySelector<HTMLAnchorElement>('a[download]')!;
    expect(link.download).toBe('steward-settings-unreadable.json');
    expect(JSON.parse(await (await fetch(link.href)).text())).toEqual(stored);
    expect(text(notice)).toContain('Saving any section replaces the stored copy');
  });

  it('say so when storage had no room for the copy', async () => {
    const notice = await open(null);
    expect(notice?.querySelector('a[download]')).toBeNull();
    expect(text(notice)).toContain('Storage had no room to keep a copy of them.');
  });

  it('show nothing when the stored settings were read', async () => {
    const options = mountOptions(
      fakeWorker({
        'settings/get': ok(settingsViewOf(configuredSettings(), { [INSTANCE]: true })),
        'registry/status': ok(registryStatus),
      }),
    );
    await loaded(options);
    expect(options.root.querySelector('[data-state="unreadable"]')).toBeNull();
  });
});
