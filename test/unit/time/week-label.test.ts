// Week labels of the review page: a week starts Monday 00:00 UTC, and its label names that Monday
// wherever the viewer is (west of Greenwich that moment is still Sunday evening).
import { afterEach, describe, expect, it } from 'vitest';
import { shortDateText } from '../../../src/ui/time-text';

const MONDAY = Date.UTC(2026, 10, 23) / 1000; // Monday 23 November 2026, 00:00 UTC
const previousTz = process.env.TZ;

afterEach(() => {
  process.env.TZ = previousTz;
});

describe('week labels', () => {
  it('name the Monday in New York and in Tokyo', () => {
    for (const zone of ['America/New_York', 'Asia/Tokyo', 'UTC']) {
      process.env.TZ = zone;
      expect(shortDateText(MONDAY, MONDAY, 'UTC')).toBe('Nov 23');
    }
  });

  it('other dates stay in the viewer zone (the same moment is Sunday in New York)', () => {
    process.env.TZ = 'America/New_York';
    expect(shortDateText(MONDAY, MONDAY)).toBe('Nov 22');
  });
});
