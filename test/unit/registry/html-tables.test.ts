import { describe, expect, it } from 'vitest';
import { extractHtmlTables } from '../../../src/core/registry/html-tables';
import { extractWikitextTables } from '../../../src/core/registry/wikitext-tables';

const texts = (rows: { text: string }[][]) => rows.map((r) => r.map((c) => c.text));

describe('extractHtmlTables', () => {
  it('expands rowspan and colspan so every row has the same columns', () => {
    const [table] = extractHtmlTables(`<table class="wikitable">
      <tr><th>A</th><th>B</th><th>C</th></tr>
      <tr><td rowspan="3">a1</td><td>b1</td><td>c1</td></tr>
      <tr><td colspan="2">bc2</td></tr>
      <tr><td>b3</td><td rowspan="2">c3</td></tr>
      <tr><td>a4</td><td>b4</td></tr>
    </table>`);
    expect(texts(table!.rows)).toEqual([
      ['A', 'B', 'C'],
      ['a1', 'b1', 'c1'],
      ['a1', 'bc2', 'bc2'],
      ['a1', 'b3', 'c3'],
      ['a4', 'b4', 'c3'],
    ]);
    expect(table!.rows[2]![0]!.spanned).toBe(true);
    expect(table!.rows[1]![0]!.spanned).toBe(false);
  });

  it('keeps links, turns <br> and lists into lines, and drops footnotes and hidden sort keys', () => {
    const [table] = extractHtmlTables(`<table class="wikitable"><tr>
      <td><span style="display: none">zz</span><a href="/wiki/User:Cscott" title="User:Cscott"><b>C. Scott</b></a><br>Tim&nbsp;Starling<sup class="reference"><a href="#cite_note-1">[1]</a></sup></td>
      <td>Text<ul><li>includes/api/</li></ul></td></tr></table>`);
    const [cell, desc] = table!.rows[0]!;
    expect(cell!.text).toBe('C. Scott\nTim Starling');
    expect(cell!.links).toEqual([{ href: '/wiki/User:Cscott', title: 'User:Cscott', text: 'C. Scott' }]);
    expect(cell!.footnotes).toEqual(['[1]']);
    expect(desc!.text).toBe('Text\nincludes/api/');
  });

  it('records the heading above each table and keeps nested tables apart', () => {
    const tables =
      extractHtmlTables(`<h2 id="core">MediaWiki core<span class="mw-editsection">[edit]</span></h2>
      <table class="wikitable"><tr><td>outer<table class="inner"><tr><td>inner</td></tr></table></td><td>2</td></tr></table>`);
    expect(tables.map((t) => [t.index, t.heading, t.classes])).toEqual([
      [1, 'MediaWiki core', ['wikitable']],
      [2, 'MediaWiki core', ['inner']],
    ]);
    expect(texts(tables[0]!.rows)).toEqual([['outer', '2']]);
    expect(texts(tables[1]!.rows)).toEqual([['inner']]);
  });

  it('closes cells, rows and tables the page forgot to close', () => {
    const [table] = extractHtmlTables('<table class="wikitable"><tr><td>a<td>b<tr><td>c');
    expect(texts(table!.rows)).toEqual([['a', 'b'], ['c']]);
  });

  it('caps absurd spans instead of allocating them', () => {
    const [table] = extractHtmlTables('<table><tr><td rowspan="999999" colspan="999999">x</td></tr></table>');
    expect(table!.rows[0]!.length).toBe(50);
  });
});

describe('extractWikitextTables', () => {
  it('reads rows, inline cells, attributes, headers and source lines', () => {
    const wikitext = [
      '== Core ==', // 1
      '{| class="wikitable sortable"', // 2
      '! Component !! Steward<ref>note</ref>', // 3
      '|-', // 4
      '| rowspan="2" | [[Extension:Echo|Echo]] || Growth ([[Growth Team]])', // 5
      '|-', // 6
      "| '''Bold''' {{u|Bob}}", // 7
      '* includes/api/', // 8
      '|}', // 9
    ].join('\n');
    const [table] = extractWikitextTables(wikitext);
    expect(table!.heading).toBe('Core');
    expect(table!.classes).toEqual(['wikitable', 'sortable']);
    expect(texts(table!.rows)).toEqual([
      ['Component', 'Steward'],
      ['Echo', 'Growth (Growth Team)'],
      ['Echo', 'Bold Bob\nincludes/api/'],
    ]);
    expect(table!.rows[0]![1]!.footnotes).toEqual(['[1]']);
    expect(table!.rowLines).toEqual([3, 5, 7]);
    expect(table!.rows[2]![1]!.links).toEqual([{ href: '/wiki/User:Bob', title: 'User:Bob', text: 'Bob' }]);
  });

  it('does not split on pipes inside links and templates', () => {
    const [table] = extractWikitextTables(
      '{| class="wikitable"\n| [[User:A|Ann]], {{ll|Page|label}} || x\n|}',
    );
    expect(texts(table!.rows)).toEqual([['Ann, label', 'x']]);
  });

  it('never lets page text become markup attributes', () => {
    const [table] = extractWikitextTables('{| class="wikitable"\n| onclick="x()" style="a" | cell\n|}');
    expect(texts(table!.rows)).toEqual([['cell']]);
  });
});
