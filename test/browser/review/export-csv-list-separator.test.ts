// The review page's CSV as Excel reads it where the list separator is ";" (de-DE, fr-FR, nl-NL, …): a ";"
// in a title must not start a new cell there, or that cell escapes the leading apostrophe that defuses
// formulas, and a title like `Login broken;=1+1;` puts a live formula in the sheet.
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/review/export-csv';

/** CSV as Excel reads it with a given separator: quoted fields honoured, records split on CRLF. */
function cellsWith(file: string, separator: string): string[] {
  const text = file.replace(/^\ufeff/, '');
  const cells: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator || c === '\n') {
      cells.push(field);
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '') cells.push(field);
  return cells;
}

const FORMULA = /^[=+\-@\t\r]/;

describe('CSV export opened where the list separator is ";"', () => {
  it('(control: with "," no cell starts a formula)', () => {
    const file = toCsv(['Task', 'Title'], [['T14', 'Login broken;=1+1;']]);
    expect(cellsWith(file, ',').filter((c) => FORMULA.test(c))).toEqual([]);
  });

  it('no cell of a hostile title starts a formula', () => {
    const titles = ['Login broken;=1+1;', "x;=cmd|' /C calc'!A0;", 'a;@SUM(1);', 'a;-2+3;'];
    const file = toCsv(
      ['Task', 'Title'],
      titles.map((title, i) => [`T${i + 1}`, title]),
    );
    expect(cellsWith(file, ';').filter((c) => FORMULA.test(c))).toEqual([]);
  });

  it('nor one of a title that also needs quotes, or puts a quote or a line break before the formula', () => {
    const titles = ['a, b;=1+1', 'a, b;"=1+1"', 'a, "b";', 'a;"=1+1";', 'first\n=1+1', 'tab;\t=1+1, x'];
    const file = toCsv(
      ['Task', 'Title'],
      titles.map((title, i) => [`T${i + 1}`, title]),
    );
    expect(cellsWith(file, ';').filter((c) => FORMULA.test(c))).toEqual([]);
    expect(cellsWith(file, ',').filter((c) => FORMULA.test(c))).toEqual([]);
  });

  it('keeps a title without such a cell as it was', () => {
    const file = toCsv(['Task', 'Title'], [['T1', 'Login broken; users locked out, "again"']]);
    expect(file).toContain('"Login broken; users locked out, ""again"""');
  });
});
