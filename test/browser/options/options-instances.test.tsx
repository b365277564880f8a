// #instances: the address, host access, sign-in mode, the token (sent once, never shown) and the test.
import { sendsTokenInClear } from '../../../src/options/TokenField';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defaultSettings } from '../../../src/shared/settings';
import { fail, fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { INSTANCE } from '../../fixtures/views/people';
import { configuredSettings, registryStatus, settingsViewOf } from '../../fixtures/views/settings';
import {
  buttonIn,
  errorOf,
  field,
  loaded,
  mountOptions,
  replaceText,
  savedSettings,
  section,
  text,
  unmountOptions,
} from './harness';

afterEach(unmountOptions);

const TOKEN = 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc';

function worker(settings: unknown = configuredSettings(), tokens: Record<string, boolean> = {}) {
  return fakeWorker({
    'settings/get': ok(settingsViewOf(settings, tokens)),
    'settings/save': ok(null),
    'registry/status': ok(registryStatus),
    'token/set': ok(null),
  });
}

async function open(w = worker(), granted: string[] = []) {
  const options = mountOptions(w, granted);
  await loaded(options);
  return { options, instances: section(options.root, 'instances') };
}

describe('instances', () => {
  it('adds an instance from whatever address is typed, normalised to its origin, and says Saved', async () => {
    const { options, instances } = await open(worker(defaultSettings()));
    expect(text(instances)).toContain('No instance yet.');
    await userEvent.click(buttonIn(instances, /Add an instance/));
    const url = field(instances, /^Address$/);
    await userEvent.type(url, 'phabricator.example.org/T123#comment');
    expect(text(instances)).toContain('Steward will use https://phabricator.example.org');
    await userEvent.click(buttonIn(instances, /Save instances/));
    await vi.waitFor(() =>
      expect(text(instances.querySelector('[role="status"].save-status'))).toBe('Saved'),
    );
    expect(savedSettings(options.worker).instances).toEqual([
      { url: 'https://phabricator.example.org', authMode: 'session' },
    ]);
    expect(url.value).toBe('https://phabricator.example.org');
    // An edit makes "Saved" untrue.
    await userEvent.type(url, 'x');
    expect(text(instances.querySelector('.save-status'))).toBe('');
  });

  it.each([
    ['ftp://files.example.org', 'Enter an http or https address'],
    ['   ', 'Enter an http or https address'],
  ])('refuses %j in place, sends nothing and keeps what was typed', async (typed, message) => {
    const { options, instances } = await open(worker(defaultSettings()));
    await userEvent.click(buttonIn(instances, /Add an instance/));
    const url = field(instances, /^Address$/);
    await userEvent.type(url, typed);
    await userEvent.click(buttonIn(instances, /Save instances/));
    expect(errorOf(url)).toContain(message);
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(url.value).toBe(typed);
    expect(text(instances.querySelector('[role="alert"]'))).toBe('Not saved: fix the problem marked below.');
    expect(options.worker.sent('settings/save')).toHaveLength(0);
  });

  it('refuses the same instance twice', async () => {
    const { options, instances } = await open();
    await userEvent.click(buttonIn(instances, /Add an instance/));
    const urls = instances.querySelectorAll<HTMLInputElement>('input[inputmode="url"]');
    await userEvent.type(urls[1]!, '127.0.0.1:8081');
    await replaceText(urls[1]!, 'http://127.0.0.1:8081/');
    await userEvent.click(buttonIn(instances, /Save instances/));
    expect(errorOf(urls[1]!)).toBe('This instance is listed twice; remove one.');
    expect(options.worker.sent('settings/save')).toHaveLength(0);
  });

  it("shows the worker's refusal beside the field and keeps the typed address", async () => {
    const w = worker(defaultSettings());
    w.answer(
      'settings/save',
      fail('bad-request', 'instances.0.url: this instance refused Steward (HTTP 403)'),
    );
    const { instances } = await open(w);
    await userEvent.click(buttonIn(instances, /Add an instance/));
    const url = field(instances, /^Address$/);
    await userEvent.type(url, 'https://phab.example.org');
    await userEvent.click(buttonIn(instances, /Save instances/));
    await vi.waitFor(() => expect(errorOf(url)).toBe('this instance refused Steward (HTTP 403)'));
    expect(url.value).toBe('https://phab.example.org');
  });

  it('shows whether access is granted and asks the browser for exactly this origin', async () => {
    const { options, instances } = await open();
    await vi.waitFor(() =>
      expect(text(instances.querySelector('.access'))).toContain(`Steward may not read ${INSTANCE} yet.`),
    );
    options.permissions.userAccepts = false;
    await userEvent.click(buttonIn(instances, /Grant access/));
    await vi.waitFor(() => expect(text(instances.querySelector('.access'))).toContain('was not granted'));
    options.permissions.userAccepts = true;
    await userEvent.click(buttonIn(instances, /Grant access/));
    await vi.waitFor(() =>
      expect(text(instances.querySelector('.access'))).toBe(`Steward may read ${INSTANCE}.`),
    );
    expect(options.permissions.requested).toEqual([INSTANCE, INSTANCE]);
  });

  it('has no Grant button when access is already granted', async () => {
    const { instances } = await open(worker(), [INSTANCE]);
    await vi.waitFor(() =>
      expect(text(instances.querySelector('.access'))).toBe(`Steward may read ${INSTANCE}.`),
    );
    expect(() => buttonIn(instances, /Grant access/)).toThrow();
  });

  it('switches the sign-in mode and saves it', async () => {
    const { options, instances } = await open();
    await userEvent.click(field(instances, /My browser session/));
    expect(instances.querySelector('input[type="password"]')).toBeNull();
    await userEvent.click(buttonIn(instances, /Save instances/));
    await vi.waitFor(() => expect(options.worker.sent('settings/save')).toHaveLength(1));
    expect(savedSettings(options.worker).instances).toEqual([{ url: INSTANCE, authMode: 'session' }]);
  });
});

describe('API token', () => {
  it('sends the token once with token/set, forgets it, and never shows it again', async () => {
    const { options, instances } = await open();
    const input = field(instances, /^API token$/);
    expect(input.type).toBe('password');
    await userEvent.type(input, TOKEN);
    await userEvent.click(buttonIn(instances, /Store token/));
    await vi.waitFor(() =>
      expect(text(instances.querySelector('[data-token="stored"]'))).toContain('A token is stored.'),
    );
    expect(options.worker.sent('token/set')).toEqual([
      { type: 'token/set', instance: INSTANCE, token: TOKEN },
    ]);
    // Not in the page: no input holds it, no text shows it.
    expect(document.body.textContent).not.toContain(TOKEN);
    const values = Array.from(document.querySelectorAll('input')).map((i) => i.value);
    expect(values).not.toContain(TOKEN);
    // Saving the section afterwards does not carry it either.
    await userEvent.click(buttonIn(instances, /Save instances/));
    await vi.waitFor(() => expect(options.worker.sent('settings/save')).toHaveLength(1));
    expect(JSON.stringify(options.worker.sent('settings/save'))).not.toContain(TOKEN);
  });

  it('refuses something that is not a Conduit token without sending it', async () => {
    const { options, instances } = await open();
    const input = field(instances, /^API token$/);
    await userEvent.type(input, 'cli-abc');
    await userEvent.click(buttonIn(instances, /Store token/));
    expect(errorOf(input)).toContain('does not look like a Conduit API token');
    expect(input.value).toBe('cli-abc');
    expect(options.worker.sent('token/set')).toHaveLength(0);
  });

  it('with a token stored: shows only that, and Remove sends token/set null', async () => {
    const { options, instances } = await open(worker(configuredSettings(), { [INSTANCE]: true }));
    expect(instances.querySelector('input[type="password"]')).toBeNull();
    expect(text(instances.querySelector('[data-token="stored"]'))).toContain('A token is stored.');
    await userEvent.click(buttonIn(instances, /^Remove$/));
    await vi.waitFor(() =>
      expect(options.worker.sent('token/set')).toEqual([
        { type: 'token/set', instance: INSTANCE, token: null },
      ]),
    );
    await vi.waitFor(() => expect(instances.querySelector('input[type="password"]')).not.toBeNull());
  });

  it("shows the worker's refusal of a token in place and keeps it typed to retry", async () => {
    const w = worker();
    w.answer('token/set', fail('invalid-token', 'Phorge says: API token is invalid (ERR-INVALID-AUTH).'));
    const { instances } = await open(w);
    const input = field(instances, /^API token$/);
    await userEvent.type(input, TOKEN);
    await userEvent.click(buttonIn(instances, /Store token/));
    await vi.waitFor(() =>
      expect(errorOf(input)).toBe('Phorge says: API token is invalid (ERR-INVALID-AUTH).'),
    );
  });
});

describe('Test connection', () => {
  it('shows who you are', async () => {
    const w = worker();
    w.answer('connection/test', ok({ username: 'alice', realName: 'Alice Liddell', authMode: 'token' }));
    const { instances } = await open(w);
    await userEvent.click(buttonIn(instances, /Test connection/));
    await vi.waitFor(() =>
      expect(text(instances.querySelector('.test-result'))).toBe(
        'Connected as Alice Liddell (@alice) with the API token.',
      ),
    );
    expect(w.sent('connection/test')).toEqual([{ type: 'connection/test', instance: INSTANCE }]);
  });

  it('shows the error message', async () => {
    const w = worker();
    w.answer('connection/test', fail('session-expired', 'You are not signed in to http://127.0.0.1:8081.'));
    const { instances } = await open(w);
    await userEvent.click(buttonIn(instances, /Test connection/));
    await vi.waitFor(() =>
      expect(text(instances.querySelector('.test-result'))).toBe(
        'Connection failed: You are not signed in to http://127.0.0.1:8081.',
      ),
    );
  });
});

describe('page', () => {
  it('says when the settings cannot be read, and retries', async () => {
    const w = fakeWorker({
      'settings/get': fail('internal', 'IndexedDB is unavailable.'),
      'registry/status': ok(registryStatus),
    });
    const options = mountOptions(w);
    await vi.waitFor(() =>
      expect(text(options.root.querySelector('[data-state="error"]'))).toContain('IndexedDB is unavailable.'),
    );
    w.answer('settings/get', ok(settingsViewOf(configuredSettings())));
    await userEvent.click(buttonIn(options.root, /Try again/));
    await loaded(options);
  });

  it('opens at the section named in the address (#notifications)', async () => {
    history.replaceState(null, '', '#notifications');
    try {
      const { options } = await open();
      await vi.waitFor(() =>
        expect(document.activeElement).toBe(options.root.querySelector('#notifications-title')),
      );
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('shows defaults with the problems when the stored settings do not validate', async () => {
    const { options } = await open(worker({ version: 1, pollMinutes: 0 }));
    expect(text(options.root.querySelector('[data-state="stored-problems"]'))).toContain('pollMinutes');
  });
});

describe('API token on a plain-http instance', () => {
  const CLEAR = 'http://phabricator.example.org';

  async function openClear() {
    const settings = configuredSettings();
    settings.instances = [{ url: CLEAR, authMode: 'token' }];
    return open(worker(settings));
  }

  it('warns before storing, and stores only when the user says so', async () => {
    const { options, instances } = await openClear();
    await userEvent.type(field(instances, /^API token$/), TOKEN);
    await userEvent.click(buttonIn(instances, /Store token/));
    const warning = instances.querySelector('[data-warning="cleartext"]')!;
    expect(text(warning)).toContain(`${CLEAR} uses plain http: the token would travel unencrypted`);
    expect(options.worker.sent('token/set')).toHaveLength(0);
    // Enter again in the field, or Store again, does not get past the warning.
    field(instances, /^API token$/).focus();
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('{Enter}');
    await userEvent.click(buttonIn(instances, /Store token/));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(options.worker.sent('token/set')).toHaveLength(0);
    expect(instances.querySelector('[data-warning="cleartext"]')).not.toBeNull();
    await userEvent.click(buttonIn(instances, /^Cancel$/));
    expect(instances.querySelector('[data-warning]')).toBeNull();
    expect(options.worker.sent('token/set')).toHaveLength(0);
    await userEvent.click(buttonIn(instances, /Store token/));
    await userEvent.click(buttonIn(instances, /Store it anyway/));
    await vi.waitFor(() =>
      expect(options.worker.sent('token/set')).toEqual([
        { type: 'token/set', instance: CLEAR, token: TOKEN },
      ]),
    );
  });

  it('does not warn for https or for this machine', () => {
    expect(sendsTokenInClear('https://phabricator.example.org')).toBe(false);
    expect(sendsTokenInClear('http://127.0.0.1:8081')).toBe(false);
    expect(sendsTokenInClear('http://localhost:8080')).toBe(false);
    expect(sendsTokenInClear(CLEAR)).toBe(true);
  });
});
