// The review page's exports. The CSV is read back by an RFC 4180 parser written here from the RFC; the
// Remarkup table is read the way Phorge's own table rule reads it (PhutilRemarkupSimpleTableBlockRule:
// the same cell pattern, `[[ … | … ]]` links kept whole, a row of `--` cells marking the header), and
// its syntax is the one of the captured remarkup.process request that Phorge rendered into a table.
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../../src/review/export-csv';
import {
  remarkupLink,
  remarkupTaskLink,
  remarkupText,
  toRemarkupTable,
} from '../../../src/review/export-remarkup';
import { reviewCsv, reviewRemarkup } from '../../../src/review/review-model';
import captureText from '../../fixtures/conduit/remarkup.process.table.request.json?raw';
import { NOW, reviewRowFixture } from '../../fixtures/review/rows';

/**
 * RFC 4180, section 2: records end in CRLF; a quoted field may hold CRLF, commas and doubled quotes.
 * The file starts with a UTF-8 byte order mark (for Excel), which is not part of the first field.
 */
function parseCsv(file: string): string[][] {
  expect(file.startsWith('\ufeff')).toBe(true);
  const text = file.slice(1);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (quoted) {
      if (c === '"' && next === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && next === '\n') {
      endField();
      records.push(record);
      record = [];
      i += 2;
      continue;
    } else if (c === '"' || c === '\n' || c === '\r') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else field += c;
    i += 1;
  }
  if (field !== '' || record.length > 0) throw new Error('last record not ended by CRLF');
  return records;
}

/** Phorge's table rule, as in PhutilRemarkupSimpleTableBlockRule::markupText. */
function phorgeTable(text: string): { header: string[] | null; rows: string[][] } {
  const cell = /\|((?:(?:\[\[.*?\]\])|(?:[^|[]+)|(?:\[[^|[]))*)/g;
  const rows: string[][] = [];
  let header: string[] | null = null;
  for (const raw of text.split('\n')) {
    if (raw === '') continue;
    expect(raw).toMatch(/^\s*\|/);
    const line = raw.replace(/\|+$/, '');
    const cells = [...line.matchAll(cell)].map((m) => m[1]!.trim());
    const anyHeader = cells.some((c) => /^--+$/.test(c));
    const anyContent = cells.some((c) => c !== '' && !/^--+$/.test(c));
    if (anyHeader && !anyContent) header = rows.pop() ?? null;
    else rows.push(cells);
  }
  return { header, rows };
}

const HOSTILE = 'Login | broken [[ x | y ]] =cmd() @alice {T1}\nsecond line, "quoted"';

describe('CSV export', () => {
  it('reads back, field for field, with an RFC 4180 parser', () => {
    const rows = [reviewRowFixture(14, { title: HOSTILE }), reviewRowFixture(6, { owner: 'acknowledged' })];
    const records = parseCsv(reviewCsv(rows, NOW));
    expect(records).toHaveLength(3);
    expect(records.every((r) => r.length === records[0]!.length)).toBe(true);
    expect(records[0]![0]).toBe('Task');
    expect(records[1]![0]).toBe('T14');
    expect(records[1]![1]).toBe(HOSTILE);
    expect(records[1]![2]).toBe('7 days');
    expect(records[1]![3]).toBe('none');
    expect(records[1]![5]).toBe('CentralAuth (Platform)');
    expect(records[2]![3]).toBe('dave (acknowledged)');
    expect(records[1]![7]).toBe('http://127.0.0.1:8080/T14');
    expect(records[1]![9]).toBe('168');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvField(`${start}HYPERLINK("http://evil")`)).toMatch(/^"?'/);
    expect(parseCsv(toCsv(['a'], [['=1+1'], ['-2'], ['plain']]))).toEqual([
      ['a'],
      ["'=1+1"],
      ["'-2"],
      ['plain'],
    ]);
    // Numbers the page writes itself are not touched.
    expect(csvField(-1)).toBe('-1');
  });
});

describe('Remarkup export', () => {
  it('is the table syntax of the captured remarkup.process request Phorge rendered as a table', () => {
    const capture = JSON.parse(captureText) as { params: { contents: string[] } };
    const sent = capture.params.contents[0]!;
    const ours = toRemarkupTable(
      ['Task', 'Age', 'Process owner'],
      [
        ['T14', '1 hour', '//none//'],
        ['T6', '2 days', '@carol (declared)'],
      ],
    );
    expect(sent).toContain(ours);
  });

  it('reads back as Phorge reads it: one row per task, a header, links whole, user text unable to add cells', () => {
    const rows = [reviewRowFixture(14, { title: HOSTILE }), reviewRowFixture(6, { owner: 'declared' })];
    const text = reviewRemarkup(rows, NOW);
    const table = phorgeTable(text);
    expect(table.header).toEqual([
      'Task',
      'Title',
      'UBN! for',
      'Process owner',
      'Last activity',
      'Components (stewards)',
      'Flags',
    ]);
    expect(table.rows).toHaveLength(2);
    for (const row of table.rows) expect(row).toHaveLength(7);
    // Pasted, it mentions no task: no monogram, no link to the instance's own /T14.
    expect(table.rows[0]![0]).toBe('T\u200b14');
    expect(table.rows[0]![1]).toMatch(/^\[\[ http:\/\/127\.0\.0\.1:8080\/maniphest\/\?ids=14 \| .+ \]\]$/);
    expect(text).not.toMatch(/(^|[^A-Za-z0-9_])T\d/m);
    expect(text).not.toMatch(/\/T\d/);
    // No mention, embed or second link sneaks in from the title.
    expect(table.rows[0]![1]).not.toMatch(/@alice|\{T1\}|\[\[ x/);
    expect(table.rows[1]![3]).toBe('dave (declared, not acknowledged)');
  });

  it('links only http(s) URLs', () => {
    expect(remarkupLink('javascript:alert(1)', 'x')).toBe('x');
    expect(remarkupLink('https://phab.example.org/T1', 'a|b')).toBe(
      '[[ https://phab.example.org/T1 | a¦b ]]',
    );
    expect(remarkupText('a\r\nb')).toBe('a b');
  });

  it('breaks every object monogram in user text and sends task links to the search for that id', () => {
    expect(remarkupText('Regression from T100 and D42, see P7.')).toBe(
      'Regression from T\u200b100 and D\u200b42, see P\u200b7.',
    );
    // Words with digits inside are left alone.
    expect(remarkupText('abc123 x2 IPv6')).toBe('abc123 x2 IPv6');
    expect(remarkupTaskLink('https://phab.example.org/T14', 'Login down')).toBe(
      '[[ https://phab.example.org/maniphest/?ids=14 | Login down ]]',
    );
    expect(remarkupTaskLink('https://phab.example.org/w/page', 'x')).toBe(
      '[[ https://phab.example.org/w/page | x ]]',
    );
  });
});
