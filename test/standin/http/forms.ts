// Request data the way PHP sees it: query string and form body merged ($_REQUEST), with PHP's bracket
// syntax (constraints[ids][0]=14) turned into nested arrays, and cookies.

export type PhpValue = string | PhpArray;
export interface PhpArray {
  [key: string]: PhpValue;
}

/** Parses "a[b][0]=1&a[b][1]=2" pairs into nested records the way PHP fills $_POST. */
export function phpNest(pairs: Iterable<[string, string]>): PhpArray {
  const root: PhpArray = {};
  for (const [rawKey, value] of pairs) {
    const first = rawKey.indexOf('[');
    if (first <= 0 || !rawKey.endsWith(']')) {
      root[rawKey] = value;
      continue;
    }
    const base = rawKey.slice(0, first);
    const parts = rawKey
      .slice(first + 1, -1)
      .split('][')
      .map((part) => part);
    let node: PhpArray = root;
    let key = base;
    for (const part of parts) {
      let child = node[key];
      if (typeof child !== 'object') {
        child = {};
        node[key] = child;
      }
      node = child;
      key = part === '' ? String(nextIndex(node)) : part;
    }
    node[key] = value;
  }
  return root;
}

function nextIndex(node: PhpArray): number {
  const indexes = Object.keys(node)
    .filter((key) => /^\d+$/.test(key))
    .map(Number);
  return indexes.length ? Math.max(...indexes) + 1 : 0;
}

/** A PHP array with keys 0..n-1 in order is a list in JSON; PHP code sees both the same way. */
export function phpToJson(value: PhpValue): unknown {
  if (typeof value === 'string') return value;
  const keys = Object.keys(value);
  const isList = keys.every((key, index) => key === String(index));
  if (isList) return keys.map((key) => phpToJson(value[key] as PhpValue));
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = phpToJson(value[key] as PhpValue);
  return out;
}

export function parseUrlEncoded(text: string): [string, string][] {
  return [...new URLSearchParams(text)];
}

/** Text fields of a multipart/form-data body (files are kept as their text). */
export function parseMultipart(body: Buffer, contentType: string): [string, string][] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return [];
  const text = body.toString('utf8');
  const pairs: [string, string][] = [];
  for (const part of text.split(`--${marker}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) continue;
    pairs.push([name, part.slice(split + 4).replace(/\r\n$/, '')]);
  }
  return pairs;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const piece of (header ?? '').split(';')) {
    const index = piece.indexOf('=');
    if (index <= 0) continue;
    const name = piece.slice(0, index).trim();
    if (!cookies.has(name)) cookies.set(name, piece.slice(index + 1).trim());
  }
  return cookies;
}

export interface RequestData {
  /** Merged query + body pairs, body last (it wins, as in $_REQUEST with the default order). */
  pairs: [string, string][];
  nested: PhpArray;
}

export function requestData(
  query: URLSearchParams,
  body: Buffer,
  contentType: string | undefined,
): RequestData {
  const pairs: [string, string][] = [...query];
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    pairs.push(...parseUrlEncoded(body.toString('utf8')));
  } else if (type.startsWith('multipart/form-data')) {
    pairs.push(...parseMultipart(body, contentType ?? ''));
  }
  return { pairs, nested: phpNest(pairs) };
}
