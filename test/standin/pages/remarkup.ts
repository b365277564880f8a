// A small Remarkup renderer for text written after the capture (new comments, changed descriptions):
// paragraphs, `monospace`, **bold**, //italic//, @mentions and T123 references, in Phorge's markup.
// Text always becomes text nodes, so a hostile comment cannot inject markup.
import type { World } from '../world';
import { el } from './markup';

const INLINE =
  /(`[^`\n]+`|\*\*[^*\n]+\*\*|\/\/[^/\n]+\/\/|(?<![\w@/])@[A-Za-z0-9._-]*[A-Za-z0-9_-]|(?<![\w/#])T\d+\b)/g;

function inline(doc: Document, text: string, world: World, now: number): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const token = match[0];
    const index = match.index ?? 0;
    if (index > last) nodes.push(doc.createTextNode(text.slice(last, index)));
    last = index + token.length;
    if (token.startsWith('`')) {
      nodes.push(el(doc, 'tt', { class: 'remarkup-monospaced' }, token.slice(1, -1)));
    } else if (token.startsWith('**')) {
      nodes.push(el(doc, 'strong', {}, token.slice(2, -2)));
    } else if (token.startsWith('//')) {
      nodes.push(el(doc, 'em', {}, token.slice(2, -2)));
    } else if (token.startsWith('@')) {
      const user = world.userByName(token.slice(1));
      if (!user) {
        nodes.push(doc.createTextNode(token));
        continue;
      }
      const availability = world.availability(user, now).value;
      const dot = user.isDisabled
        ? 'grey'
        : availability === 'away'
          ? 'red'
          : availability === 'busy'
            ? 'orange'
            : null;
      nodes.push(
        el(
          doc,
          'a',
          {
            href: `/p/${user.username}/`,
            class: 'phui-tag-view phui-tag-type-person ',
            'data-sigil': 'hovercard',
          },
          el(
            doc,
            'span',
            { class: 'phui-tag-core phui-tag-color-person' },
            dot ? el(doc, 'span', { class: `phui-tag-dot phui-tag-color-${dot}` }) : null,
            `@${user.username}`,
          ),
        ),
      );
    } else {
      const task = world.taskByRef(token);
      if (!task) {
        nodes.push(doc.createTextNode(token));
        continue;
      }
      const core = el(doc, 'span', { class: 'phui-tag-core phui-tag-color-object' }, token);
      nodes.push(
        el(
          doc,
          'a',
          { href: `/${token}`, class: 'phui-tag-view phui-tag-type-object ', 'data-sigil': 'hovercard' },
          world.isClosed(task) ? el(doc, 'span', { class: 'phui-tag-core-closed' }, core) : core,
        ),
      );
    }
  }
  if (last < text.length) nodes.push(doc.createTextNode(text.slice(last)));
  return nodes;
}

export function renderRemarkup(doc: Document, text: string, world: World, now: number): HTMLElement {
  const root = el(doc, 'div', { class: 'phabricator-remarkup' });
  for (const block of text.split(/\n{2,}/)) {
    if (!block.trim()) continue;
    // Phorge separates blocks with a blank line in the markup.
    if (root.firstChild) root.appendChild(doc.createTextNode('\n\n'));
    const lines = block.split('\n');
    if (lines.every((line) => /^\s*[-*#] /.test(line))) {
      const ordered = lines.every((line) => /^\s*# /.test(line));
      const list = el(doc, ordered ? 'ol' : 'ul', { class: 'remarkup-list' });
      for (const line of lines) {
        list.appendChild(
          el(
            doc,
            'li',
            { class: 'remarkup-list-item' },
            ...inline(doc, line.replace(/^\s*[-*#] /, ''), world, now),
          ),
        );
      }
      root.appendChild(list);
      continue;
    }
    const paragraph = el(doc, 'p');
    lines.forEach((line, index) => {
      if (index > 0) paragraph.appendChild(el(doc, 'br'));
      for (const node of inline(doc, line, world, now)) paragraph.appendChild(node);
    });
    root.appendChild(paragraph);
  }
  return root;
}
