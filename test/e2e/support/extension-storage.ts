// Writes to the extension's own storage from inside one of its contexts (the Chromium worker or an
// extension page), where the worker reads it back as a user's settings would be.
import type { Standin } from './standin';

interface StorageArea {
  storage: { local: { set(items: object): Promise<void> } };
}

/** Handed to a driver's evaluate(fn, items), so it runs in the browser and must stand alone. */
export async function storeInExtension(items: Record<string, unknown>): Promise<void> {
  const scope = globalThis as unknown as { browser?: StorageArea; chrome?: StorageArea };
  await (scope.browser ?? scope.chrome)!.storage.local.set(items);
}

/** The test hook that moves the worker's clock to the stand-in's time, so ages read as when captured. */
export function standinClock(site: Standin): { 'test.clockOffset': number } {
  return { 'test.clockOffset': site.clock.now() - Math.floor(Date.now() / 1000) };
}
