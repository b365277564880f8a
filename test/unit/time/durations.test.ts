// Durations and moments in words, through Intl, in the locale the UI passes.
import { describe, expect, it } from 'vitest';
import {
  describeMoment,
  formatDuration,
  formatExactTime,
  formatRelativeTime,
  glanceParts,
  isoTime,
} from '../../../src/core/time/durations';

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;
const SEEDED_AT = 1795700668; // 2026-11-26 13:44:28 UTC

describe('durations at a glance', () => {
  it.each([
    [0, 'en', '0 seconds'],
    [1, 'en', '1 second'],
    [59, 'en', '59 seconds'],
    [45 * MIN, 'en', '45 minutes'],
    [HOUR, 'en', '1 hour'],
    [3 * HOUR + 59 * MIN, 'en', '3 hours'],
    [36 * HOUR, 'en', '36 hours'],
    [2 * DAY, 'en', '2 days'],
    [6 * DAY + 23 * HOUR, 'en', '6 days'],
    [200 * DAY, 'en', '200 days'],
    [6 * DAY, 'de', '6 Tage'],
    [3 * HOUR, 'fr', '3\u00a0heures'],
    [1 * DAY * 1000, 'en', '1,000 days'],
  ])('%i s in %s reads "%s"', (seconds, locale, text) => {
    expect(formatDuration(seconds, locale)).toBe(text);
  });

  it('rounds down so an age never reads older than it is', () => {
    expect(glanceParts(2 * DAY - 1)).toEqual({ value: 47, unit: 'hour' });
    expect(glanceParts(HOUR - 1)).toEqual({ value: 59, unit: 'minute' });
  });

  it('treats negative or broken input as zero instead of printing nonsense', () => {
    expect(formatDuration(-5, 'en')).toBe('0 seconds');
    expect(formatDuration(Number.NaN, 'en')).toBe('0 seconds');
  });

  it('falls back to English for a malformed locale', () => {
    expect(formatDuration(6 * DAY, 'not a locale!')).toBe('6 days');
  });
});

describe('moments', () => {
  it.each([
    [SEEDED_AT - 6 * DAY, 'en', '6 days ago'],
    [SEEDED_AT - 3 * HOUR, 'en', '3 hours ago'],
    [SEEDED_AT + 45 * MIN, 'en', 'in 45 minutes'],
    [SEEDED_AT - DAY - HOUR, 'en', '25 hours ago'],
    [SEEDED_AT - 2 * DAY, 'de', 'vorgestern'],
    [SEEDED_AT - 6 * DAY, 'de', 'vor 6 Tagen'],
    [SEEDED_AT, 'en', 'now'],
  ])('%i relative to seeding in %s is "%s"', (at, locale, text) => {
    expect(formatRelativeTime(at, SEEDED_AT, locale)).toBe(text);
  });

  it('gives the exact time with its UTC offset for a tooltip', () => {
    expect(formatExactTime(SEEDED_AT, 'en', 'UTC')).toBe('Thu, Nov 26, 2026, 1:44:28 PM GMT+0');
    expect(formatExactTime(SEEDED_AT, 'en', 'Europe/Berlin')).toBe('Thu, Nov 26, 2026, 2:44:28 PM GMT+1');
    expect(formatExactTime(SEEDED_AT, 'en-GB', 'Asia/Kolkata')).toBe('Thu, 26 Nov 2026, 19:14:28 GMT+5:30');
    expect(formatExactTime(SEEDED_AT, 'en', 'America/Los_Angeles', { seconds: false })).toBe(
      'Thu, Nov 26, 2026, 5:44 AM GMT-8',
    );
  });

  it('falls back to UTC for an unknown time zone', () => {
    expect(formatExactTime(SEEDED_AT, 'en', 'Mars/Olympus')).toBe(formatExactTime(SEEDED_AT, 'en', 'UTC'));
  });

  it('describes a moment for a <time> element with a tooltip', () => {
    expect(describeMoment(SEEDED_AT - 2 * DAY, SEEDED_AT, 'en', 'UTC')).toEqual({
      relative: '2 days ago',
      exact: 'Tue, Nov 24, 2026, 1:44:28 PM GMT+0',
      iso: '2026-11-24T13:44:28Z',
    });
    expect(isoTime(0)).toBe('1970-01-01T00:00:00Z');
  });
});
