// The browser benchmarks share one build with test hooks in build/bench, rebuilt only when a source file
// is newer than it, so `npm run bench` does not build the extension three times.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildTestExtension } from './build-extension';

const root = resolve(import.meta.dirname, '../..');
const INPUTS = ['src', 'extension', 'public', 'scripts/build.ts', 'scripts/locales.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Returns the unpacked Chrome build in build/bench, building it first when it is missing or stale. */
export function freshBenchBuild(): string {
  const manifest = resolve(root, 'build/bench/chrome/manifest.json');
  const sources = Math.max(...INPUTS.map((input) => newestMtime(resolve(root, input))));
  if (existsSync(manifest) && statSync(manifest).mtimeMs > sources)
    return resolve(root, 'build/bench/chrome');
  return buildTestExtension('build/bench', true);
}
