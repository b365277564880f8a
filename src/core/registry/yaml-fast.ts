// The quick read of a YAML registry that is valid: js-yaml reads a megabyte in tens of milliseconds
// where the yaml library (kept for pinpointing problems, see yaml-read.ts) takes seconds. Aliases
// share their anchor's value, so what they expand to is measured on the shared graph before anything
// walks it; where each node starts is recorded so provenance keeps its line numbers.
import { CORE_SCHEMA, load } from 'js-yaml';
import { lineLocator } from './json-read';
import { MAX_EXPANDED_NODES } from './yaml-read';

type PathPart = string | number;

export type FastYaml =
  | { ok: true; value: unknown; lineOf: (path: readonly PathPart[]) => number | undefined }
  /** Not read here (a syntax error, a duplicate key, too large an expansion): the careful reader explains. */
  | { ok: false };

/** The number of values `value` stands for with every shared (aliased) part counted each time. */
function expandedSize(value: unknown, memo: WeakMap<object, number>, active: WeakSet<object>): number {
  if (value === null || typeof value !== 'object') return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  // A collection that contains itself (an alias to its own anchor) expands without end.
  if (active.has(value)) return Infinity;
  active.add(value);
  let size = 1;
  for (const child of Object.values(value)) {
    size += expandedSize(child, memo, active);
    if (size > MAX_EXPANDED_NODES) break;
  }
  active.delete(value);
  memo.set(value, size);
  return size;
}

function skipToContent(text: string, from: number): number {
  let i = from;
  for (;;) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '-' || ch === '?' || ch === ':')
      i++;
    else if (ch === '#') {
      const end = text.indexOf('\n', i);
      if (end < 0) return text.length;
      i = end + 1;
    } else return i;
  }
}

export function readYamlFast(text: string): FastYaml {
  // Where each collection's items start: an array maps to its items' offsets, an object to its own.
  const itemStarts = new WeakMap<object, number[]>();
  const starts = new WeakMap<object, number>();
  const open: { start: number; children: number[] }[] = [];
  let value: unknown;
  try {
    value = load(text, {
      schema: CORE_SCHEMA,
      listener(event, state) {
        if (event === 'open') {
          open.push({ start: state.position, children: [] });
          return;
        }
        const node = open.pop();
        if (!node) return;
        open[open.length - 1]?.children.push(node.start);
        const result: unknown = state.result;
        if (result === null || typeof result !== 'object') return;
        // An alias closes with its anchor's value: the first position seen is the anchor's own.
        if (!starts.has(result)) starts.set(result, node.start);
        if (Array.isArray(result) && node.children.length === result.length && !itemStarts.has(result))
          itemStarts.set(result, node.children);
      },
    });
  } catch {
    return { ok: false };
  }
  if (expandedSize(value, new WeakMap(), new WeakSet()) > MAX_EXPANDED_NODES) return { ok: false };
  const position = lineLocator(text);
  const lineOf = (path: readonly PathPart[]): number | undefined => {
    let node: unknown = value;
    let offset: number | undefined;
    for (const part of path) {
      if (node === null || typeof node !== 'object') break;
      const parent = node;
      node = (parent as Record<PathPart, unknown>)[part];
      const own = node !== null && typeof node === 'object' ? starts.get(node) : undefined;
      const asItem =
        Array.isArray(parent) && typeof part === 'number' ? itemStarts.get(parent)?.[part] : undefined;
      offset = asItem ?? own ?? offset;
    }
    return offset === undefined ? undefined : position(skipToContent(text, offset)).line;
  };
  return { ok: true, value, lineOf };
}
