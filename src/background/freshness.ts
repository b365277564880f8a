// Whether the worker may answer a banner from its cache, and what it must ask Phabricator afterwards. The
// one place that decides it; the context builder and the handlers follow the verdict.
//
// The task page tells what Phabricator knew when it was served: the newest transaction its timeline shows,
// and the header's and curtain's priority, status, assignee and tags. Transaction ids only grow, so a page
// whose newest transaction the cached history holds shows nothing the cache lacks, and needs no request.
import type { InstanceVocabulary, PhabProject, TaskSnapshot } from '../core/model';
import type { PageFacts } from '../messages';
import { chronological } from '../core/escalation/transactions';
import { pageHeldBy } from '../shared/page-freshness';
import type { TaskEntry } from './db';
import type { KnownUserEntry } from './users';
import { USER_TTL_SECONDS, userByPhid } from './users';

/** Without the page's word (the popup, the assign frame), a cached task this old is checked after the answer. */
export const UNCONFIRMED_CHECK_SECONDS = 60;
/** Availability (away, busy) changes through the day: cached people older than this are read again after the answer. */
export const PEOPLE_RECHECK_SECONDS = USER_TTL_SECONDS;

export type Verdict =
  /** The cache holds everything the page shows: answer from it, ask nothing. */
  | { kind: 'current' }
  /** Answer from the cache, then ask Phabricator: the banner updates in place if the task moved. */
  | { kind: 'check' }
  /** The page shows something the cache lacks: its history must not be shown as current. */
  | { kind: 'behind'; reason: string }
  /** Nothing usable is cached. */
  | { kind: 'unseen' };

export interface CachedFacts {
  vocabulary: InstanceVocabulary | null;
  projects: readonly PhabProject[];
  users: readonly KnownUserEntry[];
  /** Whether who "you" are is cached: it is forgotten when the account may have changed (a new token). */
  viewerKnown: boolean;
}

function newestId(entry: TaskEntry): number {
  let newest = 0;
  for (const tx of entry.history ?? []) if (tx.id > newest) newest = tx.id;
  return newest;
}

/**
 * Phorge draws a task's timeline in groups (shouldDisplayGroupWith): one author's transactions, each less
 * than 2 minutes from every other in the group, gathered oldest first until one carries a comment, which
 * closes the group. A group is named by its strongest transaction's id, not its newest (a priority change
 * before the comment that came with it).
 */
const GROUP_SECONDS = 120;

/**
 * The newest timeline anchor a page may show for this cached history to hold everything it shows. Only the
 * history's last group can still grow: while it has no comment, a change its author makes within 2
 * minutes of its first joins it, under an anchor the history may already hold. A history read after that
 * (Phorge's clock) or ending in a comment holds its newest transaction; otherwise only the groups before.
 */
function heldThrough(entry: TaskEntry): number {
  const history = entry.history ?? [];
  const readAt = entry.historyReadAt;
  // Stored by a build that did not keep the read's time: as before, its newest transaction.
  if (readAt == null || history.length === 0) return newestId(entry);
  const ordered = chronological(history);
  // The last group, found as Phorge finds groups: from the oldest transaction on.
  let first = 0;
  let commented = ordered[0]!.comments.length > 0;
  for (let i = 1; i < ordered.length; i++) {
    const tx = ordered[i]!;
    const lead = ordered[first]!;
    const joins =
      !commented && tx.authorPHID === lead.authorPHID && tx.dateCreated - lead.dateCreated <= GROUP_SECONDS;
    if (!joins) {
      first = i;
      commented = false;
    }
    if (tx.comments.length > 0) commented = true;
  }
  if (commented || readAt > ordered[first]!.dateCreated + GROUP_SECONDS) return newestId(entry);
  let held = 0;
  for (let i = 0; i < first; i++) if (ordered[i]!.id > held) held = ordered[i]!.id;
  return held;
}

/** Why the page's header and curtain disagree with the cached snapshot, or null when they agree. */
function headerDifference(snapshot: TaskSnapshot, page: PageFacts, known: CachedFacts): string | null {
  const closed = known.vocabulary?.statuses.find((s) => s.value === snapshot.status.value)?.closed;
  if (closed !== undefined && closed !== page.closed) return 'status';
  // Open tasks show "Status, Priority" by name; a closed task's header shows neither alone.
  if (!page.closed) {
    if (page.status !== snapshot.status.name) return 'status';
    if (page.priority !== null && page.priority !== snapshot.priority.name) return 'priority';
  }
  const owner = snapshot.ownerPHID ? userByPhid(known.users, snapshot.ownerPHID)?.user.username : null;
  if ((snapshot.ownerPHID === null) !== (page.assignee === null)) return 'assignee';
  if (owner && page.assignee && owner.toLowerCase() !== page.assignee.toLowerCase()) return 'assignee';
  if (page.tags.length !== snapshot.projectPHIDs.length) return 'tags';
  // Tags are matched by slug where the page links one (milestones show "Parent (Milestone)" and no slug,
  // so the count stands for them).
  const cachedSlugs = new Set<string>();
  for (const phid of snapshot.projectPHIDs) {
    const slug = known.projects.find((p) => p.phid === phid)?.slug;
    if (slug) cachedSlugs.add(slug);
  }
  return page.tags.every((tag) => tag.slug === null || cachedSlugs.has(tag.slug)) ? null : 'tags';
}

/**
 * The newest transaction of a cached history that may stand for the task's page before the page is read
 * (see pageHeldBy), or null when nothing usable is cached. No page facts: nothing is decided yet.
 */
export function cachedBasis(entry: TaskEntry | undefined, known: CachedFacts): number | null {
  if (!usable(entry, known)) return null;
  const held = heldThrough(entry);
  return held > 0 ? held : null;
}

/** A cached entry whose history is that of its snapshot, with the vocabulary to read it: else unseen. */
function usable(entry: TaskEntry | undefined, known: CachedFacts): entry is TaskEntry {
  const historyCurrent = entry?.history != null && entry.historyModified === entry.snapshot.dateModified;
  return historyCurrent && known.vocabulary !== null;
}

export function judge(
  entry: TaskEntry | undefined,
  page: PageFacts | undefined,
  known: CachedFacts,
  now: number,
): Verdict {
  const verdict = judgeTask(entry, page, known, now);
  // The task is as cached but "you" are not known (the account changed): the check reads who you are.
  return verdict.kind === 'current' && !known.viewerKnown ? { kind: 'check' } : verdict;
}

/**
 * After a read of Phabricator for this page, whether the cache still lacks what the page shows: a read this
 * ask joined may have begun before the page was served (a comment posted meanwhile), and its answer must
 * not stand as whole.
 */
export function stillBehind(
  entry: TaskEntry | undefined,
  page: PageFacts,
  known: CachedFacts,
  now: number,
): boolean {
  const verdict = judgeTask(entry, page, known, now);
  return verdict.kind === 'behind' || verdict.kind === 'unseen';
}

function judgeTask(
  entry: TaskEntry | undefined,
  page: PageFacts | undefined,
  known: CachedFacts,
  now: number,
): Verdict {
  if (!usable(entry, known)) return { kind: 'unseen' };
  if (!page)
    return now - entry.fetchedAt < UNCONFIRMED_CHECK_SECONDS ? { kind: 'current' } : { kind: 'check' };
  const cachedNewest = newestId(entry);
  if (page.newestTransaction !== null) {
    if (!pageHeldBy(page.newestTransaction, heldThrough(entry)))
      return {
        kind: 'behind',
        reason: page.newestTransaction > cachedNewest ? 'newer transaction' : 'newest group read too soon',
      };
    // The cache has moved past the page (a poll, an assign): the page's header is the older one.
    if (page.newestTransaction < cachedNewest) return { kind: 'current' };
  }
  const difference = headerDifference(entry.snapshot, page, known);
  if (page.newestTransaction === null) {
    // No transaction id to compare: a disagreeing header means the page is newer; an agreeing one is
    // likely current but not certainly, so it is checked after answering.
    return difference !== null ? { kind: 'behind', reason: difference } : { kind: 'check' };
  }
  // The same newest transaction: every change is a transaction, so a header that disagrees is one this
  // module reads differently from Phorge (a renamed status, a project shown under another name). Answer,
  // and check at most once a minute.
  if (difference !== null && now - entry.fetchedAt >= UNCONFIRMED_CHECK_SECONDS) return { kind: 'check' };
  return { kind: 'current' };
}

/**
 * Whether the people the answer names must be read again after answering: some were read too long ago,
 * or some account the task names (owner, authors, the viewer) was never read.
 */
export function peopleDue(found: readonly KnownUserEntry[], missingAccounts: number, now: number): boolean {
  return missingAccounts > 0 || found.some((u) => now - u.fetchedAt >= PEOPLE_RECHECK_SECONDS);
}
