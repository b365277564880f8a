// #watch and #notifications: rules, thresholds with errors in place, per-rule switches and quiet hours.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defaultSettings } from '../../../src/shared/settings';
import { fakeWorker, ok } from '../../fixtures/views/fake-worker';
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

async function open(settings: unknown = configuredSettings()) {
  const w = fakeWorker({
    'settings/get': ok(settingsViewOf(settings)),
    'settings/save': ok(null),
    'registry/status': ok(registryStatus),
  });
  const options = mountOptions(w);
  await loaded(options);
  return {
    options,
    watch: section(options.root, 'watch'),
    notifications: section(options.root, 'notifications'),
  };
}

describe('watch rules and thresholds', () => {
  it('saves the rules, the project list and the thresholds', async () => {
    const { options, watch } = await open();
    await userEvent.click(field(watch, /Every Unbreak Now! task/));
    await replaceText(field(watch, /tagged with these projects/), 'Release-Engineering-Team\nEcho\nEcho\n');
    await replaceText(field(watch, /No process owner declared after/), '1.5');
    await replaceText(field(watch, /Check watched tasks every/), '10');
    await userEvent.click(buttonIn(watch, /Save watch rules/));
    await vi.waitFor(() => expect(text(watch.querySelector('.save-status'))).toBe('Saved'));
    const saved = savedSettings(options.worker);
    expect(saved.watch).toEqual({
      allUbn: true,
      projects: ['Release-Engineering-Team', 'Echo'],
      myComponents: true,
    });
    expect(saved.thresholds).toEqual({
      noProcessOwnerHours: 1.5,
      notAcknowledgedHours: 4,
      ownerSilentHours: 24,
      escalationWarningDays: 3,
      escalationCriticalDays: 7,
    });
    expect(saved.pollMinutes).toBe(10);
  });

  it.each([
    [/Process owner silent for/, 'soon', '“soon” is not a number'],
    [/Process owner silent for/, '-2', 'Too small'],
    [/Check watched tasks every/, '2.5', '“2.5” is not a whole number'],
    [
      /Escalation age: critical at/,
      '2',
      'the critical escalation age must not be shorter than the warning one',
    ],
  ])('refuses %s = %j in place, keeping the typed value', async (label, typed, message) => {
    const { options, watch } = await open();
    const input = field(watch, label);
    await replaceText(input, typed);
    await userEvent.click(buttonIn(watch, /Save watch rules/));
    expect(errorOf(input)).toContain(message);
    expect(input.value).toBe(typed);
    expect(options.worker.sent('settings/save')).toHaveLength(0);
  });

  it('does not touch the other sections when saving this one', async () => {
    const { options, watch, notifications } = await open();
    // An unsaved edit elsewhere stays unsaved and typed.
    await userEvent.click(field(notifications, /Show reminders as browser notifications/));
    await userEvent.click(buttonIn(watch, /Save watch rules/));
    await vi.waitFor(() => expect(options.worker.sent('settings/save')).toHaveLength(1));
    const saved = savedSettings(options.worker);
    expect((saved.notifications as { enabled: boolean }).enabled).toBe(true);
    expect(saved.instances).toEqual(configuredSettings().instances);
    expect(field(notifications, /Show reminders as browser notifications/).checked).toBe(false);
  });
});

describe('notifications', () => {
  it('saves the global switch, per-rule switches and quiet hours', async () => {
    const { options, notifications } = await open(defaultSettings());
    expect(field(notifications, /has gone silent/).checked).toBe(true);
    await userEvent.click(field(notifications, /has gone silent/));
    await userEvent.click(field(notifications, /No notifications during quiet hours/));
    await userEvent.fill(field(notifications, /^From$/), '21:30');
    await userEvent.fill(field(notifications, /^Until$/), '07:15');
    await userEvent.click(buttonIn(notifications, /Save notifications/));
    await vi.waitFor(() => expect(text(notifications.querySelector('.save-status'))).toBe('Saved'));
    expect(savedSettings(options.worker).notifications).toEqual({
      enabled: true,
      rules: {
        'no-process-owner': true,
        'not-acknowledged': true,
        'owner-silent': false,
        'owner-unavailable': true,
        'escalation-age': true,
      },
      quietHours: { enabled: true, start: '21:30', end: '07:15' },
    });
  });

  it('refuses an empty quiet-hours time in place', async () => {
    const { options, notifications } = await open();
    await userEvent.click(field(notifications, /No notifications during quiet hours/));
    const start = field(notifications, /^From$/);
    await userEvent.clear(start);
    await userEvent.click(buttonIn(notifications, /Save notifications/));
    expect(errorOf(start)).toBe('must be a time like 22:00');
    expect(options.worker.sent('settings/save')).toHaveLength(0);
  });
});
