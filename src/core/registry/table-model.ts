// The shape both page readers (parser HTML and wikitext) reduce a table to, so that the
// Maintainers importer has one code path whatever the page came as.

export interface TableLink {
  /** As written: "/wiki/User:Legoktm", "https://...", "#cite_note-1". */
  href: string;
  title: string | null;
  text: string;
}

export interface TableCell {
  header: boolean;
  /** Visible text: footnote markers and hidden sort keys removed, <br> and blocks as newlines. */
  text: string;
  links: TableLink[];
  /** Footnote markers seen in the cell ("[1]", "[a]"), kept so nothing read is silently lost. */
  footnotes: string[];
  rowspan: number;
  colspan: number;
  /** True on the copies a rowspan/colspan puts into later rows/columns. */
  spanned: boolean;
}

export interface ExtractedTable {
  /** 1-based position among the page's tables. */
  index: number;
  classes: string[];
  /** The nearest heading above the table ("MediaWiki core"), if any. */
  heading: string | null;
  /** Rows with row/col spans expanded into a rectangular-ish grid. */
  rows: TableCell[][];
  /** 1-based source line of each row when the reader knows it (wikitext). */
  rowLines: (number | null)[];
}

/** Spans in hostile or broken input must not blow up memory. */
const MAX_ROWSPAN = 500;
const MAX_COLSPAN = 50;

export function clampSpan(raw: string | undefined, kind: 'row' | 'col'): number {
  const n = raw === undefined ? 1 : parseInt(raw, 10);
  if (!Number.isFinite(n) || n < 1) return n === 0 && kind === 'row' ? MAX_ROWSPAN : 1;
  return Math.min(n, kind === 'row' ? MAX_ROWSPAN : MAX_COLSPAN);
}

/**
 * Copies that spans may add to one table. The real page adds a few thousand; without a bound, a
 * 200 KB page of colspan=50 rowspan=500 cells would expand into hundreds of millions of cells. Past
 * it, spans are read as 1 (the table still reads, with columns possibly shifted).
 */
const MAX_SPAN_COPIES = 100_000;

/** Expand rowspan/colspan so that column i of every row means the same column. */
export function expandSpans(rawRows: TableCell[][]): TableCell[][] {
  const pending = new Map<number, { cell: TableCell; remaining: number }>();
  const out: TableCell[][] = [];
  let copies = 0;
  for (const raw of rawRows) {
    const row: TableCell[] = [];
    let col = 0;
    const fillPending = (): void => {
      for (let p = pending.get(col); p && p.remaining > 0; p = pending.get(col)) {
        row[col] = { ...p.cell, spanned: true };
        p.remaining--;
        if (p.remaining === 0) pending.delete(col);
        col++;
      }
    };
    for (const cell of raw) {
      fillPending();
      const cost = cell.colspan * cell.rowspan - 1;
      const spans = copies + cost <= MAX_SPAN_COPIES;
      if (spans) copies += cost;
      const colspan = spans ? cell.colspan : 1;
      for (let k = 0; k < colspan; k++) {
        row[col] = k === 0 ? cell : { ...cell, spanned: true };
        if (spans && cell.rowspan > 1) pending.set(col, { cell, remaining: cell.rowspan - 1 });
        col++;
      }
    }
    fillPending();
    // Spans that start further right than this row's own cells reach.
    let maxPending = -1;
    for (const key of pending.keys()) if (key > maxPending) maxPending = key;
    while (col <= maxPending) {
      if (pending.has(col)) {
        fillPending();
      } else {
        // The gap before a span is filled with empty cells, which count against the budget too.
        col++;
        if (++copies > MAX_SPAN_COPIES) pending.clear();
      }
    }
    out.push(Array.from(row, (c) => c ?? emptyCell()));
  }
  return out;
}

export function emptyCell(): TableCell {
  return { header: false, text: '', links: [], footnotes: [], rowspan: 1, colspan: 1, spanned: true };
}

/** Collapse runs of spaces inside lines and drop blank lines. */
export function tidyCellText(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}
