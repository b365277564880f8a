// remarkup.process: the part of Phorge's Remarkup the review page's export uses, rendered as the
// captured reply shows (test/fixtures/conduit/remarkup.process.table.*): `= headers =`, simple pipe
// tables (PhutilRemarkupSimpleTableBlockRule: `[[ … | … ]]` kept whole in a cell, a row of `--` cells
// turning the row above into a header, a table block ending in a newline yielding an empty last row),
// `[[ url | text ]]` links, T123 monograms and {T123} embeds as object tags, @mentions as person tags
// (a red dot for away, orange for busy), //italic// and **bold**. Object tags are numbered for hovercards
// before person tags, in document order, as Phorge does. Anything else is a paragraph.
import type { World } from '../world';
import type { User } from '../model';
import { coreError } from './errors';
import type { CallContext } from './router';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#039;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

interface Renderer {
  world: World;
  viewer: User | null;
  now: number;
  objects: string[];
  people: string[];
}

const OBJECT_MARK = '\u0001o';
const PERSON_MARK = '\u0001p';

function objectTag(r: Renderer, id: number, embed: boolean): string | null {
  const task = r.world.taskById(id);
  if (!task || !r.world.canView(task, r.viewer)) return null;
  const text = escapeHtml(embed ? `T${id}: ${task.title}` : `T${id}`);
  r.objects.push(
    `<a href="/T${id}" class="phui-tag-view phui-tag-type-object " data-sigil="hovercard" data-meta="${OBJECT_MARK}${r.objects.length}\u0002"><span class="phui-tag-core phui-tag-color-object">${text}</span></a>`,
  );
  return `${OBJECT_MARK}${r.objects.length - 1}\u0002`;
}

function personTag(r: Renderer, username: string): string | null {
  const user = r.world.userByName(username);
  if (!user) return null;
  const availability = r.world.availability(user, r.now).value;
  const dot =
    availability === 'away'
      ? '<span class="phui-tag-dot phui-tag-color-red"></span>'
      : availability === 'busy'
        ? '<span class="phui-tag-dot phui-tag-color-orange"></span>'
        : '';
  r.people.push(
    `<a href="/p/${escapeHtml(user.username)}/" class="phui-tag-view phui-tag-type-person " data-sigil="hovercard" data-meta="${PERSON_MARK}${r.people.length}\u0002"><span class="phui-tag-core phui-tag-color-person">${dot}@${escapeHtml(user.username)}</span></a>`,
  );
  return `${PERSON_MARK}${r.people.length - 1}\u0002`;
}

/** Text without links: monograms, embeds, mentions and emphasis. */
function inlineText(r: Renderer, text: string): string {
  return escapeHtml(text)
    .replace(/\{T([1-9]\d*)\}/g, (whole, id: string) => objectTag(r, Number(id), true) ?? whole)
    .replace(/(^|[^\w/])T([1-9]\d*)(?!\w)/g, (whole, before: string, id: string) => {
      const tag = objectTag(r, Number(id), false);
      return tag === null ? whole : `${before}${tag}`;
    })
    .replace(/(^|[^\w@])@([A-Za-z0-9._-]*[A-Za-z0-9_])/g, (whole, before: string, name: string) => {
      const tag = personTag(r, name);
      return tag === null ? whole : `${before}${tag}`;
    })
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^:])\/\/(.+?)\/\//g, '$1<em>$2</em>');
}

/** Inline rules; `[[ … ]]` links are cut out first so nothing inside them is rendered again. */
function inline(r: Renderer, text: string): string {
  let out = '';
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('[[', at);
    const close = open < 0 ? -1 : text.indexOf(']]', open + 2);
    if (open < 0 || close < 0) break;
    out += inlineText(r, text.slice(at, open));
    const inside = text.slice(open + 2, close);
    const bar = inside.indexOf('|');
    const href = (bar < 0 ? inside : inside.slice(0, bar)).trim();
    const label = bar < 0 ? href : inside.slice(bar + 1).trim();
    out += /^https?:\/\//.test(href)
      ? `<a href="${escapeHtml(href)}" class="remarkup-link remarkup-link-ext" target="_blank" rel="noreferrer">${escapeHtml(label)}</a>`
      : escapeHtml(text.slice(open, close + 2));
    at = close + 2;
  }
  return out + inlineText(r, text.slice(at));
}

const CELL = /\|((?:(?:\[\[.*?\]\])|(?:[^|[]+)|(?:\[[^|[]))*)/g;

function table(r: Renderer, block: string): string {
  const rows: { type: 'td' | 'th'; html: string }[][] = [];
  for (const raw of block.split('\n')) {
    const line = raw.replace(/\|+$/, '');
    const cells = [...line.matchAll(CELL)].map((m) => (m[1] ?? '').trim());
    const anyHeader = cells.some((c) => /^--+$/.test(c));
    const anyContent = cells.some((c) => c !== '' && !/^--+$/.test(c));
    if (anyHeader && !anyContent) {
      const above = rows[rows.length - 1];
      if (above) cells.forEach((c, i) => c !== '' && above[i] && (above[i].type = 'th'));
      continue;
    }
    rows.push(cells.map((c) => ({ type: 'td', html: inline(r, c) })));
  }
  const body = rows
    .map((row) => `<tr>${row.map((c) => `<${c.type}>${c.html}</${c.type}>`).join('')}</tr>`)
    .join('\n');
  return `<div class="remarkup-table-wrap"><table class="remarkup-table">\n${body}\n</table></div>`;
}

// The marks are control characters no Remarkup text holds, so they cannot collide with user text.
/* eslint-disable no-control-regex */
function render(r: Renderer, text: string): string {
  const lines = text.split(/(?<=\n)/);
  const blocks: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (/^\s*\|/.test(line)) {
      let block = '';
      while (i < lines.length && /^\s*\|/.test(lines[i] as string)) block += lines[i++];
      blocks.push(table(r, block));
      continue;
    }
    const header = /^(=+)\s*(.*?)\s*=*\s*$/.exec(line);
    if (header) {
      const level = Math.min(6, (header[1] as string).length + 1);
      blocks.push(`<h${level} class="remarkup-header">${inline(r, header[2] as string)}</h${level}>`);
      i++;
      continue;
    }
    let paragraph = '';
    while (i < lines.length && (lines[i] as string).trim() !== '' && !/^\s*\|/.test(lines[i] as string))
      paragraph += lines[i++];
    blocks.push(`<p>${inline(r, paragraph.trim()).replace(/\n/g, '<br />\n')}</p>`);
  }
  // Hovercard ids: object tags first, then people, each in document order.
  const html = blocks.join('\n\n');
  const objectIds = new Map<string, number>();
  const personIds = new Map<string, number>();
  for (const m of html.matchAll(/\u0001([op])(\d+)\u0002/g)) {
    const map = m[1] === 'o' ? objectIds : personIds;
    if (!map.has(m[2] as string)) map.set(m[2] as string, map.size);
  }
  const meta = (kind: string, n: string) =>
    kind === 'o' ? objectIds.get(n)! : objectIds.size + personIds.get(n)!;
  return html
    .replace(/\u0001([op])(\d+)\u0002/g, (_, kind: string, n: string) =>
      kind === 'o' ? (r.objects[Number(n)] as string) : (r.people[Number(n)] as string),
    )
    .replace(
      /data-meta="\u0001([op])(\d+)\u0002"/g,
      (_, kind: string, n: string) => `data-meta="0_${meta(kind, n)}"`,
    );
}

/* eslint-enable no-control-regex */

export function remarkupProcess(ctx: CallContext) {
  const contents = ctx.params.contents;
  if (!Array.isArray(contents) || contents.some((c) => typeof c !== 'string'))
    throw coreError('Parameter "contents" must be a list of strings.');
  if (typeof ctx.params.context !== 'string') throw coreError('Parameter "context" is required.');
  return (contents as string[]).map((text) => ({
    content: render({ world: ctx.world, viewer: ctx.viewer, now: ctx.now, objects: [], people: [] }, text),
  }));
}
