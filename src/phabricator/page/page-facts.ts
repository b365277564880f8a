// What a task page says about its task that tells the worker whether its cache is current: the newest
// transaction the timeline shows, and the header's and curtain's priority, status, assignee and tags.
// Read from the page, so checked here (ids are digits only) and bounded again by the worker's schema.
import type { PageFacts } from '../../messages';
import { mayAll } from './selectors';
import { readTaskPage } from './task-page';

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

/** The facts of the task page, or null when the document is not a task page or cannot be read. */
export function readPageFacts(doc: Document): PageFacts | null {
  let page;
  try {
    page = readTaskPage(doc);
  } catch {
    return null;
  }
  if (page === null) return null;
  // Parts the page did not let us read are left out of the comparison, not compared as empty.
  const unread = new Set(page.unread.map((part) => part.feature));
  if (unread.has('assignee') || unread.has('tags')) return null;
  return {
    phid: page.phid,
    title: page.title.slice(0, 1000),
    newestTransaction: newestTransactionId(doc),
    priority: page.priorityName,
    status: page.statusName,
    closed: page.closed,
    assignee: page.assignee,
    tags: page.tags.map((tag) => ({ name: tag.name, slug: tag.slug })),
  };
}
