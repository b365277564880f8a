// Instances whose gzipped request bodies were refused lately (a proxy between Steward and Phorge that
// does not pass them on): for a day their bodies go as they are, in every client the worker makes. The
// poll keeps the mark with its state, so that a worker started for the next poll does not try again.
import { nowSeconds } from './clock';

/** How long an instance's bodies go plain after a gzipped one was refused. */
export const PLAIN_BODIES_SECONDS = 86400;

/** Per origin: until when (worker clock, seconds) its bodies go plain. */
const plainUntil = new Map<string, number>();

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

/** A removed instance: added back, it tries again. */
export function forgetPlainBodies(origin: string): void {
  plainUntil.delete(origin);
}
