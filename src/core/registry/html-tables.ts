// Reads the tables out of MediaWiki parser HTML (or a saved page) using the tokenizer, keeping the
// heading each table sits under, cell text, links and footnote markers.
import { hasClass, tokenizeHtml, type HtmlToken } from './html-tokenizer';
import {
  clampSpan,
  expandSpans,
  tidyCellText,
  type ExtractedTable,
  type TableCell,
  type TableLink,
} from './table-model';

const BLOCK = new Set(['p', 'div', 'li', 'ul', 'ol', 'dl', 'dd', 'dt', 'blockquote', 'pre', 'hr']);
const HEADING = /^h[1-6]$/;
const VOID = new Set(['br', 'img', 'wbr', 'hr', 'input', 'meta', 'link', 'col', 'source', 'area', 'base']);
/** A footnote marker as rendered: "[1]", "[a]", "[note 2]", "[citation needed]". */
const FOOTNOTE_TEXT = /^\s*\[[^\]\n]{1,30}\]\s*$/;

interface CellBuilder {
  header: boolean;
  parts: string[];
  links: TableLink[];
  footnotes: string[];
  rowspan: number;
  colspan: number;
}

interface TableBuilder {
  index: number;
  classes: string[];
  heading: string | null;
  rows: CellBuilder[][];
  rowLines: (number | null)[];
  row: CellBuilder[] | null;
  rowLine: number | null;
  cell: CellBuilder | null;
}

function isHidden(attrs: Record<string, string>): boolean {
  const style = (attrs.style ?? '').replace(/\s+/g, '').toLowerCase();
  return (
    style.includes('display:none') ||
    hasClass(attrs, 'mw-editsection') ||
    hasClass(attrs, 'sortkey') ||
    'hidden' in attrs
  );
}

function finishCell(c: CellBuilder): TableCell {
  return {
    header: c.header,
    text: tidyCellText(c.parts.join('')),
    links: c.links.map((l) => ({ ...l, text: tidyCellText(l.text).replace(/\n/g, ' ') })),
    footnotes: c.footnotes,
    rowspan: c.rowspan,
    colspan: c.colspan,
    spanned: false,
  };
}

export function extractHtmlTables(html: string): ExtractedTable[] {
  return extractFromTokens(tokenizeHtml(html));
}

export function extractFromTokens(tokens: HtmlToken[]): ExtractedTable[] {
  const done: ExtractedTable[] = [];
  const stack: TableBuilder[] = [];
  let tableCount = 0;
  let heading: string | null = null;
  let headingParts: string[] | null = null;
  // Depth counters for elements whose text is not cell text.
  let hiddenDepth = 0;
  const hiddenStack: string[] = [];
  // How often each name is on hiddenStack: an end tag that closes nothing is answered without a scan.
  const hiddenOpen = new Map<string, number>();
  const pushHidden = (name: string): void => {
    hiddenStack.push(name);
    hiddenOpen.set(name, (hiddenOpen.get(name) ?? 0) + 1);
  };
  let supDepth = 0;
  let supParts: string[] = [];
  let supIsReference = false;
  // Links do not nest in HTML: a new <a> ends the open one, as a browser's parser does. (Recording
  // text into every open link would be quadratic for a page of unclosed <a> tags.)
  let openLink: TableLink | null = null;

  const top = (): TableBuilder | undefined => stack[stack.length - 1];
  const emit = (text: string): void => {
    if (hiddenDepth > 0) return;
    if (headingParts) {
      headingParts.push(text);
      return;
    }
    if (supDepth > 0) {
      supParts.push(text);
      return;
    }
    const cell = top()?.cell;
    if (!cell) return;
    cell.parts.push(text);
    if (openLink) openLink.text += text;
  };
  const closeCell = (t: TableBuilder): void => {
    if (t.cell && t.row) t.row.push(t.cell);
    t.cell = null;
    openLink = null;
  };
  const closeRow = (t: TableBuilder): void => {
    closeCell(t);
    if (t.row && t.row.length > 0) {
      t.rows.push(t.row);
      t.rowLines.push(t.rowLine);
    }
    t.row = null;
    t.rowLine = null;
  };
  const closeTable = (): void => {
    const t = stack.pop();
    if (!t) return;
    closeRow(t);
    const rows = expandSpans(t.rows.map((r) => r.map(finishCell)));
    done.push({ index: t.index, classes: t.classes, heading: t.heading, rows, rowLines: t.rowLines });
  };

  for (const tok of tokens) {
    if (tok.type === 'text') {
      emit(tok.text);
      continue;
    }
    const name = tok.name;
    if (tok.type === 'start') {
      if (hiddenDepth > 0) {
        if (!tok.selfClosing && !VOID.has(name)) pushHidden(name);
        continue;
      }
      if (isHidden(tok.attrs) && !tok.selfClosing && !VOID.has(name) && name !== 'table') {
        hiddenDepth = 1;
        hiddenStack.length = 0;
        hiddenOpen.clear();
        pushHidden(name);
        continue;
      }
      if (HEADING.test(name) && stack.length === 0) {
        headingParts = [];
        continue;
      }
      if (name === 'table') {
        tableCount++;
        stack.push({
          index: tableCount,
          classes: (tok.attrs.class ?? '').split(/\s+/).filter(Boolean),
          heading,
          rows: [],
          rowLines: [],
          row: null,
          rowLine: null,
          cell: null,
        });
        continue;
      }
      const t = top();
      if (name === 'tr' && t) {
        closeRow(t);
        t.row = [];
        // The wikitext reader marks rows with their source line, for provenance.
        const line = parseInt(tok.attrs['data-line'] ?? '', 10);
        t.rowLine = Number.isFinite(line) ? line : null;
        continue;
      }
      if ((name === 'td' || name === 'th') && t) {
        closeCell(t);
        if (!t.row) t.row = [];
        t.cell = {
          header: name === 'th',
          parts: [],
          links: [],
          footnotes: [],
          rowspan: clampSpan(tok.attrs.rowspan, 'row'),
          colspan: clampSpan(tok.attrs.colspan, 'col'),
        };
        continue;
      }
      if (name === 'sup') {
        if (supDepth === 0) {
          supParts = [];
          supIsReference = hasClass(tok.attrs, 'reference');
        }
        supDepth++;
        continue;
      }
      if (name === 'a') {
        if (supDepth === 0 && t?.cell && !tok.selfClosing) {
          const link: TableLink = { href: tok.attrs.href ?? '', title: tok.attrs.title ?? null, text: '' };
          t.cell.links.push(link);
          openLink = link;
        } else if (!tok.selfClosing) {
          openLink = null;
        }
        continue;
      }
      if (name === 'br' || BLOCK.has(name)) emit('\n');
      continue;
    }
    // End tags.
    if (hiddenDepth > 0) {
      // The scan back stops at the element it closes, and all it passes is removed: linear overall.
      if ((hiddenOpen.get(name) ?? 0) > 0) {
        const at = hiddenStack.lastIndexOf(name);
        for (const removed of hiddenStack.splice(at)) {
          hiddenOpen.set(removed, (hiddenOpen.get(removed) ?? 1) - 1);
        }
      }
      if (hiddenStack.length === 0) hiddenDepth = 0;
      continue;
    }
    if (HEADING.test(name) && headingParts) {
      heading = tidyCellText(headingParts.join('')).replace(/\n/g, ' ') || heading;
      headingParts = null;
      continue;
    }
    const t = top();
    if (name === 'table') {
      closeTable();
      continue;
    }
    if ((name === 'td' || name === 'th') && t) {
      closeCell(t);
      continue;
    }
    if (name === 'tr' && t) {
      closeRow(t);
      continue;
    }
    if (name === 'sup' && supDepth > 0) {
      supDepth--;
      if (supDepth === 0) {
        const text = supParts.join('');
        const cell = top()?.cell;
        if (supIsReference || FOOTNOTE_TEXT.test(text)) {
          if (cell && text.trim()) cell.footnotes.push(text.trim());
        } else {
          emit(text);
        }
      }
      continue;
    }
    if (name === 'a') {
      openLink = null;
      continue;
    }
    if (BLOCK.has(name)) emit('\n');
  }
  while (stack.length > 0) closeTable();
  return done.sort((a, b) => a.index - b.index);
}
