// An action that removes the control under the keyboard's focus (Store token, Grant access, Remove an
// instance) moves the focus to what takes its place, so a keyboard or screen-reader user is not sent
// back to the top of the page.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { Settings } from '../../../src/shared/settings';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { INSTANCE } from '../../fixtures/views/people';
import { configuredSettings, registryStatus, settingsViewOf } from '../../fixtures/views/settings';
import { buttonIn, field, loaded, mountOptions, section, text, unmountOptions } from './harness';

const TOKEN = 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc';

afterEach(unmountOptions);

async function open(settings: Settings, tokens: Record<string, boolean> = {}) {
  const w = fakeWorker({
    'settings/get': ok(settingsViewOf(settings, tokens)),
    'settings/save': ok(null),
    'registry/status': ok(registryStatus),
    'token/set': ok({ stored: true }),
  });
  const options = mountOptions(w);
  await loaded(options);
  return section(options.root, 'instances');
}

describe('focus after an action that removes the focused control', () => {
  it('Store token with Enter in the token field: the Replace button takes the focus', async () => {
    const instances = await open(configuredSettings());
    field(instances, /^API token$/).focus();
    await userEvent.keyboard(TOKEN);
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(instances.querySelector('[data-token="stored"]')).not.toBeNull());
    expect(document.activeElement).toBe(buttonIn(instances, /^Replace/));
  });

  it('Replace, then Cancel: the focus goes to the token field, then back to Replace', async () => {
    const instances = await open(configuredSettings(), { [INSTANCE]: true });
    buttonIn(instances, /^Replace/).focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(document.activeElement).toBe(field(instances, /^API token$/)));
    buttonIn(instances, /^Cancel/).focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(document.activeElement).toBe(buttonIn(instances, /^Replace/)));
  });

  it('Grant access from the keyboard: the access line takes the focus once access is granted', async () => {
    const instances = await open(configuredSettings());
    await vi.waitFor(() => expect(() => buttonIn(instances, /Grant access/)).not.toThrow());
    buttonIn(instances, /Grant access/).focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() =>
      expect(text(instances.querySelector('.access'))).toBe(`Steward may read ${INSTANCE}.`),
    );
    expect(document.activeElement).toBe(instances.querySelector('.access [role="status"]'));
  });

  it("Remove an instance from the keyboard: the next card's address takes the focus", async () => {
    const settings = configuredSettings();
    settings.instances.push({ url: 'https://phorge.example.org', authMode: 'session' });
    const instances = await open(settings);
    buttonIn(instances, /Remove http:\/\/127\.0\.0\.1:8081/).focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(instances.querySelectorAll('fieldset.card')).toHaveLength(1));
    const address = field<HTMLInputElement>(instances, /^Address$/);
    expect(address.value).toBe('https://phorge.example.org');
    expect(document.activeElement).toBe(address);
  });

  it('Remove the last instance: Add an instance takes the focus', async () => {
    const instances = await open(configuredSettings());
    buttonIn(instances, /Remove http:\/\/127\.0\.0\.1:8081/).focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(instances.querySelectorAll('fieldset.card')).toHaveLength(0));
    expect(document.activeElement).toBe(buttonIn(instances, /Add an instance/));
  });
});
