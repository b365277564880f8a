// Instances whose gzipped request bodies were refused lately (a proxy between Steward and Phorge that
// does not pass them on): for a day their bodies go as they are, in every client the worker makes. The
// poll keeps the mark with its state, so that a worker started later, for a poll or for a page, does not
// try again.
import { nowSeconds } from './clock';
import { db } from './db';

/** How long an instance's bodies go plain after a gzipped one was refused. */
export const PLAIN_BODIES_SECONDS = 86400;

/** Per origin: until when (worker clock, seconds) its bodies go plain. */
const plainUntil = new Map<string, number>();
/** Origins whose stored mark this worker life has read. */
const loaded = new Set<string>();

/**
 * Reads the mark the instance's last poll kept, once per worker life: a worker woken by a page view or
 * the review page, not by a poll, holds to it too.
 */
export async function loadPlainBodies(origin: string): Promise<void> {
  if (loaded.has(origin)) return;
  let stored: number | undefined;
  try {
    stored = (await (await db()).get('polls', origin))?.plainBodiesUntil;
  } catch {
    // Unreadable now: gzip as offered, and read it again at the next client.
    return;
  }
  loaded.add(origin);
  plainBodiesUntil(origin, stored);
}

/** Whether the instance's request bodies may go gzipped now. */
export function mayGzip(origin: string): boolean {
  return (plainUntil.get(origin) ?? 0) <= nowSeconds();
}

/** A gzipped body to the instance was refused: plain bodies for a day. */
export function gzipRefused(origin: string): void {
  plainUntil.set(origin, nowSeconds() + PLAIN_BODIES_SECONDS);
}

/** The mark a poll keeps with its state (undefined: none), and the one it read back, the later winning. */
export function plainBodiesUntil(origin: string, stored?: number): number | undefined {
  if (stored !== undefined && stored > (plainUntil.get(origin) ?? 0)) plainUntil.set(origin, stored);
  return plainUntil.get(origin);
}

/** A removed instance (added back, it tries again), or a worker life's memory gone (tests). */
export function forgetPlainBodies(origin: string): void {
  plainUntil.delete(origin);
  loaded.delete(origin);
}
