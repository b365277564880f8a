// Removing an instance and saving gives back the site access Steward asked for it: otherwise its task pages
// would go on showing "Steward is not set up for this Phabricator", and nothing on the options page could
// revoke it. Access another instance on the same host still needs is kept.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defaultSettings } from '../../../src/shared/settings';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { registryStatus, settingsViewOf } from '../../fixtures/views/settings';
import { buttonIn, loaded, mountOptions, section, unmountOptions } from './harness';

afterEach(unmountOptions);

const KEPT = 'https://phabricator.wikimedia.org';
const GONE = 'https://phorge.example.org';

async function removeAndSave(instances: string[], granted: string[], remove: string) {
  const settings = defaultSettings();
  settings.instances = instances.map((url) => ({ url, authMode: 'session' as const }));
  const options = mountOptions(
    fakeWorker({
      'settings/get': ok(settingsViewOf(settings)),
      'settings/save': ok(null),
      'registry/status': ok(registryStatus),
    }),
    granted,
  );
  await loaded(options);
  const list = section(options.root, 'instances');
  const card = [...list.querySelectorAll('fieldset.card')].find((c) => c.textContent?.includes(remove))!;
  await userEvent.click(buttonIn(card as HTMLElement, /^Remove/));
  await userEvent.click(buttonIn(list, /Save instances/));
  await vi.waitFor(() => expect(options.worker.sent('settings/save')).toHaveLength(1));
  return options;
}

describe('removing an instance', () => {
  it('gives back its site access once saved', async () => {
    const options = await removeAndSave([KEPT, GONE], [KEPT, GONE], GONE);
    await vi.waitFor(() => expect([...options.permissions.granted]).toEqual([KEPT]));
  });

  it('keeps the access another instance on the same host still needs (the browser grants by host)', async () => {
    const other = 'https://phorge.example.org:8443';
    const options = await removeAndSave([GONE, other], [GONE, other], other);
    // Given back, the host's access would go for GONE too: nothing is removed.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([...options.permissions.granted].sort()).toEqual([GONE, other].sort());
  });
});
