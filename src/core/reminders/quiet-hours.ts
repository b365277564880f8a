// Quiet hours: a daily window, in the user's time zone, during which reminders wait.
import { z } from 'zod';
import type { Epoch } from '../model';

export interface QuietHours {
  /** Minutes after local midnight. A window with start > end runs past midnight. */
  startMinute: number;
  endMinute: number;
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone: string;
  /**
   * Critical reminders go through even in quiet hours. Off unless asked for: the options promise "no
   * notifications during quiet hours", and a held reminder still comes when they end.
   */
  allowCritical: boolean;
}

const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const schema = z
  .object({
    start: z.string().regex(CLOCK, { error: 'must be a 24-hour time like "22:00"' }),
    end: z.string().regex(CLOCK, { error: 'must be a 24-hour time like "07:30"' }),
    timeZone: z
      .string()
      .refine(isTimeZone, { error: 'must be an IANA time zone like "Europe/Berlin" or "UTC"' }),
    allowCritical: z.boolean({ error: 'must be true or false' }).default(false),
  })
  .strict();

function minutes(clock: string): number {
  const match = CLOCK.exec(clock);
  return match === null ? 0 : Number(match[1]) * 60 + Number(match[2]);
}

export type QuietHoursResult = { ok: true; quietHours: QuietHours } | { ok: false; errors: string[] };

/** Reads `{ start: "22:00", end: "07:00", timeZone: "Europe/Berlin", allowCritical?: false }`. */
export function parseQuietHours(input: unknown): QuietHoursResult {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const where = issue.path.length > 0 ? `quietHours.${issue.path.join('.')}` : 'quietHours';
        return `${where}: ${issue.message}`;
      }),
    };
  }
  return {
    ok: true,
    quietHours: {
      startMinute: minutes(parsed.data.start),
      endMinute: minutes(parsed.data.end),
      timeZone: parsed.data.timeZone,
      allowCritical: parsed.data.allowCritical,
    },
  };
}

const clocks = new Map<string, Intl.DateTimeFormat>();

function localMinute(now: Epoch, timeZone: string): number {
  let format = clocks.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clocks.set(timeZone, format);
  }
  let hour = 0;
  let minute = 0;
  for (const part of format.formatToParts(new Date(now * 1000))) {
    if (part.type === 'hour') hour = Number(part.value);
    if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

/**
 * When the quiet window that contains `now` ends, or null if `now` is outside it. A window whose
 * start equals its end is empty. The end is the next time the wall clock reads it, daylight-saving
 * changes included; an end the clocks skip (02:30 on a night that jumps from 02:00 to 03:00) is the
 * jump itself, the first instant the wall clock is past it.
 */
export function quietUntil(quiet: QuietHours, now: Epoch): Epoch | null {
  const { startMinute: start, endMinute: end } = quiet;
  if (start === end) return null;
  const current = localMinute(now, quiet.timeZone);
  const inside = start < end ? current >= start && current < end : current >= start || current < end;
  if (!inside) return null;
  const minutesLeft = (end - current + 1440) % 1440;
  const startOfMinute = now - (((now % 60) + 60) % 60);
  const guess = startOfMinute + minutesLeft * 60;
  // Across a daylight-saving change the wall clock skips or repeats an hour: read the guess back on it
  // and move by the difference.
  const drift = ((((localMinute(guess, quiet.timeZone) - end + 720) % 1440) + 1440) % 1440) - 720;
  const corrected = guess - drift * 60;
  if (corrected > now && localMinute(corrected, quiet.timeZone) === end) return corrected;
  // The clock never reads the end that night: it jumps over it somewhere between now and the guess.
  // Only a jump forward gets here, so along that stretch the clock leaves the window once, at the jump.
  const length = (end - start + 1440) % 1440;
  const past = (minute: number) => (((minute - start) % 1440) + 1440) % 1440 >= length;
  if (!past(localMinute(guess, quiet.timeZone))) return guess;
  // Minutes from now: the clock is still inside the window at `before`, already past it at `after`.
  let before = 0;
  let after = minutesLeft;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (past(localMinute(startOfMinute + middle * 60, quiet.timeZone))) after = middle;
    else before = middle;
  }
  return startOfMinute + after * 60;
}
