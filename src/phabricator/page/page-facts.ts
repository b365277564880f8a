// What a task page says about its task that tells the worker whether its cache is current: the newest
// transaction the timeline shows, and the header's and curtain's priority, status, assignee and tags.
// Read from the page, so checked here (ids are digits only) and bounded again by the worker's schema,
// which sets aside facts out of bounds (src/shared/page-limits.ts).
import type { PageFacts } from '../../messages';
import { PAGE_PEOPLE_LIMIT } from '../../shared/page-limits';
import { mayAll } from './selectors';
import { readTaskHeader } from './task-page';

const TRANSACTION_ID = /^[1-9]\d{0,14}$/;

/** The largest transaction id the timeline anchors name, or null when there is none to read. */
export function newestTransactionId(doc: ParentNode): number | null {
  let newest: number | null = null;
  for (const anchor of mayAll(doc, 'timelineAnchor')) {
    const name = anchor.getAttribute('name') ?? '';
    if (!TRANSACTION_ID.test(name)) continue;
    const id = Number(name);
    if (newest === null || id > newest) newest = id;
  }
  return newest;
}

// `/p/<username>/`, the username as core's USERNAME_PATTERN allows it.
const PROFILE_PATH = /^\/p\/([A-Za-z0-9._-]{1,64})\/$/;

/** Distinct usernames of the people the page links to (at most PAGE_PEOPLE_LIMIT), in page order. */
export function linkedUsernames(doc: ParentNode): string[] {
  const names = new Map<string, string>();
  for (const link of mayAll(doc, 'personLink')) {
    const username = PROFILE_PATH.exec(link.getAttribute('href') ?? '')?.[1];
    if (username === undefined || names.has(username.toLowerCase())) continue;
    names.set(username.toLowerCase(), username);
    if (names.size === PAGE_PEOPLE_LIMIT) break;
  }
  return [...names.values()];
}

/** The facts of the task page, or null when the document is not a task page or cannot be read. */
export function readPageFacts(doc: Document): PageFacts | null {
  let page;
  try {
    page = readTaskHeader(doc);
  } catch {
    return null;
  }
  if (page === null) return null;
  // Parts the page did not let us read are left out of the comparison, not compared as empty.
  const unread = new Set(page.unread.map((part) => part.feature));
  if (unread.has('assignee') || unread.has('tags')) return null;
  return {
    phid: page.phid,
    // PAGE_TEXT_LIMIT, written out: the content script's budget has no room for one more binding.
    title: page.title.slice(0, 1000),
    newestTransaction: newestTransactionId(doc),
    priority: page.priorityName,
    status: page.statusName,
    closed: page.closed,
    assignee: page.assignee,
    tags: page.tags.map((tag) => ({ name: tag.name, slug: tag.slug })),
    people: linkedUsernames(doc),
  };
}
