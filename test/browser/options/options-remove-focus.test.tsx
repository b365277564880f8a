// Options page: removing a registry source or an override from the keyboard keeps the focus in the
// registry section, on the next card or row (or the Add button).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { configuredSettings, registryStatus, settingsViewOf } from '../../fixtures/views/settings';
import { loaded, mountOptions, section, unmountOptions } from './harness';

afterEach(unmountOptions);

async function open() {
  const options = mountOptions(
    fakeWorker({
      'settings/get': ok(settingsViewOf(configuredSettings())),
      'settings/save': ok(null),
      'registry/status': ok(registryStatus),
      'registry/refresh': ok(null),
    }),
  );
  await loaded(options);
  await vi.waitFor(() => expect(options.root.querySelector('.coverage')).not.toBeNull());
  return section(options.root, 'registry');
}

const focusLost = () => document.activeElement === null || document.activeElement === document.body;

describe('removing registry entries from the keyboard', () => {
  it('removing a registry source from the keyboard keeps the focus in the registry section', async () => {
    const registry = await open();
    const cards = registry.querySelectorAll('fieldset.card');
    expect(cards.length).toBeGreaterThan(0);
    const remove = [...cards[0]!.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
      /remove/i.test(b.textContent ?? ''),
    )!;
    remove.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(registry.querySelectorAll('fieldset.card').length).toBe(cards.length - 1));
    expect(focusLost(), 'focus fell to <body> when the removed card took its button with it').toBe(false);
    expect(registry.contains(document.activeElement)).toBe(true);
    // The card that moved up into the removed one's place takes the focus, on its first field.
    expect(document.activeElement).toBe(registry.querySelector('fieldset.card input'));
  });

  it('removing an override from the keyboard keeps the focus in the overrides editor', async () => {
    const registry = await open();
    const rowsBefore = registry.querySelectorAll('.overrides tbody tr').length;
    expect(rowsBefore).toBeGreaterThan(0);
    const remove = registry.querySelector<HTMLButtonElement>('.overrides tbody tr button')!;
    remove.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() =>
      expect(registry.querySelectorAll('.overrides tbody tr').length).toBe(rowsBefore - 1),
    );
    expect(focusLost(), 'focus fell to <body> when the removed override took its button with it').toBe(false);
    expect(registry.contains(document.activeElement)).toBe(true);
    // The only override is gone: the Add button takes the focus.
    expect(rowsBefore).toBe(1);
    expect(document.activeElement?.textContent).toMatch(/add/i);
    expect(registry.querySelector('.overrides')!.contains(document.activeElement)).toBe(true);
  });
});
