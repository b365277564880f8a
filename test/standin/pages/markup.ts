// Builders for the pieces of Phorge markup the stand-in writes into captured pages (DOM nodes, never HTML
// strings): person handles, curtain rows, project tags, icons.
import type { Project, User } from '../model';
import type { World } from '../world';

export type Child = Node | string | null | undefined | false;

export function el(
  doc: Document,
  tag: string,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElement {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return node;
}

export function icon(doc: Document, classes: string): HTMLElement {
  return el(doc, 'span', {
    class: `visual-only phui-icon-view phui-font-fa ${classes}`,
    'aria-hidden': 'true',
  });
}

/** Availability classes Phorge puts on a person handle: away "none", busy "partial", disabled. */
export function handleState(user: User, world: World, now: number): { classes: string[]; dot: boolean } {
  if (user.isDisabled)
    return { classes: ['handle-status-closed', 'handle-availability-disabled'], dot: true };
  const availability = world.availability(user, now).value;
  if (availability === 'away') return { classes: ['handle-availability-none'], dot: true };
  if (availability === 'busy') return { classes: ['handle-availability-partial'], dot: true };
  return { classes: [], dot: false };
}

export function personHandle(doc: Document, user: User, world: World, now: number): HTMLElement {
  const state = handleState(user, world, now);
  const link = el(doc, 'a', {
    href: `/p/${user.username}/`,
    class: ['phui-handle', ...state.classes, 'phui-link-person'].join(' '),
    'data-sigil': 'hovercard',
  });
  if (state.dot) {
    link.appendChild(el(doc, 'span', { class: 'perfect-circle' }, '•'));
    link.appendChild(doc.createTextNode(` ${user.username}`));
  } else {
    link.appendChild(doc.createTextNode(user.username));
  }
  return link;
}

/** Rewrites an existing person handle (captured markup) to the user's current availability. */
export function refreshHandle(link: Element, user: User, world: World, now: number): void {
  const fresh = personHandle(link.ownerDocument, user, world, now);
  link.setAttribute('class', fresh.getAttribute('class') ?? '');
  while (link.firstChild) link.removeChild(link.firstChild);
  while (fresh.firstChild) link.appendChild(fresh.firstChild);
}

export function avatarStyle(user: User): string {
  return `background-image: url(${user.image})`;
}

export function curtainUserRow(
  doc: Document,
  user: User,
  world: World,
  now: number,
  options: { highlighted: boolean; epochCell?: { screen: string; print: string } },
): HTMLElement {
  const imageCell = el(
    doc,
    'td',
    { class: 'phui-curtain-object-ref-view-image-cell', ...(options.epochCell ? { rowspan: '2' } : {}) },
    el(doc, 'a', {
      style: avatarStyle(user),
      href: `/p/${user.username}/`,
      class: 'visual-only',
      'aria-hidden': 'true',
    }),
  );
  const titleCell = el(
    doc,
    'td',
    { class: 'phui-curtain-object-ref-view-title-cell' },
    personHandle(doc, user, world, now),
  );
  const rows: HTMLElement[] = [
    el(
      doc,
      'tr',
      {
        class: options.epochCell
          ? 'phui-curtain-object-ref-view-with-content'
          : 'phui-curtain-object-ref-view-without-content',
      },
      imageCell,
      titleCell,
    ),
  ];
  if (options.epochCell) {
    rows.push(
      el(
        doc,
        'tr',
        {},
        el(
          doc,
          'td',
          { class: 'phui-curtain-object-ref-view-epoch-cell' },
          el(doc, 'span', { class: 'screen-only' }, options.epochCell.screen),
          el(doc, 'span', { class: 'print-only', 'aria-hidden': 'true' }, options.epochCell.print),
        ),
      ),
    );
  }
  return el(
    doc,
    'div',
    {
      class: `phui-curtain-object-ref-view ${options.highlighted ? 'phui-curtain-object-ref-view-highlighted ' : ''}`,
    },
    el(doc, 'table', {}, el(doc, 'tbody', {}, ...rows)),
  );
}

export function curtainList(doc: Document, rows: HTMLElement[]): HTMLElement {
  const list = el(doc, 'div', { class: 'phui-curtain-object-ref-list-view ' });
  if (rows.length === 0)
    list.appendChild(el(doc, 'div', { class: 'phui-curtain-object-ref-list-view-empty' }, 'None'));
  for (const row of rows) list.appendChild(row);
  return list;
}

export function projectTag(
  doc: Document,
  project: Project,
  iconClass: string,
  column: { name: string } | null,
): HTMLElement {
  const item = el(
    doc,
    'li',
    { class: 'phabricator-handle-tag-list-item' },
    el(
      doc,
      'a',
      {
        href: `/tag/${project.slug}/`,
        class: `phui-tag-view phui-tag-type-shade phui-tag-${project.color} phui-tag-shade phui-tag-icon-view `,
        'data-sigil': 'hovercard',
      },
      el(doc, 'span', { class: 'phui-tag-core ' }, icon(doc, iconClass), project.name),
    ),
  );
  if (column) {
    item.appendChild(doc.createTextNode(' '));
    item.appendChild(
      el(
        doc,
        'a',
        { href: `/project/board/${project.id}/`, class: 'maniphest-board-link' },
        `(${column.name})`,
      ),
    );
  }
  return item;
}
