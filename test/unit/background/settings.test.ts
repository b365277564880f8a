import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  parseSettings,
  toInstanceOrigin,
  withoutRefusedSources,
} from '../../../src/shared/settings';

describe('settings', () => {
  it('fills sensible defaults', () => {
    const settings = defaultSettings();
    expect(settings.thresholds).toEqual({
      noProcessOwnerHours: 2,
      notAcknowledgedHours: 4,
      ownerSilentHours: 24,
      escalationWarningDays: 3,
      escalationCriticalDays: 7,
    });
    expect(settings.instances).toEqual([]);
    expect(settings.watch.myComponents).toBe(true);
  });

  it('migrates a document from before versioning', () => {
    const result = parseSettings({ instances: [{ url: 'https://phabricator.wikimedia.org' }] });
    expect(result).toMatchObject({ ok: true, migrated: true });
    if (result.ok)
      expect(result.settings.instances[0]).toEqual({
        url: 'https://phabricator.wikimedia.org',
        authMode: 'session',
      });
  });

  it('names the field and what is wrong', () => {
    const result = parseSettings({
      version: 1,
      instances: [{ url: 'javascript:alert(1)' }],
      thresholds: { escalationWarningDays: 9, escalationCriticalDays: 2 },
      notifications: { quietHours: { start: '25:00' } },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual(
        expect.arrayContaining([
          'instances.0.url: must be an http(s) origin such as https://phabricator.example.org',
          'thresholds.escalationCriticalDays: the critical escalation age must not be shorter than the warning one',
          'notifications.quietHours.start: must be a time like 22:00',
        ]),
      );
    }
  });

  it('refuses settings from a newer Steward rather than guessing', () => {
    expect(parseSettings({ version: 99 })).toEqual({
      ok: false,
      errors: ['these settings are from a newer Steward (version 99); update Steward first'],
    });
    expect(parseSettings('nope')).toEqual({ ok: false, errors: ['settings must be a JSON object'] });
  });

  it('turns what people type into an instance origin', () => {
    expect(toInstanceOrigin('phabricator.wikimedia.org/')).toBe('https://phabricator.wikimedia.org');
    expect(toInstanceOrigin(' http://127.0.0.1:8081/T14 ')).toBe('http://127.0.0.1:8081');
    expect(toInstanceOrigin('javascript:alert(1)')).toBeNull();
    expect(toInstanceOrigin('')).toBeNull();
  });
});

// A settings import (options/settings-file.ts), `settings/save` in the worker (settings-store.ts) and a
// stored document all go through parseSettings: one schema for every path.
describe('registry source addresses, on every path into the settings', () => {
  const withSource = (url: string, instance = 'https://phabricator.example.org') => ({
    version: 1,
    instances: [{ url: instance }],
    registry: { sources: [{ kind: 'url', id: 's', name: 'S', url }] },
  });
  const errorsFor = (url: string, instance?: string) => {
    const result = parseSettings(withSource(url, instance));
    return result.ok ? [] : result.errors;
  };

  it.each([
    ['javascript:alert(1)', 'must be an http or https address'],
    ['file:///etc/passwd', 'must be an http or https address'],
    ['ftp://example.org/registry.yaml', 'must be an http or https address'],
    ['https://user:secret@example.org/registry.yaml', 'must not contain a user name or password'],
    ['http://localhost:8080/registry.yaml', 'must not point inside your network'],
    ['http://127.0.0.1/registry.yaml', 'must not point inside your network'],
    ['http://0x7f.1/registry.yaml', 'must not point inside your network'],
    ['http://192.168.1.20/registry.yaml', 'must not point inside your network'],
    ['http://10.0.0.1/registry.yaml', 'must not point inside your network'],
    ['http://169.254.169.254/latest/meta-data', 'must not point inside your network'],
    ['http://[::1]/registry.yaml', 'must not point inside your network'],
    ['http://[::ffff:127.0.0.1]/registry.yaml', 'must not point inside your network'],
    ['http://wiki.internal/registry.yaml', 'must not point inside your network'],
    // Names the system resolver takes inside the network: one label (search domains, /etc/hosts: cloud
    // metadata aliases, Debian's ip6-localhost), Fedora's localhost.localdomain, RFC 8375's home.arpa.
    ['http://instance-data/latest/meta-data/', 'must not point inside your network'],
    ['http://metadata/computeMetadata/v1/', 'must not point inside your network'],
    ['http://ip6-localhost:8080/registry.json', 'must not point inside your network'],
    ['http://intranet./registry.json', 'must not point inside your network'],
    ['http://localhost.localdomain:8080/registry.json', 'must not point inside your network'],
    ['http://nas.home.arpa/registry.json', 'must not point inside your network'],
    ['http://router.lan/registry.json', 'must not point inside your network'],
  ])('refuses %s', (url, why) => {
    expect(errorsFor(url)).toEqual([
      expect.stringMatching(new RegExp(`^registry\\.sources\\.0\\.url: ${why}`)),
    ]);
  });

  it('accepts a public address, and an internal one that is a configured instance', () => {
    expect(errorsFor('https://www.mediawiki.org/w/api.php?action=parse')).toEqual([]);
    expect(errorsFor('http://127.0.0.1:8123/registry.yaml', 'http://127.0.0.1:8123')).toEqual([]);
    expect(errorsFor('http://intranet/registry.json', 'http://intranet')).toEqual([]);
  });
});

describe('registry source ids', () => {
  const twoOfOneId = {
    version: 1,
    registry: {
      sources: [
        { kind: 'inline', id: 'team', name: 'Payments registry', text: 'components: []' },
        { kind: 'inline', id: 'team', name: 'Search registry', text: 'components: []' },
      ],
    },
  };

  it('refuses two sources of one id, naming it', () => {
    const result = parseSettings(twoOfOneId);
    expect(result.ok ? [] : result.errors).toEqual([
      'registry.sources.1.id: "team" is the id of another registry source: give each source its own',
    ]);
  });

  it('keeps the first of them when settings an earlier build stored are salvaged', () => {
    const result = parseSettings(withoutRefusedSources(twoOfOneId));
    expect(result.ok && result.settings.registry.sources.map((s) => s.name)).toEqual(['Payments registry']);
  });
});
