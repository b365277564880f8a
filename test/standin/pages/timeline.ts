// Renders transaction groups (one edit) as Phorge timeline shells: one title per visible transaction,
// strongest first (its id is the group's anchor), the comment body below, the shell coloured like the
// anchor's icon. Wording and icons follow the captured pages (README §5).
import type { User, Xaction } from '../model';
import type { World } from '../world';
import { printDate, screenDate } from './format';
import { avatarStyle, el, icon, personHandle } from './markup';
import { renderRemarkup } from './remarkup';

interface Title {
  xaction: Xaction;
  strength: number;
  icon: string;
  color: string | null;
  content: Node[];
}

const STRENGTH = {
  create: 10,
  status: 1.3,
  owner: 1.2,
  priority: 1.1,
  title: 1.4,
  description: 0.9,
  projects: 0.8,
  comment: 0.55,
  subscribers: 0.5,
};

function names(doc: Document, phids: string[], world: World, now: number): Node[] {
  const nodes: Node[] = [];
  phids.forEach((phid, index) => {
    if (index > 0) nodes.push(doc.createTextNode(', '));
    const user = world.userByPHID(phid);
    if (user) nodes.push(personHandle(doc, user, world, now));
    else {
      const project = world.projectByPHID(phid);
      nodes.push(
        project
          ? el(doc, 'a', { href: `/tag/${project.slug}/`, class: 'phui-handle' }, project.name)
          : doc.createTextNode(phid),
      );
    }
  });
  return nodes;
}

function titleFor(
  doc: Document,
  xaction: Xaction,
  actor: User,
  world: World,
  now: number,
  creation: boolean,
): Title | null {
  const who = personHandle(doc, actor, world, now);
  const text = (value: string) => doc.createTextNode(value);
  const value = (label: string) => el(doc, 'span', { class: 'phui-timeline-value' }, label);
  const change = xaction.change;
  const title = (strength: number, iconClass: string, color: string | null, content: Node[]): Title => ({
    xaction,
    strength,
    icon: iconClass,
    color,
    content: [who, ...content],
  });
  switch (change.kind) {
    case 'create':
      return title(STRENGTH.create, 'fa-pencil', null, [text(' created this task.')]);
    case 'title':
      if (creation) return null;
      return title(STRENGTH.title, 'fa-pencil', null, [
        text(` renamed this task from "${change.from}" to "${change.to}".`),
      ]);
    case 'description':
      if (creation) return null;
      return title(STRENGTH.description, 'fa-pencil', null, [text(' updated the task description.')]);
    case 'priority': {
      const from = world.priority(change.from).name;
      const to = world.priority(change.to).name;
      if (change.from === world.vocabulary.defaultPriority) {
        return title(STRENGTH.priority, 'fa-arrow-right', 'green', [
          text(' triaged this task as '),
          value(to),
          text(' priority.'),
        ]);
      }
      const raised = change.to > change.from;
      return title(STRENGTH.priority, raised ? 'fa-arrow-up' : 'fa-arrow-down', raised ? 'yellow' : 'grey', [
        text(` ${raised ? 'raised' : 'lowered'} the priority of this task from `),
        value(from),
        text(' to '),
        value(to),
        text('.'),
      ]);
    }
    case 'status': {
      const to = world.status(change.to);
      const from = world.status(change.from);
      if (to.closed && !from.closed) {
        return title(STRENGTH.status, to.icon ?? 'fa-check-circle', 'indigo', [
          text(' closed this task as '),
          value(to.name),
          text('.'),
        ]);
      }
      if (!to.closed && from.closed) {
        return title(STRENGTH.status, 'fa-square-o', 'green', [
          text(' reopened this task as '),
          value(to.name),
          text('.'),
        ]);
      }
      return title(STRENGTH.status, 'fa-pencil', null, [
        text(' changed the task status from '),
        value(from.name),
        text(' to '),
        value(to.name),
        text('.'),
      ]);
    }
    case 'owner': {
      if (creation) return null;
      const from = change.from ? world.userByPHID(change.from) : undefined;
      const to = change.to ? world.userByPHID(change.to) : undefined;
      if (!to) {
        if (from && from.phid === actor.phid)
          return title(STRENGTH.owner, 'fa-user-times', 'grey', [text(' resigned from this task.')]);
        return title(STRENGTH.owner, 'fa-user-times', 'grey', [
          text(' removed '),
          ...(from ? [personHandle(doc, from, world, now)] : []),
          text(' as the assignee of this task.'),
        ]);
      }
      if (!from && to.phid === actor.phid)
        return title(STRENGTH.owner, 'fa-user', 'green', [text(' claimed this task.')]);
      if (!from)
        return title(STRENGTH.owner, 'fa-user', 'green', [
          text(' assigned this task to '),
          personHandle(doc, to, world, now),
          text('.'),
        ]);
      return title(STRENGTH.owner, 'fa-user', 'green', [
        text(' reassigned this task from '),
        personHandle(doc, from, world, now),
        text(' to '),
        personHandle(doc, to, world, now),
        text('.'),
      ]);
    }
    case 'subscribers': {
      if (creation) return null;
      const adds = change.operations.filter((op) => op.operation === 'add').map((op) => op.phid);
      const removes = change.operations.filter((op) => op.operation === 'remove').map((op) => op.phid);
      if (adds.length === 1 && removes.length === 0 && adds[0] === actor.phid) {
        return title(STRENGTH.subscribers, 'fa-user-plus', null, [text(' subscribed.')]);
      }
      if (removes.length === 1 && adds.length === 0 && removes[0] === actor.phid) {
        return title(STRENGTH.subscribers, 'fa-user-times', null, [text(' unsubscribed.')]);
      }
      const parts: Node[] = [];
      if (adds.length) {
        parts.push(
          text(adds.length === 1 ? ' added a subscriber: ' : ' added subscribers: '),
          ...names(doc, adds, world, now),
        );
      }
      if (removes.length) {
        parts.push(
          text(
            `${adds.length ? ';' : ''} removed ${removes.length === 1 ? 'a subscriber' : 'subscribers'}: `,
          ),
          ...names(doc, removes, world, now),
        );
      }
      parts.push(text('.'));
      return title(STRENGTH.subscribers, adds.length ? 'fa-user-plus' : 'fa-user-times', null, parts);
    }
    case 'projects': {
      if (creation) return null;
      const adds = change.operations.filter((op) => op.operation === 'add').map((op) => op.phid);
      const removes = change.operations.filter((op) => op.operation === 'remove').map((op) => op.phid);
      const parts: Node[] = [];
      if (adds.length)
        parts.push(
          text(adds.length === 1 ? ' added a project: ' : ' added projects: '),
          ...names(doc, adds, world, now),
        );
      if (removes.length) {
        parts.push(
          text(`${adds.length ? ';' : ''} removed ${removes.length === 1 ? 'a project' : 'projects'}: `),
          ...names(doc, removes, world, now),
        );
      }
      parts.push(text('.'));
      return title(STRENGTH.projects, 'fa-briefcase', null, parts);
    }
    case 'comment':
    case 'other':
      return null;
  }
}

/** One timeline shell for a group of transactions, or null when nothing in it is shown. */
export function renderGroup(doc: Document, group: Xaction[], world: World, now: number): HTMLElement | null {
  const first = group[0];
  if (!first) return null;
  const actor = world.userByPHID(first.authorPHID);
  if (!actor) return null;
  const creation = group.some((xaction) => xaction.change.kind === 'create');
  const comment = group.find((xaction) => xaction.change.kind === 'comment' && xaction.comments.length);
  const titles = group
    .map((xaction) => titleFor(doc, xaction, actor, world, now, creation))
    .filter((title): title is Title => title !== null)
    .sort((a, b) => b.strength - a.strength || a.xaction.id - b.xaction.id);
  if (titles.length === 0 && comment) {
    titles.push({
      xaction: comment,
      strength: STRENGTH.comment,
      icon: 'fa-comment',
      color: null,
      content: [personHandle(doc, actor, world, now), doc.createTextNode(' added a comment.')],
    });
  }
  const top = titles[0];
  if (!top) return null;
  // The anchor is the strongest transaction of the group, which may be the comment even though its
  // "added a comment" line is only shown when nothing else is (T1's "bob subscribed." group anchors at
  // the comment); the shell takes the colour of the first coloured line (creation groups: the triage).
  const color = titles.find((title) => title.color !== null)?.color ?? null;
  const anchor = { xaction: comment && STRENGTH.comment > top.strength ? comment : top.xaction, color };
  const major = comment !== undefined;
  const titleClass = `phui-timeline-title phui-timeline-title-with-icon${major ? ' phui-timeline-title-with-menu' : ''}`;
  const titleNodes = titles.map((title, index) =>
    el(
      doc,
      'div',
      { class: titleClass },
      el(
        doc,
        'span',
        {
          class: title.color
            ? `phui-timeline-icon-fill fill-has-color phui-timeline-icon-fill-${title.color}`
            : 'phui-timeline-icon-fill',
        },
        icon(doc, `${title.icon} phui-timeline-icon`),
      ),
      ...title.content,
      index === 0
        ? el(
            doc,
            'span',
            { class: 'phui-timeline-extra' },
            el(
              doc,
              'a',
              { href: `#${anchor.xaction.id}`, 'data-sigil': 'has-tooltip' },
              el(doc, 'span', { class: 'screen-only' }, screenDate(first.dateCreated, now)),
              el(doc, 'span', { class: 'print-only', 'aria-hidden': 'true' }, printDate(first.dateCreated)),
            ),
          )
        : null,
    ),
  );
  const anchorNode = el(doc, 'a', {
    name: String(anchor.xaction.id),
    id: String(anchor.xaction.id),
    class: 'phabricator-anchor-view',
  });
  const body = major
    ? [
        el(
          doc,
          'div',
          { class: 'phui-timeline-inner-content' },
          anchorNode,
          ...titleNodes,
          el(
            doc,
            'a',
            {
              href: '#',
              class: 'phui-timeline-menu',
              'aria-haspopup': 'true',
              'aria-expanded': 'false',
              'data-sigil': 'phui-dropdown-menu',
            },
            el(doc, 'span', { class: 'aural-only' }, 'Comment Actions'),
            icon(doc, 'fa-caret-down'),
          ),
          el(
            doc,
            'div',
            { class: 'phui-timeline-core-content' },
            el(
              doc,
              'span',
              { class: 'transaction-comment', 'data-sigil': 'transaction-comment' },
              renderRemarkup(doc, comment.comments[0]?.content.raw ?? '', world, now),
            ),
          ),
        ),
      ]
    : [anchorNode, ...titleNodes];
  return el(
    doc,
    'div',
    {
      class: `phui-timeline-shell${anchor.color ? ` phui-timeline-${anchor.color}` : ''}`,
      'data-sigil': 'transaction anchor-container',
    },
    el(
      doc,
      'div',
      {
        class: `phui-timeline-event-view ${major ? 'phui-timeline-major-event' : 'phui-timeline-minor-event'}`,
      },
      el(
        doc,
        'div',
        { class: 'phui-timeline-content' },
        el(doc, 'a', {
          style: avatarStyle(actor),
          class: 'visual-only phui-timeline-image',
          href: `/p/${actor.username}/`,
          'aria-hidden': 'true',
        }),
        el(doc, 'div', { class: 'phui-timeline-wedge', style: '' }),
        el(doc, 'div', { class: 'phui-timeline-group' }, ...body),
      ),
    ),
  );
}

export function spacer(doc: Document): HTMLElement {
  return el(doc, 'div', { class: 'phui-timeline-event-view phui-timeline-spacer' });
}

/** Transactions grouped by edit, oldest group first. */
export function groupsOf(xactions: Xaction[]): Xaction[][] {
  const groups = new Map<string, Xaction[]>();
  for (const xaction of [...xactions].sort((a, b) => a.id - b.id)) {
    const key = `${xaction.groupID}:${xaction.authorPHID}`;
    const list = groups.get(key) ?? [];
    list.push(xaction);
    groups.set(key, list);
  }
  return [...groups.values()];
}
