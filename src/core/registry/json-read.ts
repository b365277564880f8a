// What JSON.parse does not say about a registry: keys written twice in one object (JSON.parse keeps
// the last silently, so `"components": []` after the real list empties the registry), and where in
// the text a field sits (for error lines). One linear scan of text that JSON.parse already accepted.

type PathPart = string | number;

interface TrieNode {
  children: Map<PathPart, TrieNode>;
  offset: number | null;
}

interface Frame {
  kind: 'object' | 'array';
  node: TrieNode | null;
  keys: Set<string> | null;
  key: string | null;
  index: number;
}

export interface DuplicateKey {
  path: PathPart[];
  key: string;
  offset: number;
}

function newNode(): TrieNode {
  return { children: new Map(), offset: null };
}

/** Position of the character after the string starting at `start` (a '"'). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return text.length;
    let slashes = 0;
    for (let k = quote - 1; k > start && text.charCodeAt(k) === 92; k--) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

// Character codes, compared as numbers: this loop sees every character of a megabyte document.
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const COLON = 58;
const COMMA = 44;
const QUOTE = 34;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;

function isDelimiter(code: number): boolean {
  return (
    code === COMMA ||
    code === CLOSE_ARRAY ||
    code === CLOSE_OBJECT ||
    code === SPACE ||
    code === TAB ||
    code === LF ||
    code === CR
  );
}

/**
 * Scans valid JSON once. `wanted` paths are located (and each of their ancestors, so a missing field
 * can point at the object that lacks it); duplicates are reported with their object's path.
 */
export function scanJson(
  text: string,
  wanted: readonly (readonly PathPart[])[],
  maxDuplicates: number,
): {
  duplicates: DuplicateKey[];
  duplicateCount: number;
  locate: (path: readonly PathPart[]) => number | null;
} {
  const root = newNode();
  for (const path of wanted) {
    let node = root;
    for (const part of path) {
      let child = node.children.get(part);
      if (!child) {
        child = newNode();
        node.children.set(part, child);
      }
      node = child;
    }
  }
  const duplicates: DuplicateKey[] = [];
  let duplicateCount = 0;
  const stack: Frame[] = [];
  let expectKey = false;
  // The trie node of the value about to start (set by a key, an array item, or the root).
  let pending: TrieNode | null = root;
  root.offset = 0;

  const startValue = (offset: number): TrieNode | null => {
    const top = stack[stack.length - 1];
    if (top?.kind === 'array') {
      const node = top.node?.children.get(top.index) ?? null;
      if (node && node.offset === null) node.offset = offset;
      return node;
    }
    const node = pending;
    pending = null;
    return node;
  };
  // Built only for the duplicates listed, so deep nesting costs nothing otherwise.
  const currentPath = (): PathPart[] =>
    stack.slice(0, -1).map((frame) => (frame.kind === 'array' ? frame.index : (frame.key ?? '')));

  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === SPACE || ch === LF || ch === CR || ch === TAB || ch === COLON) {
      i++;
      continue;
    }
    if (ch === OPEN_OBJECT || ch === OPEN_ARRAY) {
      const node = startValue(i);
      const isObject = ch === OPEN_OBJECT;
      stack.push({
        kind: isObject ? 'object' : 'array',
        node,
        keys: isObject ? new Set() : null,
        key: null,
        index: 0,
      });
      expectKey = isObject;
      i++;
      continue;
    }
    if (ch === CLOSE_OBJECT || ch === CLOSE_ARRAY) {
      stack.pop();
      expectKey = false;
      i++;
      continue;
    }
    if (ch === COMMA) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      else expectKey = true;
      i++;
      continue;
    }
    if (ch === QUOTE) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (expectKey && top?.kind === 'object') {
        const raw = text.slice(i, end);
        const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (top.keys!.has(key)) {
          duplicateCount++;
          if (duplicates.length < maxDuplicates)
            duplicates.push({ path: [...currentPath(), key], key, offset: i });
        } else {
          top.keys!.add(key);
        }
        top.key = key;
        pending = top.node?.children.get(key) ?? null;
        if (pending && pending.offset === null) pending.offset = i;
        expectKey = false;
      } else {
        startValue(i);
      }
      i = end;
      continue;
    }
    // A number, true, false or null.
    startValue(i);
    while (i < n && !isDelimiter(text.charCodeAt(i))) i++;
  }

  return {
    duplicates,
    duplicateCount,
    locate: (path) => {
      let node: TrieNode | undefined = root;
      let found: number | null = root.offset;
      for (const part of path) {
        node = node.children.get(part);
        if (!node) break;
        if (node.offset !== null) found = node.offset;
      }
      return found;
    },
  };
}

/**
 * Whether valid JSON `text`, parsed into `value`, wrote some key twice in one object. Every colon
 * outside a string starts a value of a key, and each key written twice leaves one fewer key in the
 * parsed objects: so counting both tells, without the Sets and strings of a full scan (which then
 * finds the duplicates, in the rare document that has them).
 */
export function hasDuplicateKeys(text: string, value: unknown): boolean {
  return writtenKeyCount(text) !== parsedKeyCount(value);
}

function writtenKeyCount(text: string): number {
  let count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) {
      i = stringEnd(text, i);
      continue;
    }
    if (ch === COLON) count++;
    i++;
  }
  return count;
}

/** Keys of every object in a parsed value; -1 when Object.prototype has enumerable keys to confuse it. */
function parsedKeyCount(value: unknown): number {
  // for-in also lists what someone added to Object.prototype: then ask for the full scan.
  for (const _ in {}) return -1;
  let count = 0;
  // A stack, not recursion: JSON nests as deep as its writer likes.
  const stack: object[] = typeof value === 'object' && value !== null ? [value] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node as unknown[]) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    for (const key in node) {
      count++;
      const item = (node as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) stack.push(item);
    }
  }
  return count;
}

/** 1-based line and column of an offset, from one pass over the text's line breaks. */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | null = null;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

function isBlank(code: number): boolean {
  return code === SPACE || code === LF || code === CR || code === TAB;
}

/**
 * Whether text that opens with "{" or "[" was written as JSON: its first key is quoted (or it has
 * none). YAML's flow style opens with "{" too ("{people: [...]}"), and YAML also accepts what JSON
 * refuses (a trailing comma): so a JSON document with a slip must still be read, and explained, as JSON.
 */
export function writtenAsJson(text: string): boolean {
  let i = 0;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  const open = text.charCodeAt(i);
  if (open === OPEN_ARRAY) return true;
  if (open !== OPEN_OBJECT) return false;
  i++;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  const first = text.charCodeAt(i);
  return first === QUOTE || first === CLOSE_OBJECT || i === text.length;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPED = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /[0-9a-fA-F]{4}/y;

/** Offset just past the JSON string starting at `start` (a '"'), or the offset where it breaks. */
function validStringEnd(text: string, start: number): { end: number } | { error: number } {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) return { end: i + 1 };
    if (code < 0x20) return { error: i };
    if (code === 92) {
      const next = text[i + 1] ?? '';
      if (next === 'u') {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) return { error: i };
        i += 5;
      } else if (ESCAPED.has(next)) i++;
      else return { error: i };
    }
  }
  return { error: start };
}

/**
 * Offset of the first JSON syntax error in `text`, or null if there is none. One pass with a stack
 * of open collections, for engines whose message gives no position (V8's "Unexpected token ']'"
 * after a trailing comma).
 */
export function jsonSyntaxErrorOffset(text: string): number | null {
  const stack: boolean[] = []; // true for an object
  // What may come next: a value, a key, ":" or (after a value) "," or the close of the collection.
  let expect: 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'after' | 'end' = 'value';
  // After a value, or a collection closed: the end of the document, or what follows in its collection.
  const afterValue = () => (stack.length === 0 ? 'end' : 'after');
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (isBlank(code)) {
      i++;
      continue;
    }
    const inObject = stack[stack.length - 1];
    switch (expect) {
      case 'end':
        return i;
      case 'colon':
        if (code !== COLON) return i;
        expect = 'value';
        i++;
        continue;
      case 'after':
        if (code === COMMA && inObject !== undefined) {
          expect = inObject ? 'key' : 'value';
          i++;
          continue;
        }
        if ((code === CLOSE_OBJECT && inObject === true) || (code === CLOSE_ARRAY && inObject === false)) {
          stack.pop();
          expect = afterValue();
          i++;
          continue;
        }
        return i;
      case 'key':
      case 'first-key': {
        if (code === CLOSE_OBJECT && expect === 'first-key') {
          stack.pop();
          expect = afterValue();
          i++;
          continue;
        }
        if (code !== QUOTE) return i;
        const key = validStringEnd(text, i);
        if ('error' in key) return key.error;
        i = key.end;
        expect = 'colon';
        continue;
      }
      case 'value':
      case 'first-value': {
        if (code === CLOSE_ARRAY && expect === 'first-value') {
          stack.pop();
          expect = afterValue();
          i++;
          continue;
        }
        if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
          stack.push(code === OPEN_OBJECT);
          expect = code === OPEN_OBJECT ? 'first-key' : 'first-value';
          i++;
          continue;
        }
        if (code === QUOTE) {
          const value = validStringEnd(text, i);
          if ('error' in value) return value.error;
          i = value.end;
        } else {
          NUMBER.lastIndex = i;
          const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
          if (literal) i += literal.length;
          else if (NUMBER.test(text)) i = NUMBER.lastIndex;
          else return i;
        }
        expect = afterValue();
        continue;
      }
    }
  }
  return expect === 'end' ? null : n;
}
