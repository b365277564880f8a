// "Same shape" for JSON values: same keys and types, recursively. The elements of a captured array are
// merged into one shape (a key may hold a string in one transaction and null in another), and every
// element of the stand-in's array must fit it.

interface Shape {
  kinds: Set<string>;
  /** For objects: every key seen, with the shape of its values. */
  keys: Map<string, Shape>;
  /** For objects: keys present in every captured object. */
  required: Set<string> | null;
  /** For arrays: the merged shape of all elements (null when every captured array was empty). */
  items: Shape | null;
}

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

function shapeOf(value: unknown): Shape {
  const shape: Shape = { kinds: new Set([kindOf(value)]), keys: new Map(), required: null, items: null };
  if (Array.isArray(value)) {
    for (const item of value) shape.items = shape.items ? merge(shape.items, shapeOf(item)) : shapeOf(item);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(record)) shape.keys.set(key, shapeOf(child));
    shape.required = new Set(Object.keys(record));
  }
  return shape;
}

function merge(a: Shape, b: Shape): Shape {
  const keys = new Map(a.keys);
  for (const [key, shape] of b.keys)
    keys.set(key, keys.has(key) ? merge(keys.get(key) as Shape, shape) : shape);
  const required =
    a.required && b.required
      ? new Set([...a.required].filter((key) => b.required?.has(key)))
      : (a.required ?? b.required);
  const items = a.items && b.items ? merge(a.items, b.items) : (a.items ?? b.items);
  return { kinds: new Set([...a.kinds, ...b.kinds]), keys, required, items };
}

function check(actual: unknown, shape: Shape, path: string): string[] {
  const kind = kindOf(actual);
  if (!shape.kinds.has(kind)) return [`${path}: expected ${[...shape.kinds].join(' or ')}, got ${kind}`];
  if (kind === 'array') {
    if (!shape.items) return [];
    return (actual as unknown[]).flatMap((item, index) =>
      check(item, shape.items as Shape, `${path}[${index}]`),
    );
  }
  if (kind === 'object') {
    const record = actual as Record<string, unknown>;
    const problems: string[] = [];
    for (const key of shape.required ?? []) if (!(key in record)) problems.push(`${path}.${key}: missing`);
    for (const [key, value] of Object.entries(record)) {
      const child = shape.keys.get(key);
      if (!child) problems.push(`${path}.${key}: unexpected key`);
      else problems.push(...check(value, child, `${path}.${key}`));
    }
    return problems;
  }
  return [];
}

export function shapeDifferences(actual: unknown, expected: unknown): string[] {
  return check(actual, shapeOf(expected), '$');
}
