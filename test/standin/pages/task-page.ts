// /T<id>: a captured Phorge task page edited to show the scenario's current state (DOM map: README §5).
// A task with its own captured page keeps the captured timeline and gets later transactions appended; any
// other task is drawn into T14's page with a timeline rendered from its history.
import type { Task, User } from '../model';
import { PROJECT_ICONS } from '../vocabulary';
import type { World } from '../world';
import { printDate, screenDate } from './format';
import { curtainList, curtainUserRow, el, icon, projectTag } from './markup';
import type { PageViewer } from './page-common';
import { adjustPage } from './page-common';
import { renderRemarkup } from './remarkup';
import { capturedTaskPHID, parseTemplate, serialize } from './templates';
import { groupsOf, renderGroup, spacer } from './timeline';

const GENERIC_TEMPLATE_ID = 14;

/** The page a viewer who may not see the task gets: the captured "You Shall Not Pass" or login page. */
export function renderRestrictedPage(world: World, now: number, viewer: PageViewer): string {
  const doc = parseTemplate(viewer.user ? 'task-T15.bob-no-access.html' : 'task-T15.loggedout.html');
  adjustPage(doc, world, now, viewer);
  return serialize(doc);
}

export function renderTaskPage(world: World, now: number, task: Task, viewer: PageViewer): string {
  const own = capturedTaskPHID(task.id) === task.phid;
  const templateId = own ? task.id : GENERIC_TEMPLATE_ID;
  const templatePHID = capturedTaskPHID(templateId) ?? '';
  const doc = parseTemplate(`task-T${templateId}.${viewer.user ? 'alice' : 'loggedout'}.html`);
  if (!own) retarget(doc, templateId, templatePHID, task);

  doc.title = `⚓ T${task.id} ${task.title}`;
  const crumb = doc.querySelector('.phabricator-last-crumb .phui-crumb-name');
  if (crumb) crumb.textContent = ` T${task.id}`;
  renderHeader(doc, world, task);
  renderCurtain(doc, world, now, task, viewer.user);
  renderDescription(doc, world, now, task, own);
  renderTimeline(doc, world, now, task, own);
  const draft = doc.querySelector('input[name="draft.version"]');
  const last = world.xactionsOf(task).at(-1);
  if (draft && last) draft.setAttribute('value', String(last.id));
  adjustPage(doc, world, now, viewer);
  return serialize(doc);
}

/** Points a borrowed template's links and forms at this task. */
function retarget(doc: Document, templateId: number, templatePHID: string, task: Task): void {
  const idPattern = new RegExp(`(/maniphest/task/edit/|[?&](?:parent|template)=)${templateId}(?=\\D|$)`, 'g');
  for (const node of doc.querySelectorAll('[href], [action]')) {
    for (const name of ['href', 'action']) {
      const value = node.getAttribute(name);
      if (!value) continue;
      const next = value.split(templatePHID).join(task.phid).replace(idPattern, `$1${task.id}`);
      if (next !== value) node.setAttribute(name, next);
    }
  }
  // The template's relations and mentions belong to the other task.
  for (const box of doc.querySelectorAll('.phui-main-column .phui-object-box')) {
    if (box.querySelector('[data-sigil~="phui-tab-group-view"]')) box.remove();
  }
}

function renderHeader(doc: Document, world: World, task: Task): void {
  const status = world.status(task.status);
  const priority = world.priority(task.priority);
  const header = doc.querySelector('.phui-two-column-header .phui-header-header');
  if (header) {
    while (header.firstChild) header.removeChild(header.firstChild);
    const statusIcon = status.closed ? (status.icon ?? 'fa-check-circle') : 'fa-exclamation-circle';
    header.appendChild(icon(doc, `${statusIcon} ${priority.color} phui-header-icon`));
    header.appendChild(doc.createTextNode(task.title));
  }
  const tag = doc.querySelector('.phui-two-column-header .phui-header-subheader > .phui-tag-view');
  if (tag) {
    tag.setAttribute(
      'class',
      `phui-tag-view phui-tag-type-shade phui-tag-${status.closed ? 'indigo' : 'grey'} phui-tag-shade phui-tag-icon-view `,
    );
    const core = tag.querySelector('.phui-tag-core');
    if (core) {
      while (core.firstChild) core.removeChild(core.firstChild);
      core.appendChild(icon(doc, status.closed ? 'fa-check-square-o' : 'fa-square-o'));
      core.appendChild(
        doc.createTextNode(
          `${status.closed ? 'Closed' : 'Open'}, ${status.closed ? status.name : priority.name}`,
        ),
      );
    }
  }
  const policy = doc.querySelector('.phui-two-column-header .policy-header-callout');
  if (policy) {
    const link = policy.querySelector('a.policy-link');
    link?.setAttribute('href', `/policy/explain/${task.phid}/view/`);
    if (link) link.textContent = world.policyName(task.policy.view);
    policy
      .querySelector('.phui-icon-view')
      ?.setAttribute(
        'class',
        `visual-only phui-icon-view phui-font-fa ${task.policy.view === 'public' ? 'fa-globe' : task.policy.view === 'users' ? 'fa-users' : 'fa-lock'} bluegrey`,
      );
  }
}

function panelBody(doc: Document, title: string): Element | null {
  for (const panel of doc.querySelectorAll('.phui-side-column .phui-curtain-panel')) {
    if (panel.querySelector('.phui-curtain-panel-header')?.textContent?.trim() === title) {
      return panel.querySelector('.phui-curtain-panel-body');
    }
  }
  return null;
}

function replaceChildren(parent: Element | null, child: Node): void {
  if (!parent) return;
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  parent.appendChild(child);
}

function renderCurtain(doc: Document, world: World, now: number, task: Task, viewer: User | null): void {
  const owner = world.userByPHID(task.ownerPHID);
  replaceChildren(
    panelBody(doc, 'Assigned To'),
    curtainList(
      doc,
      owner ? [curtainUserRow(doc, owner, world, now, { highlighted: owner.phid === viewer?.phid })] : [],
    ),
  );
  const author = world.userByPHID(task.authorPHID);
  replaceChildren(
    panelBody(doc, 'Authored By'),
    curtainList(
      doc,
      author
        ? [
            curtainUserRow(doc, author, world, now, {
              highlighted: false,
              epochCell: { screen: screenDate(task.dateCreated, now), print: printDate(task.dateCreated) },
            }),
          ]
        : [],
    ),
  );
  const tags = el(doc, 'ul', { class: 'phabricator-handle-tag-list ' });
  // The curtain lists tags in the order they were added: Conduit's projectPHIDs reversed.
  const projects = [...task.projectPHIDs]
    .reverse()
    .map((phid) => world.projectByPHID(phid))
    .filter((project) => project !== undefined);
  for (const project of projects) {
    const columnPHID = task.columns.get(project.phid);
    const column = columnPHID ? (world.columnByPHID(columnPHID)?.column ?? null) : null;
    tags.appendChild(
      projectTag(doc, project, (PROJECT_ICONS[project.icon] ?? { icon: 'fa-briefcase' }).icon, column),
    );
  }
  const tagBody = panelBody(doc, 'Project Tags') ?? panelBody(doc, 'Tags');
  if (projects.length) replaceChildren(tagBody, tags);
  else replaceChildren(tagBody, el(doc, 'div', { class: 'phui-curtain-object-ref-list-view-empty' }, 'None'));

  const subscribers = task.subscriberPHIDs
    .map((phid) => world.userByPHID(phid))
    .filter((user) => user !== undefined)
    .sort((a, b) =>
      a.phid === viewer?.phid ? -1 : b.phid === viewer?.phid ? 1 : a.username.localeCompare(b.username),
    );
  replaceChildren(
    panelBody(doc, 'Subscribers'),
    curtainList(
      doc,
      subscribers.map((user) =>
        curtainUserRow(doc, user, world, now, { highlighted: user.phid === viewer?.phid }),
      ),
    ),
  );

  // The Subscribe/Unsubscribe action follows the viewer's subscription.
  const subscribed = viewer !== null && task.subscriberPHIDs.includes(viewer.phid);
  for (const form of doc.querySelectorAll('form[action^="/subscriptions/"]')) {
    form.setAttribute('action', `/subscriptions/${subscribed ? 'delete' : 'add'}/${task.phid}/`);
    const button = form.querySelector('button');
    if (button) {
      while (button.firstChild) button.removeChild(button.firstChild);
      button.appendChild(
        icon(doc, `${subscribed ? 'fa-minus-circle' : 'fa-plus-circle'} phabricator-action-view-icon`),
      );
      button.appendChild(doc.createTextNode(subscribed ? 'Unsubscribe' : 'Subscribe'));
    }
  }
}

function renderDescription(doc: Document, world: World, now: number, task: Task, own: boolean): void {
  const container = doc.querySelector(
    '.phui-main-column .phui-property-list-section .phui-property-list-text-content',
  );
  const captured = own
    ? world.xactionsOf(task).filter((xaction) => xaction.change.kind === 'description')
    : [];
  // Keep Phorge's own rendering while the description is still the captured one.
  const changedSinceCapture = captured.some((xaction) => xaction.id > lastCapturedAnchor(doc));
  if (own && !changedSinceCapture && container) return;
  if (container) {
    replaceChildren(
      container,
      el(doc, 'div', { class: 'phabricator-remarkup' }, renderRemarkup(doc, task.description, world, now)),
    );
  }
}

function lastCapturedAnchor(doc: Document): number {
  const anchors = [...doc.querySelectorAll('.phui-timeline-view a.phabricator-anchor-view')].map((anchor) =>
    Number(anchor.getAttribute('name')),
  );
  return Math.max(0, ...anchors.filter(Number.isFinite));
}

function renderTimeline(doc: Document, world: World, now: number, task: Task, own: boolean): void {
  const view = doc.querySelector('.phui-main-column > .phui-timeline-view');
  if (!view) return;
  const groups = groupsOf(world.xactionsOf(task));
  const groupOfId = new Map<number, string>();
  for (const group of groups) for (const xaction of group) groupOfId.set(xaction.id, xaction.groupID);
  const kept = new Set<string>();
  for (const shell of view.querySelectorAll('.phui-timeline-shell')) {
    const anchor = Number(shell.querySelector('a.phabricator-anchor-view')?.getAttribute('name'));
    const group = own ? groupOfId.get(anchor) : undefined;
    if (group !== undefined) {
      kept.add(group);
      continue;
    }
    const next = shell.nextElementSibling;
    if (next?.classList.contains('phui-timeline-spacer')) next.remove();
    shell.remove();
  }
  if (!view.querySelector('.phui-timeline-spacer')) view.appendChild(spacer(doc));
  for (const group of groups) {
    if (kept.has(group[0]?.groupID ?? '')) continue;
    const shell = renderGroup(doc, group, world, now);
    if (!shell) continue;
    // Keep the timeline in id order when a group falls between captured ones.
    const firstId = group[0]?.id ?? 0;
    const later = [...view.querySelectorAll('.phui-timeline-shell')].find(
      (existing) =>
        Number(existing.querySelector('a.phabricator-anchor-view')?.getAttribute('name')) > firstId,
    );
    if (later) {
      view.insertBefore(shell, later);
      view.insertBefore(spacer(doc), later);
    } else {
      view.appendChild(shell);
      view.appendChild(spacer(doc));
    }
  }
}
