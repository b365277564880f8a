import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettings, toInstanceOrigin } from '../../../src/shared/settings';

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
