// Merges public/_locales/en/messages.json with every feature's `src/**/*.messages.json` into one catalog.
// A key defined twice is a build error: two features must not fight over one string.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

type Catalog = Record<
  string,
  { message: string; description?: string; placeholders?: Record<string, { content: string }> }
>;

function findFragments(dir: string, into: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findFragments(path, into);
    else if (name.endsWith('.messages.json')) into.push(path);
  }
  return into;
}

export function mergedCatalog(root: string): Catalog {
  const base = resolve(root, 'public/_locales/en/messages.json');
  const catalog: Catalog = JSON.parse(readFileSync(base, 'utf8')) as Catalog;
  const owner = new Map(Object.keys(catalog).map((key) => [key, 'public/_locales/en/messages.json']));
  for (const fragment of findFragments(resolve(root, 'src'))) {
    const name = relative(root, fragment);
    const entries = JSON.parse(readFileSync(fragment, 'utf8')) as Catalog;
    for (const [key, entry] of Object.entries(entries)) {
      if (!/^[A-Za-z0-9_]+$/.test(key))
        throw new Error(`${name}: message key "${key}" may hold only A-Z, a-z, 0-9 and _`);
      if (owner.has(key))
        throw new Error(`${name}: message key "${key}" is already defined in ${owner.get(key)}`);
      if (typeof entry?.message !== 'string') throw new Error(`${name}: "${key}" has no "message" string`);
      owner.set(key, name);
      catalog[key] = entry;
    }
  }
  return catalog;
}
