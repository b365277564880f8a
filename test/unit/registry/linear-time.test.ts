// Every parser and pattern that reads registry, wiki page or Conduit text must take time linear in
// its input, whatever the input: a vandalised wiki page must not stall the worker. Each case feeds
// one parser adversarial text at 1×, 10× and 100× size (generated here) and fails when time grows
// faster than linearly between 10× and 100× (about 10 for linear, 100 for quadratic; see LIMIT). A ratio, not a
// wall-clock limit: the machine's speed cancels out.
import { describe, expect, it } from 'vitest';
import { findDeclarations } from '../../../src/core/escalation/declarations';
import { detectRegistrySource } from '../../../src/core/registry/detect-source';
import { decodeEntities } from '../../../src/core/registry/html-entities';
import { extractHtmlTables } from '../../../src/core/registry/html-tables';
import { tokenizeHtml } from '../../../src/core/registry/html-tokenizer';
import { pathsFromDescription } from '../../../src/core/registry/maintainers-import';
import { normaliseHeader } from '../../../src/core/registry/maintainers-layout';
import { detectPageForm, importMaintainersPage } from '../../../src/core/registry/maintainers-page';
import {
  parseConsultedCell,
  parseMaintainerCell,
  parseStewardCell,
} from '../../../src/core/registry/owner-cells';
import { parseRegistryText } from '../../../src/core/registry/parse';
import type { TableCell, TableLink } from '../../../src/core/registry/table-model';
import { wikitextInlineToHtml } from '../../../src/core/registry/wikitext-inline';
import { extractWikitextTables } from '../../../src/core/registry/wikitext-tables';
import { errorFromReply } from '../../../src/phabricator/conduit/classify';
import { growthRatio } from './growth-ratio';

/**
 * Linear work grows about 10× from 10× to 100× size; garbage collection and caches push that to 15-20
 * for allocation-heavy parsers alone (a 40,000-deep JSON document: 16), and to 28 with the browser tests
 * running beside them in CI; quadratic work grows about 100×, so 40 still tells the two apart.
 */
const LIMIT = 40;

/** t(100×) / t(10×) for input built by `make(scale)`, after a warm-up at every size. */
function growth(make: (scale: number) => string, run: (input: string) => unknown): number {
  run(make(1));
  return growthRatio(make(10), make(100), run, LIMIT);
}

const cell = (text: string, links: TableLink[] = []): TableCell => ({
  header: false,
  text,
  links,
  footnotes: [],
  rowspan: 1,
  colspan: 1,
  spanned: false,
});
/** The cell for a list of linked users, built once per size so that only the parse is timed. */
const linkedCells = new Map<string, TableCell>();
function linkedCell(text: string): TableCell {
  let found = linkedCells.get(text);
  if (!found) {
    found = cell(
      text,
      Array.from({ length: text.split(',').length }, (_, i) => userLink(i)),
    );
    linkedCells.set(text, found);
  }
  return found;
}
const userLink = (i: number): TableLink => ({ href: `/wiki/User:U${i}`, title: `User:U${i}`, text: `U${i}` });
const wikitable = (cells: string): string =>
  `<table class="wikitable"><tr><th>Component</th><th>Steward</th><th>Individual maintainer</th></tr><tr><td>X</td><td>T</td><td>${cells}</td></tr></table>`;
const consultedTable = (cells: string): string =>
  `<table class="wikitable"><tr><th>Component</th><th>Steward</th><th>Individual maintainer</th><th>Consulted</th></tr><tr><td>X</td><td>T</td><td>a</td><td>${cells}</td></tr></table>`;
const wikitextTable = (cells: string): string =>
  `{| class="wikitable"\n! Component !! Steward !! Individual maintainer\n|-\n| X || T || ${cells}\n|}`;

// Each string is about 1.6 KB at 1×, 160 KB at 100×: the size of a real Maintainers reply.
const BASE = 400;
const cases: [string, (scale: number) => string, (input: string) => unknown][] = [
  ['path list: a run of ")"', (s) => `files/paths: a/${')'.repeat(BASE * 4 * s)}b`, pathsFromDescription],
  ['maintainer cell: "( " pairs', (s) => '( '.repeat(BASE * 2 * s), (t) => parseMaintainerCell(cell(t))],
  [
    'maintainer cell: a run of spaces',
    (s) => `a${' '.repeat(BASE * 4 * s)}b`,
    (t) => parseMaintainerCell(cell(t)),
  ],
  [
    'maintainer cell: thousands of linked users',
    (s) => Array.from({ length: BASE * s }, (_, i) => `U${i}`).join(', '),
    (t) => parseMaintainerCell(linkedCell(t)),
  ],
  [
    'steward cell: "Group (" runs',
    (s) => `Group ${'( '.repeat(BASE * 2 * s)}(Team)`,
    (t) => parseStewardCell(cell(t)),
  ],
  ['consulted cell: "( " pairs', (s) => '( '.repeat(BASE * 2 * s), (t) => parseConsultedCell(cell(t))],
  [
    'consulted cell: "formerly" runs',
    (s) => '(formerly '.repeat(BASE * s),
    (t) => parseConsultedCell(cell(t)),
  ],
  ['wikitext: unclosed <ref>', (s) => '<ref>'.repeat(BASE * s), (t) => wikitextInlineToHtml(t)],
  ['wikitext: <ref without ">"', (s) => '<ref '.repeat(BASE * s), (t) => wikitextInlineToHtml(t)],
  ['wikitext: unclosed <nowiki>', (s) => '<nowiki>'.repeat(BASE * s), (t) => wikitextInlineToHtml(t)],
  [
    'wikitext: nested user templates',
    (s) => `${'{{u|'.repeat(BASE * s)}x${'}}'.repeat(BASE * s)}`,
    (t) => wikitextInlineToHtml(t),
  ],
  [
    'wikitext: nested label templates',
    (s) => `${'{{ll|a|'.repeat(BASE * s)}x${'}}'.repeat(BASE * s)}`,
    (t) => wikitextInlineToHtml(t),
  ],
  ['wikitext: unclosed templates', (s) => '{{a|'.repeat(BASE * s), (t) => wikitextInlineToHtml(t)],
  ['wikitext: external links without "]"', (s) => '[//a '.repeat(BASE * s), (t) => wikitextInlineToHtml(t)],
  [
    'wikitext: external link, spaces, no "]"',
    (s) => `[//a${' '.repeat(BASE * 4 * s)}x`,
    (t) => wikitextInlineToHtml(t),
  ],
  ['wikitext: internal links without "]]"', (s) => '[[a|b '.repeat(BASE * s), (t) => wikitextInlineToHtml(t)],
  ['wikitext: heading-like line', (s) => `== a${' '.repeat(BASE * 4 * s)}b`, extractWikitextTables],
  ['wikitext: heading of "= "', (s) => `${'= '.repeat(BASE * 2 * s)}x`, extractWikitextTables],
  [
    'wikitext: list line of "*"',
    (s) => `{|\n|x\n${'*'.repeat(BASE * 4 * s)}\u2028\n|}`,
    extractWikitextTables,
  ],
  [
    'wikitext: unclosed attribute quotes',
    (s) => `{|\n|${'class="'.repeat(BASE * s)}| x\n|}`,
    extractWikitextTables,
  ],
  ['wikitext: unclosed comments', (s) => '<!--'.repeat(BASE * s), extractWikitextTables],
  [
    'wikitext: a table of <ref>',
    (s) => wikitextTable('<ref>a'.repeat(BASE * s)),
    (t) => importMaintainersPage(t),
  ],
  ['html: <style> elements', (s) => '<style></style>'.repeat(BASE * s), tokenizeHtml],
  ['html: unclosed attribute quotes', (s) => '<a x="'.repeat(BASE * s), tokenizeHtml],
  ['html: stray "<"', (s) => '< a'.repeat(BASE * s), tokenizeHtml],
  ['html: unclosed comments', (s) => '<!--'.repeat(BASE * s), tokenizeHtml],
  [
    'html: unmatched end tags in hidden text',
    (s) => `<span style="display:none">${'<b>'.repeat(BASE * s)}${'</i>'.repeat(BASE * s)}</span>`,
    extractHtmlTables,
  ],
  [
    'html: unclosed links in a cell',
    (s) => wikitable('<a href="/wiki/User:x">y'.repeat(BASE * s)),
    extractHtmlTables,
  ],
  [
    'html: large spans',
    (s) => `<table><tr>${'<td colspan=50 rowspan=500>x'.repeat(BASE * s)}</table>`,
    extractHtmlTables,
  ],
  [
    'html: "( " pairs in a maintainer cell',
    (s) => wikitable('( '.repeat(BASE * s)),
    (t) => importMaintainersPage(t),
  ],
  [
    'html: "( " pairs in a consulted cell',
    (s) => consultedTable('( '.repeat(BASE * s)),
    (t) => importMaintainersPage(t),
  ],
  [
    'html: ")" runs in a description',
    (s) => wikitable(`paths: a/${')'.repeat(BASE * 4 * s)}`),
    (t) => importMaintainersPage(t),
  ],
  ['entities: "&" runs', (s) => '&#x&amp'.repeat(BASE * s), decodeEntities],
  ['table header: "*" runs', (s) => `${'*'.repeat(BASE * 4 * s)}x`, normaliseHeader],
  ['source detection: "==" lines', (s) => `==a${'== '.repeat(BASE * s)}x`, detectRegistrySource],
  ['page form detection', (s) => `${' '.repeat(BASE * 4 * s)}<p`, detectPageForm],
  [
    'JSON registry: thousands of unknown keys',
    (s) => JSON.stringify(Object.fromEntries(Array.from({ length: (BASE / 4) * s }, (_, i) => [`k${i}`, 1]))),
    (t) => parseRegistryText(t, { source: 't' }),
  ],
  [
    'JSON registry: thousands of duplicate keys, deeply nested',
    (s) =>
      `${'{"a":'.repeat(BASE * s)}1${'}'.repeat(BASE * s)}`.replace(
        '{"a":1}',
        `{${'"k":1,'.repeat(BASE * s)}"k":1}`,
      ),
    (t) => parseRegistryText(t, { source: 't' }),
  ],
  [
    'JSON registry: a trailing comma after a long list (no position from the engine)',
    (s) => `{"components": [${'{"name": "a"}, '.repeat(BASE * s)}]}`,
    (t) => parseRegistryText(t, { source: 't' }),
  ],
  [
    'YAML registry in flow style: thousands of unquoted keys',
    (s) => `{${Array.from({ length: (BASE / 4) * s }, (_, i) => `k${i}: 1`).join(', ')}}`,
    (t) => parseRegistryText(t, { source: 't' }),
  ],
  [
    'YAML registry: a long flow list of aliases to one anchor',
    (s) =>
      `people: &p [{username: a}]\nteams: [${Array.from({ length: (BASE / 2) * s }, () => '{name: t, members: *p}').join(', ')}]`,
    (t) => parseRegistryText(t, { source: 't' }),
  ],
  [
    'YAML registry: thousands of unknown keys',
    (s) => Array.from({ length: (BASE / 4) * s }, (_, i) => `k${i}: 1`).join('\n'),
    (t) => parseRegistryText(t, { source: 't' }),
  ],
  [
    'YAML registry: aliases to many anchors',
    (s) =>
      `people:\n${Array.from({ length: (BASE / 8) * s }, (_, i) => `  - &a${i} {username: u${i}}`).join('\n')}\nteams:\n${Array.from({ length: (BASE / 8) * s }, (_, i) => `  - {name: t${i}, members: [*a${i}]}`).join('\n')}`,
    (t) => parseRegistryText(t, { source: 't' }),
  ],
  [
    'Conduit error_info: a run of "."',
    (s) => `x${'.'.repeat(BASE * 4 * s)}y`,
    (t) => errorFromReply({ method: 'm', authKind: 'token', host: 'h' }, 'ERR-X', t),
  ],
  [
    'comment: a mention ending in "." runs',
    (s) => `Process owner: @a${'.'.repeat(BASE * 4 * s)}b`,
    findDeclarations,
  ],
];

describe('parsers of outside text take linear time', () => {
  it.each(cases)('%s', { timeout: 60_000 }, (_name, make, run) => {
    expect(growth(make, run)).toBeLessThan(LIMIT);
  });
});
