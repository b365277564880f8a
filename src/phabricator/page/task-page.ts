import { MUST_SELECTORS, PANEL_TITLES, PageStructureError, may, mayAll, must, mustAll } from './selectors';
import type { PageFeature } from './selectors';
import { readPageTheme } from './theme';
import type { PageTheme } from './theme';
import { PAGE_BASE, taskIdFrom } from '../../shared/task-address';

export { taskIdFromUrl } from '../../shared/task-address';

export interface ProjectTagRef {
  /** From `/tag/<slug>/`; null when the project has no slug (linked as `/project/view/<id>/`). */
  readonly slug: string | null;
  readonly name: string;
  /** The task's column on this project's workboard ("Blocked"), if it is on one. */
  readonly column: string | null;
}

export interface PageViewer {
  readonly loggedIn: boolean;
  /** From the account menu's profile link; null when logged out or when the menu lacks it. */
  readonly username: string | null;
}

/** Something the page did not let us read; its field holds the empty value (null or []). */
export interface UnreadPart {
  readonly feature: PageFeature;
  readonly reason: string;
}

/** What the banner reads of a task page: the task as its header and curtain show it. */
export interface TaskHeader {
  readonly id: number;
  readonly phid: string;
  /** The title as text; markup in it stays text. */
  readonly title: string;
  /** The status's full name as rendered: "Open", "Closed, Resolved", "Closed, Invalid". */
  readonly statusName: string;
  /** Shown only for open tasks ("Unbreak Now!"); Phorge leaves it out of a closed task's header. */
  readonly priorityName: string | null;
  /** Priority colour of the header icon ("pink" for Unbreak Now! here), for open and closed tasks. */
  readonly priorityColor: string | null;
  readonly closed: boolean;
  readonly assignee: string | null;
  readonly tags: readonly ProjectTagRef[];
  readonly unread: readonly UnreadPart[];
}

export interface TaskPageInfo extends TaskHeader {
  /** Usernames of subscribed people (projects and packages left out). */
  readonly subscribers: readonly string[];
  /** False when Phorge listed only some subscribers ("View All 12 Subscribers"). */
  readonly subscribersComplete: boolean;
  readonly viewer: PageViewer;
  /** The page's CSRF token for same-origin Conduit calls; null if the page has none. */
  readonly csrfToken: string | null;
  readonly theme: PageTheme;
}

const TASK_MONOGRAM = /^T([1-9]\d*)$/;
const TASK_PHID_IN_POLICY_HREF = /^\/policy\/explain\/(PHID-TASK-[A-Za-z0-9]+)\//;
const PROFILE_PATH = /^\/p\/([^/]+)\/?$/;
const TAG_PATH = /^\/tag\/([^/]+)\/?$/;

/** The task the page on screen is about, by its last breadcrumb ("T14"); null when it names none. */
export function pageTaskId(doc: ParentNode): number | null {
  return taskIdFrom(TASK_MONOGRAM.exec(text(may(doc, 'lastCrumb')))?.[1]);
}

/**
 * Reads a task detail page. Null when the document is not one (login page, "You Shall Not Pass",
 * lists, other applications). Throws PageStructureError when it is a task page whose markup lacks
 * something every task page has.
 */
export function readTaskPage(doc: Document): TaskPageInfo | null {
  const header = readTaskHeader(doc);
  if (header === null) return null;
  const unread = header.unread as UnreadPart[];
  return {
    ...header,
    ...readSubscribers(must(doc, 'curtain'), unread),
    viewer: readViewer(doc),
    csrfToken: may(doc, 'csrfInput')?.getAttribute('value') || null,
    theme: readPageTheme(doc),
  };
}

/**
 * The part of readTaskPage the banner needs, on its own: the content script carries only what it reads
 * (its size has a budget), and subscribers, the viewer and the CSRF token are not among it.
 */
export function readTaskHeader(doc: Document): TaskHeader | null {
  if (may(doc, 'twoColumnHeader') === null) return null;
  const id = pageTaskId(doc);
  if (id === null) return null;

  const unread: UnreadPart[] = [];
  const status = readStatus(doc, unread);
  const curtain = must(doc, 'curtain');

  return {
    id,
    phid: readTaskPhid(doc),
    // Trimmed only: the icon span before the title is empty, and the title keeps its own spacing.
    title: (must(doc, 'taskTitle').textContent ?? '').trim(),
    ...status,
    priorityColor: readPriorityColor(doc),
    assignee: readAssignee(curtain, unread),
    tags: readTags(curtain, unread),
    unread,
  };
}

function readStatus(
  doc: Document,
  unread: UnreadPart[],
): Pick<TaskHeader, 'statusName' | 'priorityName' | 'closed'> {
  const tags = mustAll(doc, 'headerTags');
  // Subtype and story-point tags can sit beside the status tag; only the status tag has these icons.
  const iconOf = (tag: Element) => may(tag, 'tagIcon')?.classList;
  const statusTag =
    tags.find((t) => iconOf(t)?.contains('fa-square-o') || iconOf(t)?.contains('fa-check-square-o')) ??
    tags[0]!;
  const label = text(must(statusTag, 'tagText'));
  const icon = iconOf(statusTag);
  let closed: boolean;
  if (icon?.contains('fa-check-square-o') || statusTag.classList.contains('phui-tag-indigo')) {
    closed = true;
  } else if (icon?.contains('fa-square-o') || statusTag.classList.contains('phui-tag-grey')) {
    closed = false;
  } else {
    throw new PageStructureError(
      'status',
      'headerTags',
      MUST_SELECTORS.headerTags.css,
      `the status tag "${label}" is neither Phorge's open kind (grey, fa-square-o) nor its closed kind (indigo, fa-check-square-o)`,
    );
  }
  // ManiphestTaskStatus::renderFullDescription: open is pht('%s, %s', status, priority); closed
  // is the status's full name alone, which itself reads "Closed, Resolved".
  if (closed) return { statusName: label, priorityName: null, closed };
  const comma = label.lastIndexOf(', ');
  if (comma < 0) {
    unread.push({ feature: 'status', reason: `no "Status, Priority" separator in "${label}"` });
    return { statusName: label, priorityName: null, closed };
  }
  return { statusName: label.slice(0, comma), priorityName: label.slice(comma + 2), closed };
}

function readTaskPhid(doc: Document): string {
  const link = must(doc, 'policyLink');
  const href = link.getAttribute('href') ?? '';
  const phid = TASK_PHID_IN_POLICY_HREF.exec(pathOf(href) ?? '')?.[1];
  if (phid === undefined) {
    throw new PageStructureError(
      'task-phid',
      'policyLink',
      MUST_SELECTORS.policyLink.css,
      `the policy link "${href}" does not name a task PHID`,
    );
  }
  return phid;
}

function readPriorityColor(doc: Document): string | null {
  const icon = may(doc, 'headerIcon');
  if (icon === null) return null;
  const colour = Array.from(icon.classList).find(
    (c) => !c.startsWith('fa-') && !c.startsWith('phui-') && c !== 'visual-only',
  );
  return colour ?? null;
}

function findPanel(curtain: Element, titles: readonly string[]): Element | null {
  for (const panel of mayAll(curtain, 'curtainPanel')) {
    if (titles.includes(text(may(panel, 'curtainPanelHeader')))) return panel;
  }
  return null;
}

function readAssignee(curtain: Element, unread: UnreadPart[]): string | null {
  // Panel titles follow the viewer's UI language; Phorge's task page puts "Assigned To" first.
  const panel = findPanel(curtain, PANEL_TITLES.assignedTo) ?? may(curtain, 'curtainPanel');
  if (panel === null) {
    unread.push({ feature: 'assignee', reason: 'no "Assigned To" panel in the curtain' });
    return null;
  }
  for (const handle of mayAll(panel, 'objectRefHandle')) {
    const username = usernameFromHref(handle.getAttribute('href'));
    if (username !== null) return username;
  }
  if (may(panel, 'objectRefEmpty') === null) {
    unread.push({ feature: 'assignee', reason: 'the "Assigned To" panel names no user and is not "None"' });
  }
  return null;
}

function readTags(curtain: Element, unread: UnreadPart[]): ProjectTagRef[] {
  // Fall back to the panel holding a tag list, for instances whose UI language is not English.
  const panel =
    findPanel(curtain, PANEL_TITLES.tags) ??
    mayAll(curtain, 'curtainPanel').find((p) => may(p, 'projectTagItem') !== null) ??
    null;
  if (panel === null) {
    unread.push({ feature: 'tags', reason: 'no "Project Tags" panel in the curtain' });
    return [];
  }
  const tags: ProjectTagRef[] = [];
  for (const item of mayAll(panel, 'projectTagItem')) {
    const link = may(item, 'projectTagLink');
    if (link === null) continue;
    const slugPart = TAG_PATH.exec(pathOf(link.getAttribute('href') ?? '') ?? '')?.[1];
    const column = text(may(item, 'boardColumnLink'));
    tags.push({
      slug: slugPart === undefined ? null : decode(slugPart),
      name: text(link),
      column: column === '' ? null : column.replace(/^\((.*)\)$/s, '$1'),
    });
  }
  return tags;
}

function readSubscribers(
  curtain: Element,
  unread: UnreadPart[],
): Pick<TaskPageInfo, 'subscribers' | 'subscribersComplete'> {
  const panel = findPanel(curtain, PANEL_TITLES.subscribers);
  if (panel === null) {
    unread.push({ feature: 'subscribers', reason: 'no "Subscribers" panel in the curtain' });
    return { subscribers: [], subscribersComplete: false };
  }
  const subscribers = mayAll(panel, 'objectRefHandle')
    .map((handle) => usernameFromHref(handle.getAttribute('href')))
    .filter((name): name is string => name !== null);
  return { subscribers, subscribersComplete: may(panel, 'objectRefTail') === null };
}

function readViewer(doc: Document): PageViewer {
  const profile = may(doc, 'viewerProfileLink');
  if (profile !== null) {
    return { loggedIn: true, username: usernameFromHref(profile.getAttribute('href')) };
  }
  if (may(doc, 'loginButton') !== null) return { loggedIn: false, username: null };
  // Neither link: only logged-in users get the notification counters.
  return { loggedIn: may(doc, 'mainMenuAlerts') !== null, username: null };
}

/** `/p/<username>/` (relative or absolute) to the username; null for anything else. */
export function usernameFromHref(href: string | null): string | null {
  if (href === null) return null;
  const part = PROFILE_PATH.exec(pathOf(href) ?? '')?.[1];
  return part === undefined ? null : decode(part);
}

function pathOf(href: string): string | null {
  try {
    return new URL(href, PAGE_BASE).pathname;
  } catch {
    return null;
  }
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Text with runs of whitespace collapsed, as a reader sees it. */
function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
