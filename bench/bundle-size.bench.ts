// Bytes each entry ships, raw and gzip, from a fresh store build.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');
execFileSync(
  process.execPath,
  [resolve(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build.ts', '--out-dir', 'build/bundle-size'],
  { cwd: root, stdio: 'ignore' },
);
const dir = resolve(root, 'build/bundle-size/chrome');

function files(path: string): string[] {
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

const entries: Record<string, string[]> = {
  'content script': ['content.js'],
  // Injected just before content.js, one string: the banner's stylesheet, parsed as CSS, not as code.
  'banner stylesheet (banner-style.js)': ['banner-style.js'],
  'background worker': ['background.js'],
  'popup page (js)': files(join(dir, 'assets'))
    .filter((f) => /popup|jsxRuntime|hooks|preact|index/.test(f))
    .map((f) => f.slice(dir.length + 1)),
  'options page (js)': files(join(dir, 'assets'))
    .filter((f) => /options/.test(f))
    .map((f) => f.slice(dir.length + 1)),
};
const metrics = [];
for (const [label, list] of Object.entries(entries)) {
  const bytes = Buffer.concat(list.map((f) => readFileSync(join(dir, f))));
  metrics.push({ label: `${label} raw`, value: bytes.length, unit: 'bytes' });
  metrics.push({ label: `${label} gzip`, value: gzipSync(bytes, { level: 9 }).length, unit: 'bytes' });
}
const zip = readFileSync(
  resolve(
    root,
    `build/bundle-size/steward-chrome-${(JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version}.zip`,
  ),
);
metrics.push({ label: 'Chrome store package', value: zip.length, unit: 'bytes' });
console.log(
  JSON.stringify({
    name: 'bundle-size',
    description: 'Bytes per entry of the store build (unminified), raw and gzip',
    metrics,
  }),
);
