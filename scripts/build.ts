// Builds dist/chrome and dist/firefox (unminified, for store reviewers) and their store packages.
// Usage: npm run build [-- --extra-host 'http://127.0.0.1/*' --out-dir build/e2e]
// Extra hosts are for test and demo builds only: browsers cannot be driven to accept a permission prompt.
import { build } from 'vite';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildManifest, type TargetBrowser } from '../extension/manifest';
import { zipDirectory } from './zip';
import { mergedCatalog } from './locales';
import { classicScript, root, sharedConfig } from './vite-shared';
import { BANNER_STYLESHEET } from '../src/content/banner-stylesheet';
import { bannerStyleScript } from '../src/content/banner-style-script';
import { BANNER_STYLE_SCRIPT_PATH, BANNER_STYLESHEET_PATH } from '../src/shared/content-files';

const { values } = parseArgs({
  options: {
    'extra-host': { type: 'string', multiple: true, default: [] },
    'out-dir': { type: 'string', default: 'dist' },
    // Compiles in the worker's test hooks (clock offset, request counters) for e2e and demo builds.
    'test-hooks': { type: 'boolean', default: false },
  },
});
const outDir = resolve(root, values['out-dir']);
const stage = resolve(outDir, '.stage');
const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string })
  .version;

const shared = sharedConfig(values['test-hooks']);

interface ViteChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

/** The files one HTML entry loads: its chunk, every chunk it imports (transitively) and their CSS. */
function entryFiles(manifestPath: string, entry: string): string[] {
  const chunks = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ViteChunk>;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = chunks[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  return [...files].sort();
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
await build({
  ...shared,
  base: '/',
  publicDir: resolve(root, 'public'),
  build: {
    ...shared.build,
    outDir: stage,
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // The import graph, read below to expose exactly the assign page's files to web pages.
    manifest: true,
    rollupOptions: {
      input: {
        popup: resolve(root, 'src/popup/popup.html'),
        options: resolve(root, 'src/options/options.html'),
        assign: resolve(root, 'src/assign/assign.html'),
        review: resolve(root, 'src/review/review.html'),
      },
    },
  },
});
const assignFiles = entryFiles(resolve(stage, '.vite/manifest.json'), 'assign/assign.html');
rmSync(resolve(stage, '.vite'), { recursive: true, force: true });
writeFileSync(
  resolve(stage, '_locales/en/messages.json'),
  `${JSON.stringify(mergedCatalog(root), null, 2)}\n`,
);
await build(classicScript(shared, 'src/content/index.tsx', 'content', stage));
// The banner's styles, kept out of the script every task page parses: as a one-line script injected
// before it that hands their text over, and as banner.css for a registration without that script.
writeFileSync(resolve(stage, BANNER_STYLESHEET_PATH), BANNER_STYLESHEET);
writeFileSync(resolve(stage, BANNER_STYLE_SCRIPT_PATH), bannerStyleScript(BANNER_STYLESHEET));
await build(classicScript(shared, 'src/background/index.ts', 'background', stage));

for (const browser of ['chrome', 'firefox'] as TargetBrowser[]) {
  const out = resolve(outDir, browser);
  cpSync(stage, out, { recursive: true });
  const manifest = buildManifest({
    browser,
    version,
    extraHostPermissions: values['extra-host'],
    assignFiles,
    // Test builds open their own pages from a 127.0.0.1 tab (see extension/manifest.ts).
    exposePagesTo: values['test-hooks'] ? values['extra-host'] : [],
  });
  writeFileSync(resolve(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const zip = resolve(outDir, `steward-${browser}-${version}.zip`);
  zipDirectory(out, zip);
  console.log(`built ${out.slice(root.length + 1)}/ and ${zip.slice(root.length + 1)}`);
}
rmSync(stage, { recursive: true, force: true });
