// #sharing: the exported file holds the settings and nothing secret; a bad import names every problem.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defaultSettings } from '../../../src/shared/settings';
import { fail, fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { INSTANCE } from '../../fixtures/views/people';
import { configuredSettings, registryStatus, settingsViewOf } from '../../fixtures/views/settings';
import { buttonIn, field, loaded, mountOptions, section, text, unmountOptions } from './harness';

afterEach(unmountOptions);

const TOKEN = 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc';

function worker(exported: string) {
  return fakeWorker({
    'settings/get': ok(settingsViewOf(configuredSettings(), { [INSTANCE]: true })),
    'registry/status': ok(registryStatus),
    'settings/export': ok(exported),
    'settings/import': ok(null),
  });
}

async function open(w = worker(JSON.stringify(configuredSettings()))) {
  const options = mountOptions(w);
  await loaded(options);
  return { options, sharing: section(options.root, 'sharing') };
}

async function choose(input: HTMLInputElement, name: string, content: string) {
  const transfer = new DataTransfer();
  transfer.items.add(new File([content], name, { type: 'application/json' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('export', () => {
  it('offers the settings as a steward-settings.json download', async () => {
    const { sharing } = await open();
    await userEvent.click(buttonIn(sharing, /Export settings/));
    const link = await vi.waitFor(() => {
      const a = sharing.querySelector<HTMLAnchorElement>('a[download]');
      if (!a) throw new Error('no download link yet');
      return a;
    });
    expect(link.download).toBe('steward-settings.json');
    expect(link.href).toMatch(/^blob:/);
    expect(document.activeElement).toBe(link);
    const content = JSON.parse(await (await fetch(link.href)).text());
    expect(content).toEqual(configuredSettings());
    expect(text(sharing.querySelector('[role="status"]'))).toBe(
      'Ready: 1 instances and 2 registry sources, no token.',
    );
  });

  it('never carries a token, even if the worker put one in', async () => {
    const leaky = {
      ...configuredSettings(),
      token: TOKEN,
      instances: [{ url: INSTANCE, authMode: 'token', apiToken: TOKEN }],
    };
    const { sharing } = await open(worker(JSON.stringify(leaky)));
    await userEvent.click(buttonIn(sharing, /Export settings/));
    const link = await vi.waitFor(
      () => sharing.querySelector<HTMLAnchorElement>('a[download]') ?? Promise.reject(),
    );
    const content = await (await fetch(link.href)).text();
    expect(content).not.toContain(TOKEN);
    expect(content).not.toMatch(/api-[a-z0-9]{28}/);
    expect(JSON.parse(content)).toEqual(configuredSettings());
  });

  it('says when the worker cannot export', async () => {
    const w = worker('');
    w.answer('settings/export', fail('internal', 'Steward could not read its settings store.'));
    const { sharing } = await open(w);
    await userEvent.click(buttonIn(sharing, /Export settings/));
    await vi.waitFor(() =>
      expect(text(sharing.querySelector('[role="alert"]'))).toBe(
        'Steward could not read its settings store.',
      ),
    );
  });
});

describe('import', () => {
  it('imports a valid file through the worker and every section shows the imported settings', async () => {
    const imported = defaultSettings();
    imported.instances = [{ url: 'https://phabricator.wikimedia.org', authMode: 'session' }];
    imported.pollMinutes = 15;
    const w = worker('{}');
    const { options, sharing } = await open(w);
    const document = JSON.stringify(imported, null, 2);
    w.answer('settings/import', () => {
      w.answer('settings/get', ok(settingsViewOf(imported)));
      return ok(null);
    });
    await choose(field(sharing, /Settings file/), 'team.json', document);
    await vi.waitFor(() =>
      expect(text(sharing.querySelector('[role="status"] .ok'))).toBe(
        'Imported team.json. Every section now shows the imported settings.',
      ),
    );
    expect(w.sent('settings/import')).toEqual([{ type: 'settings/import', document }]);
    const instances = section(options.root, 'instances');
    expect(field(instances, /^Address$/).value).toBe('https://phabricator.wikimedia.org');
    expect(field(section(options.root, 'watch'), /Check watched tasks every/).value).toBe('15');
  });

  it('shows an imported registry source as loaded at once, not "Not loaded yet"', async () => {
    const imported = configuredSettings();
    imported.registry.sources = [
      {
        kind: 'inline',
        id: 'imported-team',
        name: 'Imported team registry',
        text: 'components: []\n',
        enabled: true,
      },
    ];
    const w = worker('{}');
    const { options, sharing } = await open(w);
    // The worker loads the imported sources before it answers the import.
    w.answer('settings/import', () => {
      w.answer('settings/get', ok(settingsViewOf(imported)));
      w.answer(
        'registry/status',
        ok({
          ...registryStatus,
          sources: [
            {
              ...registryStatus.sources[0]!,
              id: 'imported-team',
              name: 'Imported team registry',
              components: 4,
            },
          ],
        }),
      );
      return ok(null);
    });
    await choose(field(sharing, /Settings file/), 'team.json', JSON.stringify(imported));
    await vi.waitFor(() =>
      expect(text(sharing.querySelector('[role="status"] .ok'))).toContain('Imported team.json'),
    );
    const registry = section(options.root, 'registry');
    await vi.waitFor(() => expect(text(registry)).toContain('Imported team registry'));
    expect(text(registry)).not.toContain('Not loaded yet');
    expect(text(registry.querySelector('.source-status'))).toMatch(/4 components/);
  });

  it('lists every problem of a bad file by field and sends nothing', async () => {
    const { options, sharing } = await open();
    const bad = {
      version: 1,
      instances: [{ url: 'phabricator.example.org/', authMode: 'cookie' }],
      thresholds: { escalationWarningDays: 5, escalationCriticalDays: 2 },
      notifications: { quietHours: { enabled: true, start: '25:00' } },
    };
    await choose(field(sharing, /Settings file/), 'broken.json', JSON.stringify(bad));
    const alert = await vi.waitFor(
      () => sharing.querySelector('[data-state="import-failed"]') ?? Promise.reject(),
    );
    expect(text(alert.querySelector('p'))).toBe(
      'broken.json was not imported (4 problems); nothing changed:',
    );
    expect(Array.from(alert.querySelectorAll('li')).map(text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^instances\.0\.url: must be an http\(s\) origin/),
        expect.stringMatching(/^instances\.0\.authMode: /),
        'thresholds.escalationCriticalDays: the critical escalation age must not be shorter than the warning one',
        'notifications.quietHours.start: must be a time like 22:00',
      ]),
    );
    expect(options.worker.sent('settings/import')).toHaveLength(0);
  });

  it.each([
    ['not JSON', '{ "version": 1, ', /^The file is not JSON: /],
    ['a newer version', JSON.stringify({ version: 9 }), /newer Steward \(version 9\); update Steward first/],
  ])('refuses %s with a message saying why', async (_, content, message) => {
    const { options, sharing } = await open();
    await choose(field(sharing, /Settings file/), 'x.json', content);
    const alert = await vi.waitFor(
      () => sharing.querySelector('[data-state="import-failed"]') ?? Promise.reject(),
    );
    expect(text(alert.querySelector('li'))).toMatch(message);
    expect(options.worker.sent('settings/import')).toHaveLength(0);
  });

  it("shows the worker's refusal line by line", async () => {
    const w = worker('{}');
    w.answer(
      'settings/import',
      fail('bad-request', 'registry.sources.0.url: unreachable\nSettings were not changed.'),
    );
    const { sharing } = await open(w);
    await choose(field(sharing, /Settings file/), 'team.json', JSON.stringify(configuredSettings()));
    const alert = await vi.waitFor(
      () => sharing.querySelector('[data-state="import-failed"]') ?? Promise.reject(),
    );
    expect(Array.from(alert.querySelectorAll('li')).map(text)).toEqual([
      'registry.sources.0.url: unreachable',
      'Settings were not changed.',
    ]);
  });
});
