// Vitest global setup for the e2e project: one build of the extension for every e2e file.
// The e2e build grants http://127.0.0.1/* at install, standing in for the user's click on the permission
// prompt, which no automation can answer (see README, "Testing").
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const E2E_DIST = resolve(import.meta.dirname, '../../../build/e2e');

export default function setup(): void {
  if (process.env.STEWARD_E2E_SKIP_BUILD === '1') return;
  execFileSync(
    process.execPath,
    [
      resolve('node_modules/tsx/dist/cli.mjs'),
      'scripts/build.ts',
      '--extra-host',
      'http://127.0.0.1/*',
      '--out-dir',
      'build/e2e',
      '--test-hooks',
    ],
    { stdio: 'inherit' },
  );
}
