// Links only ever point to http(s) (and mailto for mailing lists): registry text and Phabricator data
// are untrusted, and a `javascript:` or `data:` URL in them must render as text.

const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/** The normalised URL if it is absolute http(s) or mailto, else null. */
export function safeHref(href: string | null | undefined, options: { mailto?: boolean } = {}): string | null {
  if (href === null || href === undefined) return null;
  const trimmed = href.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (!ALLOWED.has(url.protocol)) return null;
  if (url.protocol === 'mailto:' && options.mailto === false) return null;
  return url.href;
}
