// Edits live only in the options page until their section is saved: leaving the page with an edit not
// saved asks first (beforeunload), and a saved page leaves without asking.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defaultSettings } from '../../../src/shared/settings';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { registryStatus, settingsViewOf } from '../../fixtures/views/settings';
import { buttonIn, field, loaded, mountOptions, section, text, unmountOptions } from './harness';

afterEach(unmountOptions);

function leave(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('leaving the options page', () => {
  it('with an unsaved instance address: the browser asks first; once saved, it does not', async () => {
    const w = fakeWorker({
      'settings/get': ok(settingsViewOf(defaultSettings())),
      'settings/save': ok(null),
      'registry/status': ok(registryStatus),
    });
    const options = mountOptions(w);
    await loaded(options);
    expect(leave()).toBe(false);
    const instances = section(options.root, 'instances');
    await userEvent.click(buttonIn(instances, /Add an instance/));
    await userEvent.type(field(instances, /^Address$/), 'phabricator.example.org');
    await vi.waitFor(() => expect(leave()).toBe(true));
    await userEvent.click(buttonIn(instances, /Save instances/));
    await vi.waitFor(() => expect(text(instances.querySelector('.save-status'))).toBe('Saved'));
    await vi.waitFor(() => expect(leave()).toBe(false));
  });

  it('with an unsaved notification setting: the browser asks first', async () => {
    const w = fakeWorker({
      'settings/get': ok(settingsViewOf(defaultSettings())),
      'registry/status': ok(registryStatus),
    });
    const options = mountOptions(w);
    await loaded(options);
    await userEvent.click(
      field(section(options.root, 'notifications'), /Show reminders as browser notifications/),
    );
    await vi.waitFor(() => expect(leave()).toBe(true));
  });
});
