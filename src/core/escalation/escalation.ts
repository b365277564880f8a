// Escalation: when a task became an open "Unbreak Now!" and how often that happened.
//
// The glossary defines the escalation as the newest priority move to UBN!, or the creation of a
// task filed as UBN!. A task can also be closed while UBN! and reopened later without touching its
// priority; counting its age from the original raise would call a just-reopened task weeks old and
// ignore that it was considered fixed in between. So an escalation here is each moment the task
// became an open UBN!: raised to UBN! while open, created as UBN!, or reopened while UBN!. For a
// task that was never closed this is exactly the glossary's definition.
import type { Epoch, InstanceVocabulary, Phid, TaskSnapshot, TaskTransaction } from '../model';
import { UBN_PRIORITY } from '../model';
import type { HistoryPoint, PriorityChange, StatusChange } from './transactions';
import { chronological, readPriorityChange, readStatusChange } from './transactions';
import { isClosedStatus, mergedStatus } from './vocabulary';

export type EscalationCause = 'created' | 'raised' | 'reopened';

export interface Escalation extends HistoryPoint {
  byPHID: Phid | null;
  cause: EscalationCause;
  /** The priority it was raised from (for 'created', what Phorge records as the default, e.g. 90). */
  fromPriority: number | null;
  /**
   * True when no transaction records the moment: a task created as UBN! on an instance that writes
   * no priority transaction at creation, or a task found UBN! by maniphest.search after the history
   * was read. The time is then the creation or the task's last modification.
   */
  inferred: boolean;
}

export interface PriorityStep extends HistoryPoint {
  byPHID: Phid;
  from: number | null;
  to: number;
}

export interface StatusStep extends HistoryPoint {
  byPHID: Phid;
  from: string | null;
  to: string;
}

export interface EscalationHistory {
  /** Current priority value, or null when neither history nor snapshot says. */
  priority: number | null;
  status: string | null;
  open: boolean;
  ubn: boolean;
  /** Open and UBN!: the only state in which an escalation age exists. */
  active: boolean;
  /** Every time the task became an open UBN!, oldest first. */
  escalations: Escalation[];
  /** How many times the task has been escalated (escalations.length). */
  recurrence: number;
  /** The escalation that is running now; null when the task is not an open UBN!. */
  current: Escalation | null;
  /** The newest escalation, running or not (for "was UBN! until ..."). */
  latest: Escalation | null;
  /** When the latest escalation stopped (lowered or closed); null while it runs or if none. */
  endedAt: HistoryPoint | null;
  /** Priority moves away from UBN!. */
  lowerings: PriorityStep[];
  /** Moves from an open status to a closed one. */
  closings: StatusStep[];
  /** Moves from a closed status to an open one. */
  reopenings: StatusStep[];
}

/** The task as maniphest.search sees it now; it wins over the replayed history unless it is older. */
export type CurrentTask = Pick<TaskSnapshot, 'priority' | 'status'> &
  Partial<Pick<TaskSnapshot, 'dateModified' | 'dateCreated'>>;

function isCreatedTogether(tx: TaskTransaction, create: TaskTransaction | undefined): boolean {
  if (create === undefined) return false;
  if (tx.groupID !== undefined && create.groupID !== undefined) return tx.groupID === create.groupID;
  return tx.dateCreated === create.dateCreated;
}

export function readEscalation(
  history: readonly TaskTransaction[],
  vocabulary: InstanceVocabulary,
  current?: CurrentTask,
): EscalationHistory {
  const ordered = chronological(history);
  const create = ordered.find((tx) => tx.type === 'create');

  // The state before the first recorded change: the first change's "old" side, else the state now.
  let firstPriority: PriorityChange | null = null;
  let firstStatus: StatusChange | null = null;
  // A merge closes the task with no status transaction ("closed as a duplicate of T…"): it is read as a
  // change to the instance's duplicate status, and a task merged before any status change was open.
  const merged = mergedStatus(vocabulary);
  const statusChangeOf = (tx: TaskTransaction, from: string | null): StatusChange | null =>
    tx.type === 'mergedinto' ? (merged === null ? null : { old: from, new: merged }) : readStatusChange(tx);
  for (const tx of ordered) {
    if (firstPriority === null && tx.type === 'priority') firstPriority = readPriorityChange(tx);
    if (firstStatus === null && (tx.type === 'status' || tx.type === 'mergedinto'))
      firstStatus = statusChangeOf(tx, null);
    if (firstPriority !== null && firstStatus !== null) break;
  }
  let priority: number | null =
    firstPriority !== null ? firstPriority.old : (current?.priority.value ?? null);
  // Tasks are created open unless a status transaction says otherwise, so with the creation in the
  // history and no status change the task has been open all along, whatever the snapshot says now.
  let status: string | null =
    firstStatus !== null ? firstStatus.old : create !== undefined ? null : (current?.status.value ?? null);

  const isOpen = (value: string | null): boolean => value === null || !isClosedStatus(vocabulary, value);
  const isActive = (): boolean => priority === UBN_PRIORITY && isOpen(status);

  const escalations: Escalation[] = [];
  const lowerings: PriorityStep[] = [];
  const closings: StatusStep[] = [];
  const reopenings: StatusStep[] = [];
  let endedAt: HistoryPoint | null = null;

  const first = create ?? ordered[0];
  if (isActive() && first !== undefined) {
    escalations.push({
      at: first.dateCreated,
      transactionId: first.id,
      byPHID: first.authorPHID,
      cause: 'created',
      fromPriority: null,
      inferred: true,
    });
  }

  for (const tx of ordered) {
    // Only priority and status transactions move the state; skip the rest cheaply.
    if (tx.type !== 'priority' && tx.type !== 'status' && tx.type !== 'mergedinto') continue;
    const wasActive = isActive();
    const priorityChange = readPriorityChange(tx);
    const statusChange = statusChangeOf(tx, status);
    let cause: EscalationCause | null = null;
    if (priorityChange !== null) {
      if (priorityChange.old === UBN_PRIORITY && priorityChange.new !== UBN_PRIORITY) {
        lowerings.push({
          at: tx.dateCreated,
          transactionId: tx.id,
          byPHID: tx.authorPHID,
          from: priorityChange.old,
          to: priorityChange.new,
        });
      }
      priority = priorityChange.new;
      cause = isCreatedTogether(tx, create) ? 'created' : 'raised';
    }
    if (statusChange !== null) {
      const wasOpen = isOpen(status);
      const nowOpen = isOpen(statusChange.new);
      const step = {
        at: tx.dateCreated,
        transactionId: tx.id,
        byPHID: tx.authorPHID,
        from: status,
        to: statusChange.new,
      };
      if (wasOpen && !nowOpen) closings.push(step);
      if (!wasOpen && nowOpen) reopenings.push(step);
      status = statusChange.new;
      cause = 'reopened';
    }
    const nowActive = isActive();
    if (!wasActive && nowActive && cause !== null) {
      escalations.push({
        at: tx.dateCreated,
        transactionId: tx.id,
        byPHID: tx.authorPHID,
        cause,
        fromPriority: priorityChange?.old ?? null,
        inferred: false,
      });
      endedAt = null;
    } else if (wasActive && !nowActive) {
      endedAt = { at: tx.dateCreated, transactionId: tx.id };
    }
  }

  let active = isActive();
  // The snapshot says how the task is now, unless it was read before the history's last change of
  // state: every transaction moves dateModified, so a snapshot modified earlier predates it (the poll
  // searches first and reads histories after), and the history is the newer word.
  const lastChange = active ? escalations[escalations.length - 1]?.at : endedAt?.at;
  const snapshotOlder =
    current?.dateModified !== undefined && lastChange !== undefined && current.dateModified < lastChange;
  if (current !== undefined && !snapshotOlder) {
    priority = current.priority.value;
    status = current.status.value;
    const snapshotActive = isActive();
    if (snapshotActive && !active) {
      // Changed after the history was read: the snapshot's modification time is the best bound.
      const last = ordered[ordered.length - 1];
      escalations.push({
        at: current.dateModified ?? last?.dateCreated ?? 0,
        transactionId: (last?.id ?? 0) + 1,
        byPHID: null,
        cause: 'raised',
        fromPriority: null,
        inferred: true,
      });
      endedAt = null;
    } else if (!snapshotActive && active) {
      const last = ordered[ordered.length - 1];
      endedAt = { at: current.dateModified ?? last?.dateCreated ?? 0, transactionId: (last?.id ?? 0) + 1 };
    }
    active = snapshotActive;
  }
  if (active && escalations.length === 0) {
    // An open UBN! with no history to date it from (none recorded, or none the account may read): it
    // has been one at least since it was created, as far as anyone can tell, and is not left undated.
    escalations.push({
      at: current?.dateCreated ?? current?.dateModified ?? 0,
      transactionId: 0,
      byPHID: null,
      cause: 'created',
      fromPriority: null,
      inferred: true,
    });
  }

  const latest = escalations[escalations.length - 1] ?? null;
  return {
    priority,
    status,
    open: isOpen(status),
    ubn: priority === UBN_PRIORITY,
    active,
    escalations,
    recurrence: escalations.length,
    current: active ? latest : null,
    latest,
    endedAt: active ? null : endedAt,
    lowerings,
    closings,
    reopenings,
  };
}

/** Seconds since the running escalation began, or null when the task is not an open UBN!. */
export function escalationAge(escalation: EscalationHistory, now: Epoch): number | null {
  if (escalation.current === null) return null;
  return Math.max(0, now - escalation.current.at);
}
