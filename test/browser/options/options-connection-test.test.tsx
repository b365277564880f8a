// "Test connection" tests an instance as the worker has it saved: a card whose address or sign-in mode
// is not saved yet offers "Save this instance to test its connection" instead. A result stays only beside
// the address it is about.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defaultSettings } from '../../../src/shared/settings';
import { configuredSettings, registryStatus, settingsViewOf } from '../../fixtures/views/settings';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { buttonIn, field, loaded, mountOptions, section, text, unmountOptions } from './harness';
import { mountPage, unmountPages, useTransport } from './mount-raw';
import { storingWorker } from './storing-worker';

afterEach(() => {
  unmountOptions();
  unmountPages();
});

const hasButton = (scope: Element, label: RegExp) => {
  try {
    buttonIn(scope, label);
    return true;
  } catch {
    return false;
  }
};

describe('Test connection on an instance not saved yet', () => {
  it('a just-added instance asks to be saved first, then tests and says who you are', async () => {
    const w = storingWorker(defaultSettings());
    useTransport(w.transport);
    const instances = section(await mountPage(), 'instances');
    await userEvent.click(buttonIn(instances, /Add an instance/));
    await userEvent.type(field(instances, /^Address$/), 'phabricator.example.org');
    expect(hasButton(instances, /Test connection/)).toBe(false);
    expect(text(instances.querySelector('[data-test="save-first"]'))).toBe(
      'Save this instance to test its connection.',
    );

    await userEvent.click(buttonIn(instances, /Save instances/));
    await vi.waitFor(() => expect(text(instances.querySelector('.save-status'))).toBe('Saved'));
    await userEvent.click(buttonIn(instances, /Test connection/));
    await vi.waitFor(() => expect(text(instances.querySelector('.test-result'))).toContain('Alice Liddell'));
    expect(w.requests.filter((r) => r.type === 'connection/test')).toHaveLength(1);
  });

  it('a saved instance whose sign-in mode was changed and not saved asks to be saved first', async () => {
    const w = storingWorker(configuredSettings());
    useTransport(w.transport);
    const instances = section(await mountPage(), 'instances');
    expect(hasButton(instances, /Test connection/)).toBe(true);
    await userEvent.click(field(instances, /My browser session/));
    expect(hasButton(instances, /Test connection/)).toBe(false);
    expect(instances.querySelector('[data-test="save-first"]')).not.toBeNull();
    await userEvent.click(field(instances, /A Conduit API token/));
    expect(hasButton(instances, /Test connection/)).toBe(true);
  });
});

describe('a connection result and the address beside it', () => {
  it('does not stay beside an address that was changed after the test', async () => {
    const settings = defaultSettings();
    settings.instances = [{ url: 'https://phab.example.org', authMode: 'session' }];
    const w = fakeWorker({
      'settings/get': ok(settingsViewOf(settings)),
      'registry/status': ok(registryStatus),
      'connection/test': ok({ username: 'alice', realName: 'Alice Liddell', authMode: 'session' }),
    });
    const options = mountOptions(w, ['https://phab.example.org']);
    await loaded(options);
    const instances = section(options.root, 'instances');
    await userEvent.click(buttonIn(instances, /Test connection/));
    await vi.waitFor(() => expect(text(instances.querySelector('.test-result'))).toContain('Connected as'));
    await userEvent.type(field(instances, /^Address$/), '-old.example.org');
    expect(field<HTMLInputElement>(instances, /^Address$/).value).toBe(
      'https://phab.example.org-old.example.org',
    );
    expect(text(instances.querySelector('.test-result'))).not.toContain('Connected as');
  });

  it('an answer arriving after the address changed is not shown, even once the address is back', async () => {
    const settings = defaultSettings();
    settings.instances = [{ url: 'https://phab.example.org', authMode: 'session' }];
    let answer: (reply: unknown) => void = () => undefined;
    const w = fakeWorker({
      'settings/get': ok(settingsViewOf(settings)),
      'registry/status': ok(registryStatus),
      'connection/test': () => new Promise((resolve) => (answer = resolve)),
    });
    const options = mountOptions(w, ['https://phab.example.org']);
    await loaded(options);
    const instances = section(options.root, 'instances');
    await userEvent.click(buttonIn(instances, /Test connection/));
    await userEvent.type(field(instances, /^Address$/), 'x');
    await userEvent.keyboard('{Backspace}');
    answer(ok({ username: 'alice', realName: 'Alice Liddell', authMode: 'session' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(text(instances.querySelector('.test-result'))).toBe('');
    expect(text(buttonIn(instances, /Test connection/))).toBe('Test connection');
  });
});
