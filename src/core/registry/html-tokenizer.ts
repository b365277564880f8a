// A small, tolerant HTML tokenizer. Core runs in a service worker, which has no DOMParser, and the
// importer only needs tags, attributes and text from MediaWiki's well-formed parser output; it must
// still survive hand-saved pages, stray "<" and unclosed tags without throwing.
import { decodeEntities } from './html-entities';

export type HtmlToken =
  | { type: 'start'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { type: 'end'; name: string }
  | { type: 'text'; text: string };

/** Elements whose content is not markup: skipped whole. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'template']);

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let i = 0;
  let textStart = 0;
  const flushText = (end: number): void => {
    if (end > textStart) tokens.push({ type: 'text', text: decodeEntities(html.slice(textStart, end)) });
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html[lt + 1];
    if (html.startsWith('<!--', lt)) {
      flushText(lt);
      const end = html.indexOf('-->', lt + 4);
      i = textStart = end < 0 ? html.length : end + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      // Doctype or processing instruction.
      flushText(lt);
      const end = html.indexOf('>', lt);
      i = textStart = end < 0 ? html.length : end + 1;
      continue;
    }
    const isEnd = next === '/';
    const nameMatch = /^[A-Za-z][A-Za-z0-9:-]*/.exec(html.slice(lt + (isEnd ? 2 : 1), lt + 40));
    if (!nameMatch) {
      // A literal "<" in text, e.g. "a < b".
      i = lt + 1;
      continue;
    }
    flushText(lt);
    const name = nameMatch[0].toLowerCase();
    let pos = lt + (isEnd ? 2 : 1) + nameMatch[0].length;
    const attrs: Record<string, string> = {};
    let selfClosing = false;
    while (pos < html.length) {
      while (pos < html.length && /\s/.test(html[pos] ?? '')) pos++;
      const ch = html[pos];
      if (ch === undefined) break;
      if (ch === '>') {
        pos++;
        break;
      }
      if (ch === '/') {
        selfClosing = html[pos + 1] === '>';
        pos++;
        continue;
      }
      ATTRIBUTE.lastIndex = pos;
      const attr = ATTRIBUTE.exec(html);
      if (!attr) {
        pos++;
        continue;
      }
      const attrName = (attr[1] ?? '').toLowerCase();
      if (!(attrName in attrs)) attrs[attrName] = decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? '');
      pos = ATTRIBUTE.lastIndex;
    }
    if (isEnd) {
      tokens.push({ type: 'end', name });
    } else {
      tokens.push({ type: 'start', name, attrs, selfClosing });
      if (RAW_TEXT.has(name) && !selfClosing) {
        // Searched in place: lower-casing the whole page for every <style> is quadratic.
        const closer = new RegExp(`</${name}`, 'gi');
        closer.lastIndex = pos;
        const close = closer.exec(html)?.index ?? -1;
        const closeEnd = close < 0 ? -1 : html.indexOf('>', close);
        tokens.push({ type: 'end', name });
        pos = close < 0 || closeEnd < 0 ? html.length : closeEnd + 1;
      }
    }
    i = textStart = pos;
  }
  flushText(html.length);
  return tokens;
}

export function hasClass(attrs: Record<string, string>, cls: string): boolean {
  return (attrs.class ?? '').split(/\s+/).includes(cls);
}
