// Shared by the cost-* tests: counts IndexedDB operations per store (fake-indexeddb's
// prototypes, which idb calls underneath), starts stand-ins with the benchmark's UBN! world and moves the
// worker's clock with the stand-in's.
import type { Standin } from '../../standin/server';
import { startStandin } from '../../standin/server';
import { ubnWorld } from '../../../scripts/demo/ubn-world';
import type { Scenario } from '../../standin/scenario';

export const TOKEN = 'api-reviewcostreviewcostreview00';

const ops: Record<string, number> = {};
let installed = false;

/** Counts every get/getAll/put/delete… per `store.method` from now on (idempotent). */
export function countIndexedDb(): void {
  if (installed) return;
  installed = true;
  const targets = [
    [globalThis.IDBObjectStore.prototype, 'store'],
    [globalThis.IDBIndex.prototype, 'index'],
  ] as const;
  for (const [proto, kind] of targets) {
    for (const method of ['get', 'getAll', 'getAllKeys', 'put', 'add', 'delete', 'openCursor', 'count']) {
      const record = proto as unknown as Record<string, (...args: unknown[]) => unknown>;
      const original = record[method];
      if (!original) continue;
      record[method] = function (this: { name: string; objectStore?: { name: string } }, ...args: unknown[]) {
        const name = kind === 'store' ? this.name : `${this.objectStore!.name}.${this.name}`;
        ops[`${name}.${method}`] = (ops[`${name}.${method}`] ?? 0) + 1;
        return original.apply(this, args);
      };
    }
  }
}

export function idbOps(): Record<string, number> {
  return { ...ops };
}

export function resetIdbOps(): void {
  for (const key of Object.keys(ops)) delete ops[key];
}

/** The benchmark world (`count` stale open UBN! tasks from T5001) with a token for alice. */
export async function ubnStandin(count: number, change?: (world: Scenario) => Scenario): Promise<Standin> {
  const world = ubnWorld(count);
  const users = (world.users ?? []).map((u) => (u.username === 'alice' ? { ...u, apiToken: TOKEN } : u));
  const scenario = { ...world, users };
  return startStandin({ port: 0, scenario: change ? change(scenario) : scenario });
}
