// Durations and moments as a person reads them at a glance ("6 days", "3 hours ago"), with the
// exact time for a tooltip. Everything goes through Intl so the UI can pass the user's locale.
import type { Epoch } from '../model';

export type GlanceUnit = 'second' | 'minute' | 'hour' | 'day';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/**
 * One whole unit, rounded down so an age never reads older than it is. Hours run up to two days
 * because "36 hours" says more than "1 day" about a task that is on fire.
 */
export function glanceParts(seconds: number): { value: number; unit: GlanceUnit } {
  const s = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  if (s < MINUTE) return { value: s, unit: 'second' };
  if (s < HOUR) return { value: Math.floor(s / MINUTE), unit: 'minute' };
  if (s < 2 * DAY) return { value: Math.floor(s / HOUR), unit: 'hour' };
  return { value: Math.floor(s / DAY), unit: 'day' };
}

const cache = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat>();

const canonical = new Map<string, string>();

/** An unknown or malformed locale tag falls back to English instead of throwing. */
function safeLocale(locale: string): string {
  let tag = canonical.get(locale);
  if (tag === undefined) {
    try {
      tag = Intl.getCanonicalLocales(locale)[0] ?? 'en';
    } catch {
      tag = 'en';
    }
    canonical.set(locale, tag);
  }
  return tag;
}

function cached<T extends Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat>(
  key: string,
  make: () => T,
): T {
  let formatter = cache.get(key);
  if (formatter === undefined) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter as T;
}

/** "6 days", "3 hours", "45 minutes" in the given locale. */
export function formatDuration(seconds: number, locale: string): string {
  const { value, unit } = glanceParts(seconds);
  const tag = safeLocale(locale);
  const format = cached(
    `n|${tag}|${unit}`,
    () => new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'long' }),
  );
  return format.format(value);
}

/** "6 days ago" or "in 3 hours", relative to now. */
export function formatRelativeTime(at: Epoch, now: Epoch, locale: string): string {
  const { value, unit } = glanceParts(Math.abs(now - at));
  const tag = safeLocale(locale);
  const format = cached(`r|${tag}`, () => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }));
  return format.format(at <= now ? -value : value, unit);
}

const zones = new Map<string, string>();

/** A time zone Intl does not know falls back to UTC instead of throwing. */
function safeTimeZone(timeZone: string | undefined): string {
  if (timeZone === undefined) return 'UTC';
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      zone = timeZone;
    } catch {
      zone = 'UTC';
    }
    zones.set(timeZone, zone);
  }
  return zone;
}

/**
 * The exact moment with its UTC offset, for a tooltip: "Thu, Nov 26, 2026, 1:44:28 PM GMT+1".
 * Without seconds it suits a sentence: "Wed, Dec 2, 2026, 1:45 PM GMT+0".
 */
export function formatExactTime(
  at: Epoch,
  locale: string,
  timeZone?: string,
  options: { seconds?: boolean } = {},
): string {
  const seconds = options.seconds ?? true;
  const tag = safeLocale(locale);
  const zone = safeTimeZone(timeZone);
  const format = cached(
    `d|${tag}|${zone}|${seconds}`,
    () =>
      new Intl.DateTimeFormat(tag, {
        weekday: 'short',
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        ...(seconds ? { second: '2-digit' as const } : {}),
        timeZone: zone,
        timeZoneName: 'shortOffset',
      }),
  );
  return format.format(new Date(at * 1000));
}

/** Machine-readable UTC time for a <time datetime> attribute: "2026-11-26T13:44:28Z". */
export function isoTime(at: Epoch): string {
  return new Date(at * 1000).toISOString().replace('.000Z', 'Z');
}

export interface MomentText {
  /** "6 days ago" */
  relative: string;
  /** "Thu, Nov 26, 2026, 1:44:28 PM GMT+1" */
  exact: string;
  /** "2026-11-26T13:44:28Z" */
  iso: string;
}

/** Everything a UI needs to show a moment briefly with the exact time on hover. */
export function describeMoment(at: Epoch, now: Epoch, locale: string, timeZone?: string): MomentText {
  return {
    relative: formatRelativeTime(at, now, locale),
    exact: formatExactTime(at, locale, timeZone),
    iso: isoTime(at),
  };
}
