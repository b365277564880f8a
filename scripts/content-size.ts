// Where the content script's bytes go: builds it as the store build does (minified), with a source map,
// and prints each source module's share of the minified file, raw and gzipped on its own (gzip of a
// module alone overstates its share of the whole file's gzip; the ranking is what matters). A long string
// literal counts for the module whose mapped code precedes it, so measure a change by building both ways.
// Usage: npx tsx scripts/content-size.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';
import { build } from 'vite';
import { classicScript, root, sharedConfig } from './vite-shared';

const out = mkdtempSync(join(tmpdir(), 'steward-content-size-'));
const config = classicScript(sharedConfig(false), 'src/content/index.tsx', 'content', out);
await build({ ...config, build: { ...config.build, sourcemap: true } });
const code = readFileSync(join(out, 'content.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '');
const map = JSON.parse(readFileSync(join(out, 'content.js.map'), 'utf8')) as {
  sources: string[];
  mappings: string;
};
rmSync(out, { recursive: true, force: true });

const lines = code.split('\n');
const pieces = new Map<string, string[]>();
decode(map.mappings).forEach((segments, index) => {
  const line = lines[index] ?? '';
  segments.forEach((segment, i) => {
    const end = segments[i + 1]?.[0] ?? line.length;
    const source = segment[1] === undefined ? undefined : map.sources[segment[1]];
    const name =
      source === undefined
        ? '(no source)'
        : relative(root, join(out, source)).replace(/^.*node_modules\//, '');
    pieces.set(name, [...(pieces.get(name) ?? []), line.slice(segment[0], end)]);
  });
});
const rows = [...pieces].map(([name, parts]) => {
  const text = parts.join('');
  return { name, raw: text.length, gzip: gzipSync(text, { level: 9 }).length };
});
rows.sort((a, b) => b.raw - a.raw);
for (const row of rows)
  console.log(`${String(row.raw).padStart(7)} ${String(row.gzip).padStart(6)}  ${row.name}`);
console.log(`content.js: ${code.length} B raw, ${gzipSync(code, { level: 9 }).length} B gzip`);
