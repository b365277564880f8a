// Inline wikitext (links, templates, bold/italic, refs) rewritten as the HTML MediaWiki would
// render for it, so the HTML table reader can treat both page forms alike.
import { escapeHtmlAttribute } from './html-entities';

/** Split on `sep` where it is not nested inside [[ ]] or {{ }}. */
export function splitTopLevel(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depthLink = 0;
  let depthTpl = 0;
  let last = 0;
  for (let i = 0; i < s.length;) {
    if (s.startsWith('[[', i)) {
      depthLink++;
      i += 2;
    } else if (s.startsWith(']]', i) && depthLink > 0) {
      depthLink--;
      i += 2;
    } else if (s.startsWith('{{', i)) {
      depthTpl++;
      i += 2;
    } else if (s.startsWith('}}', i) && depthTpl > 0) {
      depthTpl--;
      i += 2;
    } else if (depthLink === 0 && depthTpl === 0 && s.startsWith(sep, i)) {
      parts.push(s.slice(last, i));
      i += sep.length;
      last = i;
    } else {
      i++;
    }
  }
  parts.push(s.slice(last));
  return parts;
}

const USER_TEMPLATES = new Set([
  'u',
  'user',
  'ul',
  'userlink',
  'user link',
  'noping',
  'np',
  'ping',
  'reply to',
]);
const LABEL_TEMPLATES = new Set([
  'll',
  'tl',
  'extension',
  'ext',
  'skin',
  'git',
  'gerrit',
  'phab',
  'phabricator',
]);

/** {{!}} stands for a pipe that must not split the template around it; restored after expansion. */
const PIPE = '\uE000';
/** Deeper templates are dropped: MediaWiki itself stops at 40, the Maintainers page nests two. */
const MAX_TEMPLATE_DEPTH = 8;

/** Expands one template whose arguments are already expanded. */
function expandTemplate(body: string): string {
  const parts = splitTopLevel(body, '|').map((p) => p.trim());
  const name = (parts[0] ?? '').toLowerCase().replace(/_/g, ' ');
  const positional = parts.slice(1).filter((p) => !/^[A-Za-z0-9 _-]+=/.test(p));
  if (name === '!') return PIPE;
  if (USER_TEMPLATES.has(name)) {
    // An argument that already holds a link is kept once: writing it twice per level of nesting
    // would double the text at every level.
    return positional.map((u) => (/[[\]]/.test(u) ? u : `[[User:${u}|${u}]]`)).join(', ');
  }
  if (LABEL_TEMPLATES.has(name)) return positional[1] ?? positional[0] ?? '';
  // Unknown templates: a single argument is usually the visible text; otherwise show nothing
  // rather than template syntax.
  return positional.length === 1 ? (positional[0] ?? '') : '';
}

/**
 * Expands templates innermost first in one left-to-right pass: each "}}" closes the innermost open
 * "{{", whose expansion joins the text of the template around it. Work is linear in the text times
 * MAX_TEMPLATE_DEPTH; an unclosed "{{" stays as written.
 */
function replaceTemplates(input: string): string {
  const s = input.replaceAll(PIPE, '');
  const open: string[] = [''];
  let dropped = 0;
  let last = 0;
  const BRACES = /\{\{|\}\}/g;
  const append = (text: string): void => {
    if (dropped === 0) open[open.length - 1] += text;
  };
  for (let m = BRACES.exec(s); m; m = BRACES.exec(s)) {
    append(s.slice(last, m.index));
    last = BRACES.lastIndex;
    if (m[0] === '{{') {
      if (dropped > 0 || open.length > MAX_TEMPLATE_DEPTH) dropped++;
      else open.push('');
    } else if (dropped > 0) {
      dropped--;
    } else if (open.length > 1) {
      const body = open.pop() ?? '';
      append(expandTemplate(body));
    } else {
      append('}}');
    }
  }
  append(s.slice(last));
  let out = open[0] ?? '';
  for (let k = 1; k < open.length; k++) out += '{{' + (open[k] ?? '');
  return out.replaceAll(PIPE, '|');
}

const DROPPED_NAMESPACES = /^(file|image|category|media):/i;

function replaceInternalLinks(s: string): string {
  return s.replace(
    /\[\[([^[\]|]*)(?:\|([^[\]]*))?\]\]([a-z]*)/g,
    (_m, rawTarget: string, label?: string, trail = '') => {
      const target = rawTarget.trim();
      if (DROPPED_NAMESPACES.test(target)) return '';
      const page = target.replace(/^:/, '');
      const text = (label === undefined || label === '' ? page : label) + trail;
      const href = '/wiki/' + page.replace(/ /g, '_');
      return `<a href="${escapeHtmlAttribute(href)}" title="${escapeHtmlAttribute(page)}">${text}</a>`;
    },
  );
}

// Neither part may contain "[" and the label starts with a non-space, so a failed match never rescans
// text another candidate will scan: linear on any input.
const EXTERNAL_LINK = /\[((?:https?:)?\/\/[^\s\][]+)(?:\s+([^\s\][][^\][]*)?)?\]/g;

function replaceExternalLinks(s: string): string {
  return s.replace(EXTERNAL_LINK, (_m, url: string, label?: string) => {
    return `<a href="${escapeHtmlAttribute(url)}">${label ?? ''}</a>`;
  });
}

/** Numbers footnotes across one page, as MediaWiki does. */
export interface RefCounter {
  count: number;
}

/**
 * Finds `pattern` at or after `from`, remembering the last answer: callers ask in increasing order,
 * so a hit beyond `from` is still the answer and a miss stays a miss. Each search is then done once,
 * which keeps many unclosed tags linear instead of rescanning to the end for each.
 */
function searcher(s: string, pattern: RegExp): (from: number) => { start: number; end: number } | null {
  let cached: { start: number; end: number } | null | undefined;
  return (from) => {
    if (cached === null) return null;
    if (cached && cached.start >= from) return cached;
    pattern.lastIndex = from;
    const m = pattern.exec(s);
    cached = m ? { start: m.index, end: pattern.lastIndex } : null;
    return cached;
  };
}

/** "<nowiki>x</nowiki>" → "x". */
function replaceNowiki(s: string): string {
  const opening = searcher(s, /<nowiki>/gi);
  const closing = searcher(s, /<\/nowiki>/gi);
  let out = '';
  let last = 0;
  for (let open = opening(0); open; open = opening(last)) {
    const close = closing(open.end);
    if (!close) break;
    out += s.slice(last, open.start) + s.slice(open.end, close.start);
    last = close.end;
  }
  return out + s.slice(last);
}

/** Footnotes become the marker MediaWiki renders, so the table reader records them as footnotes. */
function replaceRefs(s: string, refs: RefCounter): string {
  const tag = searcher(s, /<(?:ref|references)\b/gi);
  const tagEnd = searcher(s, />/g);
  const closing = searcher(s, /<\/ref\s*>/gi);
  let out = '';
  let last = 0;
  for (let at = tag(0); at; at = tag(Math.max(at.end, last))) {
    const gt = tagEnd(at.end);
    if (!gt) break;
    const selfClosing = s[gt.start - 1] === '/';
    const isList = s.slice(at.start + 1, at.end).toLowerCase() === 'references';
    if (isList || selfClosing) {
      if (selfClosing) {
        out += s.slice(last, at.start) + (isList ? '' : `<sup class="reference">[${++refs.count}]</sup>`);
        last = gt.end;
      }
      continue;
    }
    const close = closing(gt.end);
    if (!close) continue;
    out += s.slice(last, at.start) + `<sup class="reference">[${++refs.count}]</sup>`;
    last = close.end;
  }
  return out + s.slice(last);
}

export function wikitextInlineToHtml(s: string, refs: RefCounter = { count: 0 }): string {
  let out = replaceNowiki(s);
  out = replaceRefs(out, refs);
  out = replaceTemplates(out);
  out = replaceInternalLinks(out);
  out = replaceExternalLinks(out);
  return out.replace(/'{2,5}/g, '');
}
