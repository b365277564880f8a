// Reads the tables out of page wikitext ({| ... |}) by rewriting their structure as HTML and
// handing it to the HTML table reader; rows carry their source line for provenance.
import { escapeHtmlAttribute } from './html-entities';
import { extractHtmlTables } from './html-tables';
import type { ExtractedTable } from './table-model';
import { splitTopLevel, wikitextInlineToHtml, type RefCounter } from './wikitext-inline';

/** Real cell attributes are a few dozen characters; reading more would only give a regex more to scan. */
const MAX_ATTRIBUTE_TEXT = 500;
const SAFE_ATTRS = /\b(class|rowspan|colspan|style)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/gi;

/** Keep only the attributes the reader uses, re-quoted, so page text never becomes markup. */
function attributes(raw: string): string {
  let out = '';
  for (const m of raw.slice(0, MAX_ATTRIBUTE_TEXT).matchAll(SAFE_ATTRS)) {
    out += ` ${(m[1] ?? '').toLowerCase()}="${escapeHtmlAttribute(m[2] ?? m[3] ?? m[4] ?? '')}"`;
  }
  return out;
}

/** "rowspan=2 | text" → attributes and content; a pipe inside [[ ]] or {{ }} does not count. */
function splitCell(raw: string): { attrs: string; content: string } {
  const parts = splitTopLevel(raw, '|');
  if (parts.length >= 2 && !(parts[0] ?? '').includes('[') && (parts[1] ?? '') !== '') {
    return { attrs: attributes(parts[0] ?? ''), content: parts.slice(1).join('|') };
  }
  return { attrs: '', content: raw };
}

/**
 * "== Title ==" → level 2 and "Title". Counted rather than matched: a regex with a lazy middle and a
 * back-reference rescans long lines of "=" and spaces.
 */
function heading(trimmed: string): { level: number; text: string } | null {
  let lead = 0;
  while (lead < 6 && trimmed[lead] === '=') lead++;
  if (lead === 0) return null;
  let trail = 0;
  while (trail < 6 && trimmed[trimmed.length - 1 - trail] === '=') trail++;
  // Unequal runs: the extra "=" belong to the title, as in MediaWiki; the title keeps one character.
  const level = Math.min(lead, trail, Math.floor((trimmed.length - 1) / 2));
  if (level === 0) return null;
  const text = trimmed.slice(level, trimmed.length - level).trim();
  return text ? { level, text } : null;
}

function blockLine(line: string, refs: RefCounter): string {
  const list = /^([*#:;]+)\s*([\s\S]*)$/.exec(line);
  if (list) return `<li>${wikitextInlineToHtml(list[2] ?? '', refs)}</li>`;
  if (line.trim() === '') return '<p></p>';
  // Like MediaWiki, a plain line break inside a paragraph renders as a space.
  return ' ' + wikitextInlineToHtml(line, refs);
}

export function wikitextToTableHtml(wikitext: string): string {
  const refs: RefCounter = { count: 0 };
  const text = wikitext.replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => '\n'.repeat(c.split('\n').length - 1));
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  let depth = 0;
  let rowOpen = false;
  const openRow = (lineNo: number): void => {
    if (!rowOpen) {
      out.push(`<tr data-line="${lineNo}">`);
      rowOpen = true;
    }
  };
  lines.forEach((rawLine, i) => {
    const lineNo = i + 1;
    const line = rawLine.trimStart();
    if (depth === 0) {
      const h = heading(rawLine.trim());
      if (h && !line.startsWith('{|')) {
        out.push(`<h${h.level}>${wikitextInlineToHtml(h.text, refs)}</h${h.level}>`);
        return;
      }
      if (!line.startsWith('{|')) return;
    }
    if (line.startsWith('{|')) {
      out.push(`<table${attributes(line.slice(2))}>`);
      depth++;
      rowOpen = false;
      return;
    }
    if (line.startsWith('|}')) {
      out.push('</table>');
      depth--;
      rowOpen = depth > 0;
      return;
    }
    if (line.startsWith('|+')) return;
    if (line.startsWith('|-')) {
      if (rowOpen) out.push('</tr>');
      rowOpen = false;
      return;
    }
    if (line.startsWith('!') || line.startsWith('|')) {
      openRow(lineNo);
      const header = line.startsWith('!');
      const body = line.slice(1);
      const cells = header
        ? splitTopLevel(body, '!!').flatMap((c) => splitTopLevel(c, '||'))
        : splitTopLevel(body, '||');
      for (const raw of cells) {
        const { attrs, content } = splitCell(raw);
        const tag = header ? 'th' : 'td';
        out.push(`<${tag}${attrs}>${wikitextInlineToHtml(content, refs)}`);
      }
      return;
    }
    // A line that continues the current cell (lists of paths, second paragraph).
    out.push(blockLine(line, refs));
  });
  while (depth-- > 0) out.push('</table>');
  return out.join('\n');
}

export function extractWikitextTables(wikitext: string): ExtractedTable[] {
  return extractHtmlTables(wikitextToTableHtml(wikitext));
}
