// What a poll keeps about every task it evaluated, so that the next poll asks Phorge only what changed
// since (maniphest.search with modifiedStart) and evaluates again only the tasks that changed, whose
// people changed, or whose next threshold fell due. Small on purpose: histories stay in the tasks store.
import type { DeclaringComment } from '../core/escalation/declarations';
import type { InstanceVocabulary, PhabUser, TaskSnapshot } from '../core/model';
import { isClosedStatus } from '../core/escalation/vocabulary';
import { UBN_PRIORITY } from '../core/model';
import type { StaleFinding } from '../core/escalation/staleness';
import type { TeamContact } from '../core/reminders/contact';

/**
 * Phorge stores dateModified in whole seconds and an edit may commit a moment after the search that
 * missed it: the next window starts this long before the server time of the last reply, so it also
 * covers an edit made in the same second as that poll.
 */
export const WINDOW_OVERLAP_SECONDS = 60;

/** Every so often the whole set of open UBN! is read again: a task hidden by a policy change leaves then. */
export const FULL_READ_SECONDS = 6 * 3600;

export interface CachedTask {
  id: number;
  /** The snapshot's dateModified when the task was last evaluated. */
  modified: number;
  title: string;
  ubnOpen: boolean;
  /** Open, whatever its priority. Absent in caches written before it was kept (counted as open). */
  open?: boolean;
  projectPHIDs: string[];
  /** The accounts the evaluation looked at (see context.ts wantedUsers). */
  phids: string[];
  usernames: string[];
  /** Next moment the assessment changes on the clock alone (core/escalation/next-change); null: never. */
  dueAt: number | null;
  /** Counts toward the deploy gate: an open UBN! without a process owner for too long. */
  gate: boolean;
  /** What the reminders need, for a watched task with an escalation running. */
  findings: StaleFinding[] | null;
  contact: TeamContact | null;
  /** When the running escalation started; null: none runs. Absent in caches written before it was kept. */
  escalatedAt?: number | null;
  /** The comments of its history that say who is in charge (see declaration-check.ts). Absent in
   *  caches written before they were kept. */
  declaring?: DeclaringComment[];
}

export interface PollCache {
  /** modifiedStart of the next poll, in Phorge's clock; null: the next poll reads everything. */
  since: number | null;
  /**
   * Phorge's clock when the last poll searched (without a Date, the newest dateModified it saw); null
   * when neither was known. A task whose dateModified is that second or later may have had another
   * edit in the same second.
   */
  readAt: number | null;
  /** When the whole set was last read (worker clock). */
  fullAt: number;
  /** When the declaring comments were last asked after (worker clock); absent before they were. */
  declarationsAt?: number;
  /** Settings, registry, viewer and vocabulary the evaluations were made with: another basis, another evaluation. */
  basis: string;
  tasks: CachedTask[];
  /** Per account, what its evaluation depended on: a change re-evaluates the tasks that name it. */
  people: Record<string, string>;
}

/** The same findings as a reader sees them: the rules, thresholds, severities and what each is about. */
export function sameFindings(a: readonly StaleFinding[] | null, b: readonly StaleFinding[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  return a.every((f, i) => {
    const g = b[i]!;
    return (
      f.rule === g.rule &&
      f.threshold === g.threshold &&
      f.severity === g.severity &&
      f.occurrence === g.occurrence
    );
  });
}

/** An open UBN!: a status the instance does not list counts open, as core reads it. */
export function isUbnOpen(snapshot: TaskSnapshot, vocabulary: InstanceVocabulary): boolean {
  return snapshot.priority.value === UBN_PRIORITY && !isClosedStatus(vocabulary, snapshot.status.value);
}

/** What about an account can change an evaluation: its name, roles and availability. */
export function personSignature(user: PhabUser): string {
  const a = user.availability;
  return `${user.username}|${user.roles.join(',')}|${a.value}|${a.until ?? ''}`;
}

/** Whether a cached poll may be continued incrementally, or the next poll reads everything. */
export function usableCache(cache: PollCache | undefined, basis: string, now: number): PollCache | null {
  if (!cache || cache.since === null || cache.basis !== basis) return null;
  if (now - cache.fullAt >= FULL_READ_SECONDS || now < cache.fullAt) return null;
  return cache;
}
