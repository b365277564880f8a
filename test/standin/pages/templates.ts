// The captured Phorge pages (test/fixtures/phorge-html, copied from the real install) the stand-in edits.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';

const here = dirname(fileURLToPath(import.meta.url));
export const HTML_DIR = join(here, '../../fixtures/phorge-html');

const cache = new Map<string, string>();

export function templateText(file: string): string | undefined {
  if (!cache.has(file)) {
    const path = join(HTML_DIR, file);
    if (!existsSync(path)) return undefined;
    cache.set(file, readFileSync(path, 'utf8'));
  }
  return cache.get(file);
}

export function parseTemplate(file: string): Document {
  const text = templateText(file);
  if (text === undefined) throw new Error(`captured page ${file} is missing from ${HTML_DIR}`);
  return parseHTML(text).document as unknown as Document;
}

/** The task PHID a captured task page belongs to (from its policy link), for "is this its own page". */
export function capturedTaskPHID(id: number): string | null {
  const text = templateText(`task-T${id}.alice.html`);
  return text ? (/\/policy\/explain\/(PHID-TASK-[a-z0-9]+)\/view\//.exec(text)?.[1] ?? null) : null;
}

export function serialize(doc: Document): string {
  return `<!DOCTYPE html>${doc.documentElement.outerHTML}`;
}
