// Inline wikitext (links, templates, bold/italic, refs) rewritten as the HTML MediaWiki would
// render for it, so the HTML table reader can treat both page forms alike.
import { escapeHtmlAttribute } from './html-entities';

/** Scan for `open ... close` with nesting, e.g. {{ {{ }} }}; returns the end index or -1. */
function matchBalanced(s: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < s.length;) {
    if (s.startsWith(open, i)) {
      depth++;
      i += open.length;
    } else if (s.startsWith(close, i)) {
      depth--;
      i += close.length;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return -1;
}

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

function expandTemplate(body: string): string {
  const parts = splitTopLevel(body, '|').map((p) => p.trim());
  const name = (parts[0] ?? '').toLowerCase().replace(/_/g, ' ');
  const positional = parts.slice(1).filter((p) => !/^[A-Za-z0-9 _-]+=/.test(p));
  if (name === '!') return '|';
  if (USER_TEMPLATES.has(name)) {
    return positional.map((u) => `[[User:${u}|${u}]]`).join(', ');
  }
  if (LABEL_TEMPLATES.has(name)) return positional[1] ?? positional[0] ?? '';
  // Unknown templates: a single argument is usually the visible text; otherwise show nothing
  // rather than template syntax.
  return positional.length === 1 ? (positional[0] ?? '') : '';
}

function replaceTemplates(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const at = s.indexOf('{{', i);
    if (at < 0) break;
    const end = matchBalanced(s, at, '{{', '}}');
    if (end < 0) break;
    out += s.slice(i, at) + replaceTemplates(expandTemplate(s.slice(at + 2, end - 2)));
    i = end;
  }
  return out + s.slice(i);
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

function replaceExternalLinks(s: string): string {
  return s.replace(/\[((?:https?:)?\/\/[^\s\]]+)(?:\s+([^\]]*))?\]/g, (_m, url: string, label?: string) => {
    return `<a href="${escapeHtmlAttribute(url)}">${label ?? ''}</a>`;
  });
}

/** Numbers footnotes across one page, as MediaWiki does. */
export interface RefCounter {
  count: number;
}

/** Footnotes become the marker MediaWiki renders, so the table reader records them as footnotes. */
function replaceRefs(s: string, refs: RefCounter): string {
  return s
    .replace(/<ref\b[^>]*\/>/gi, () => `<sup class="reference">[${++refs.count}]</sup>`)
    .replace(/<ref\b[^>]*>[\s\S]*?<\/ref\s*>/gi, () => `<sup class="reference">[${++refs.count}]</sup>`)
    .replace(/<references\b[^>]*\/>/gi, '');
}

export function wikitextInlineToHtml(s: string, refs: RefCounter = { count: 0 }): string {
  let out = s.replace(/<nowiki>([\s\S]*?)<\/nowiki>/gi, '$1');
  out = replaceRefs(out, refs);
  out = replaceTemplates(out);
  out = replaceInternalLinks(out);
  out = replaceExternalLinks(out);
  return out.replace(/'{2,5}/g, '');
}
