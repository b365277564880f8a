// Every user-visible string comes from _locales. Features keep their strings beside them in
// `*.messages.json` files that the build merges into _locales/en/messages.json (see scripts/locales.ts).
// Extension contexts read them through browser.i18n; browser tests install the merged catalog instead.
// browser.i18n is synchronous and identical in Chrome and Firefox, so it is read from the global
// directly: importing the polyfill here would make every test of a UI module fake it.
interface I18n {
  getMessage(key: string, substitutions?: string[]): string;
  getUILanguage(): string;
}

function i18n(): I18n | null {
  const scope = globalThis as { browser?: { i18n?: I18n }; chrome?: { i18n?: I18n } };
  return scope.browser?.i18n ?? scope.chrome?.i18n ?? null;
}

export type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

let testCatalog: Catalog | null = null;

/** For tests outside an extension: use this catalog instead of browser.i18n. */
export function installCatalog(catalog: Catalog): void {
  testCatalog = catalog;
}

function fromCatalog(catalog: Catalog, key: string, substitutions: string[]): string {
  const entry = catalog[key];
  if (!entry) return '';
  let message = entry.message;
  for (const [name, placeholder] of Object.entries(entry.placeholders ?? {})) {
    message = message.split(`$${name}$`).join(placeholder.content);
  }
  return message.replace(/\$(\d)/g, (_, digit: string) => substitutions[Number(digit) - 1] ?? '');
}

/** The localised string for `key`; `$1`… are replaced by the substitutions. Missing keys show the key. */
export function t(key: string, ...substitutions: Array<string | number>): string {
  const subs = substitutions.map(String);
  const message = testCatalog ? fromCatalog(testCatalog, key, subs) : (i18n()?.getMessage(key, subs) ?? '');
  return message || key;
}

// The browser's UI language does not change under a page: asked once (each call crosses into the browser,
// and a banner formats dozens of times).
let locale: string | null = null;

/** The UI language, for Intl formatting. */
export function uiLocale(): string {
  if (testCatalog) return 'en';
  if (locale === null) {
    try {
      locale = i18n()?.getUILanguage() ?? 'en';
    } catch {
      locale = 'en';
    }
  }
  return locale;
}
