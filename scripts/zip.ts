// Store packages: a zip of the built directory with manifest.json at its root, as both stores require.
import { zipSync } from 'fflate';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

function collect(dir: string, base: string, into: Record<string, Uint8Array>): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, base, into);
    else into[relative(base, path).split('\\').join('/')] = readFileSync(path);
  }
}

export function zipDirectory(dir: string, zipPath: string): void {
  const files: Record<string, Uint8Array> = {};
  collect(dir, dir, files);
  // A fixed mtime keeps packages byte-identical across builds of the same source.
  writeFileSync(zipPath, zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
}
