// Tells a native registry (JSON/YAML) from a Developers/Maintainers page (API JSON, HTML, wikitext),
// so one command or one options field accepts either.
import { writtenAsJson } from './json-read';
import { looksLikeMediaWikiApi } from './mediawiki-api';

export type SourceKind = 'native-json' | 'native-yaml' | 'maintainers-page';

export function detectRegistrySource(text: string): SourceKind {
  const head = text.trimStart();
  if (head.startsWith('{|') || head.startsWith('{{')) return 'maintainers-page';
  if (head.startsWith('{') || head.startsWith('[')) {
    // YAML in flow style ("{people: [...]}") opens with "{" as well.
    if (!writtenAsJson(head)) return 'native-yaml';
    try {
      return looksLikeMediaWikiApi(JSON.parse(head)) ? 'maintainers-page' : 'native-json';
    } catch {
      // Broken JSON: let the registry parser explain where it breaks.
      return 'native-json';
    }
  }
  if (head.startsWith('<')) return 'maintainers-page';
  // Wikitext tables or section headings never appear in a YAML registry.
  if (/^\{\|/m.test(text) || /^==[^=\n].*==\s*$/m.test(text)) return 'maintainers-page';
  return 'native-yaml';
}
