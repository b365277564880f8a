// Builds the extension for the demo and the browser benchmarks: granted http://127.0.0.1/* at install
// (no automation can click a permission prompt) and with the worker's test hooks (request counters,
// recent notifications).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** Builds into `outDir` (relative to the repository) and returns the unpacked Chrome build's path. */
export function buildTestExtension(outDir = 'build/demo', quiet = false): string {
  execFileSync(
    process.execPath,
    [
      resolve(root, 'node_modules/tsx/dist/cli.mjs'),
      resolve(root, 'scripts/build.ts'),
      '--extra-host',
      'http://127.0.0.1/*',
      '--out-dir',
      outDir,
      '--test-hooks',
    ],
    // Benchmarks print exactly one JSON line on stdout: the build's own output goes to stderr there.
    { cwd: root, stdio: ['ignore', quiet ? 2 : 'inherit', 'inherit'] },
  );
  return resolve(root, outDir, 'chrome');
}
