// The Vite settings every part of the extension is built with, shared by the build and by the test that
// holds the content script to its size budget, so the test measures exactly what ships.
import type { InlineConfig } from 'vite';
import { resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

export function sharedConfig(testHooks: boolean): InlineConfig {
  return {
    configFile: false,
    // Explicit: under Vitest the default mode would be "test", and the size test must measure the store build.
    mode: 'production',
    logLevel: 'warn',
    root: resolve(root, 'src'),
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
    define: {
      'process.env.NODE_ENV': '"production"',
      __STEWARD_TEST_HOOKS__: testHooks ? 'true' : 'false',
    },
    build: { minify: false, sourcemap: false, target: 'es2022', reportCompressedSize: false },
  };
}

/**
 * A content script or classic worker: one file, no imports (content scripts cannot be modules). The
 * content script is minified: it is parsed on every task page the user opens, and held to a size budget
 * (test/unit/content-script-size.test.ts); everything else ships as written, for reviewers.
 */
export function classicScript(
  shared: InlineConfig,
  entry: string,
  name: string,
  outDir: string,
): InlineConfig {
  return {
    ...shared,
    publicDir: false,
    build: {
      ...shared.build,
      minify: name === 'content',
      outDir,
      emptyOutDir: false,
      lib: {
        entry: resolve(root, entry),
        formats: ['iife'],
        name: `steward_${name}`,
        fileName: () => `${name}.js`,
      },
    },
  };
}
