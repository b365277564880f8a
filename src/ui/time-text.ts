// Times as the UI shows them: durations and relative moments from src/core/time, in the viewer's own
// time zone for the exact-time tooltips.
import { formatDuration, formatExactTime, formatRelativeTime, isoTime } from '../core/time/durations';
import { uiLocale } from './i18n';

// Resolving the zone builds an Intl.DateTimeFormat: once per page, not once per time on it (a popup of
// 1,000 rows shows thousands of times).
let zone: { value: string | undefined } | null = null;

function localTimeZone(): string | undefined {
  if (zone) return zone.value;
  try {
    zone = { value: Intl.DateTimeFormat().resolvedOptions().timeZone };
  } catch {
    zone = { value: undefined };
  }
  return zone.value;
}

export function durationText(seconds: number): string {
  return formatDuration(seconds, uiLocale());
}

export function relativeText(at: number, now: number): string {
  return formatRelativeTime(at, now, uiLocale());
}

export function exactText(at: number): string {
  return formatExactTime(at, uiLocale(), localTimeZone());
}

// Building a formatter costs far more than formatting with one: one per locale, year shown and zone.
const shortDates = new Map<string, Intl.DateTimeFormat>();

/**
 * "Dec 2" (or "Dec 2, 2027" when not this year): for "away until", in the viewer's zone. `timeZone` 'UTC'
 * for dates that are UTC days: a week starts Monday 00:00 UTC, which is Sunday evening west of Greenwich.
 */
export function shortDateText(at: number, now: number, timeZone?: 'UTC'): string {
  const date = new Date(at * 1000);
  const year = (d: Date) => (timeZone ? d.getUTCFullYear() : d.getFullYear());
  const sameYear = year(date) === year(new Date(now * 1000));
  try {
    const locale = uiLocale();
    const key = `${locale}|${sameYear}|${timeZone ?? ''}`;
    let format = shortDates.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, {
        month: 'short',
        day: 'numeric',
        ...(sameYear ? {} : { year: 'numeric' as const }),
        ...(timeZone ? { timeZone } : {}),
      });
      shortDates.set(key, format);
    }
    return format.format(date);
  } catch {
    return isoTime(at).slice(0, 10);
  }
}

/** "2015": for "UBN! 3 times since 2015". */
export function yearText(at: number): string {
  return String(new Date(at * 1000).getUTCFullYear());
}

export { isoTime };
