// Builds the `steward` command (src/cli/steward.ts) into one plain-node ES module,
// build/cli/steward.js, with its dependencies bundled. The `prepack` script runs it, so `npm pack`
// ships it: a global install or the packed tarball then runs without TypeScript or tsx (in a checkout,
// bin/steward.js runs the sources). The extension build (scripts/build.ts) is separate and untouched.
import { chmodSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'build/cli');
const engines = (
  JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { engines: { node: string } }
).engines.node;

await build({
  configFile: false,
  logLevel: 'warn',
  root,
  publicDir: false,
  // Bundle everything but node's own modules: a global install has no dev dependencies.
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: resolve(root, 'src/cli/steward.ts'),
    outDir,
    emptyOutDir: true,
    target: `node${engines.replace(/^>=\s*/, '').split('.')[0] ?? '20'}`,
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      output: { format: 'es', entryFileNames: 'steward.js', banner: '#!/usr/bin/env node' },
    },
  },
});
const bin = resolve(outDir, 'steward.js');
chmodSync(bin, 0o755);
// stderr: `npm pack --json` prints its answer on stdout after this script ran.
process.stderr.write(`built ${bin.slice(root.length + 1)}\n`);
