// The review page's "Copy as Remarkup": a task title goes into the name of a `[[ url | name ]]` link, read
// back the way Phorge's PhutilRemarkupDocumentLinkRule reads links. Its name part is `[^\]]+`, so a `]` in
// the name (titles like "[Regression] …") must not undo the link; and the same rule reads markdown-style
// `[text](href)` links in what is left, which neither a title nor a registry name may plant in the paste.
import { describe, expect, it } from 'vitest';
import { remarkupTaskLink, remarkupText, toRemarkupTable } from '../../../src/review/export-remarkup';

// PhutilRemarkupDocumentLinkRule::apply (Phorge), with PCRE's /U (ungreedy) written as lazy quantifiers.
const DOC_LINK = /\B\[\[([^|\]]+?)(?:\|([^\]]+?))??\]\]\B/g;
const MARKDOWN_LINK = /\B\[([^\]]+?)\]\((\s*[^\s()]*?(?:(?:\([^ ()]*?\))+?[^\s()]*?)??\s*?)\)\B/g;

/** The links Phorge renders from one table cell: [[ ]] links first (stored away), then markdown ones. */
function phorgeLinks(cell: string): { href: string; name: string }[] {
  const links: { href: string; name: string }[] = [];
  const rest = cell.replace(DOC_LINK, (_, href: string, name?: string) => {
    links.push({ href: href.trim(), name: (name ?? href).trim() });
    return '\u0001';
  });
  for (const m of rest.matchAll(MARKDOWN_LINK)) links.push({ href: m[2]!.trim(), name: m[1]!.trim() });
  return links;
}

const visible = (text: string) => text.replace(/\u200b/g, '');
const URL = 'http://127.0.0.1:8080/T14';

describe('Remarkup export: a title with square brackets', () => {
  it('(control: the rule as written here reads a plain title as one link)', () => {
    const links = phorgeLinks(remarkupTaskLink(URL, 'Global login fails @alice {T1} a|b'));
    expect(links).toHaveLength(1);
    expect(links[0]!.href).toBe('http://127.0.0.1:8080/maniphest/?ids=14');
  });

  it('still renders as the one link to the task, named by the title', () => {
    const title = '[Regression] Global login fails';
    const cell = remarkupTaskLink(URL, title);
    const links = phorgeLinks(cell);
    expect(links).toHaveLength(1);
    expect(links[0]!.href).toBe('http://127.0.0.1:8080/maniphest/?ids=14');
    expect(visible(links[0]!.name)).toContain('Regression');
    expect(visible(links[0]!.name)).toContain('Global login fails');
  });

  it('cannot plant a markdown link to another site in the pasted review', () => {
    const title = 'Login broken, see [the workaround](https://evil.example/phish)';
    const table = toRemarkupTable(['Task', 'Title'], [['T\u200b14', remarkupTaskLink(URL, title)]]);
    const cell = table.split('\n')[2]!;
    const hrefs = phorgeLinks(cell).map((l) => l.href);
    expect(hrefs.filter((h) => h.includes('evil.example'))).toEqual([]);
    expect(hrefs).toEqual(['http://127.0.0.1:8080/maniphest/?ids=14']);
  });
});

describe('Remarkup export: user text outside links (component and steward names, flags)', () => {
  it('cannot carry a markdown-style link either', () => {
    // Component and team names come from the registry, e.g. mediawiki.org's Developers/Maintainers page,
    // which any wiki account can edit; the export writes them with remarkupText into plain cells.
    const cell = remarkupText('Login [help desk](https://evil.example/phish) (Platform Team)');
    expect(phorgeLinks(cell).map((l) => l.href)).toEqual([]);
  });
});
