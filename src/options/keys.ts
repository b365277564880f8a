// Stable keys for list rows the user adds and removes, so Preact keeps each row's input and focus.
let next = 0;

export function newKey(): string {
  next += 1;
  return `k${next}`;
}

/** A registry source id from its name: lower-case words joined by dashes, unique among `taken`. */
export function sourceId(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'source';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}
