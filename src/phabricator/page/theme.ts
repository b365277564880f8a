import { mayAll } from './selectors';

/**
 * How Phorge themes a page. Phorge has no body class or CSS custom properties for dark mode: the
 * viewer's Settings > Display Preferences > Accessibility choice ("resource-postprocessor", values
 * "default", "darkmode" = "Dark Mode (Experimental)", ...) selects a Celerity postprocessor that
 * substitutes colour variables into the CSS when it is served, and the choice shows up in every
 * stylesheet URL: `/res/darkmodeX/phabricator/<hash>/core.pkg.css` (developer mode prefixes
 * `<mtime>T/`). The body's `phui-theme-*` class is only the top bar colour (ui.header-color).
 * Phorge ignores the OS colour scheme, so prefers-color-scheme says nothing about the page.
 */
export interface PageTheme {
  readonly scheme: 'light' | 'dark';
  /** The Celerity postprocessor key from the stylesheet URLs ("default", "darkmode"...), if any. */
  readonly postprocessor: string | null;
  /** stylesheet: from the URLs; computed: from the page background (no Celerity URL found). */
  readonly source: 'stylesheet' | 'computed' | 'default';
}

const DARK_POSTPROCESSORS: ReadonlySet<string> = new Set(['darkmode']);
const POSTPROCESSOR_IN_PATH = /^\/res\/(?:\d+T\/)?([A-Za-z0-9_-]+)X\//;

export function readPageTheme(doc: Document): PageTheme {
  for (const link of mayAll(doc, 'celerityStylesheet')) {
    const key = postprocessorFromHref(link.getAttribute('href'));
    if (key !== null) {
      return {
        scheme: DARK_POSTPROCESSORS.has(key) ? 'dark' : 'light',
        postprocessor: key,
        source: 'stylesheet',
      };
    }
  }
  // Celerity URLs without a key mean the default postprocessor; a page with no Celerity CSS at all
  // (a custom skin, a proxy) is judged by what it actually paints.
  const computed = schemeFromBackground(doc);
  if (computed !== null) return { scheme: computed, postprocessor: null, source: 'computed' };
  return { scheme: 'light', postprocessor: null, source: 'default' };
}

export function postprocessorFromHref(href: string | null): string | null {
  if (href === null) return null;
  let path: string;
  try {
    path = new URL(href, 'https://phorge.invalid/').pathname;
  } catch {
    return null;
  }
  return POSTPROCESSOR_IN_PATH.exec(path)?.[1] ?? null;
}

function schemeFromBackground(doc: Document): 'light' | 'dark' | null {
  const view = doc.defaultView;
  if (view === null || doc.body === null) return null;
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(
    view.getComputedStyle(doc.body).backgroundColor,
  );
  if (rgb === null || rgb[4] === '0') return null;
  const [r, g, b] = [rgb[1], rgb[2], rgb[3]].map((c) => linear(Number(c) / 255)) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Phorge's dark page background (#223246) has a luminance of about 0.03; its light one about 0.9.
  return luminance < 0.2 ? 'dark' : 'light';
}

function linear(channel: number): number {
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}
