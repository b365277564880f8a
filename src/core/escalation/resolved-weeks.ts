// Whether a team is getting better at UBN!s: for tasks whose escalation ended by closing in the last
// weeks, how long until someone declared themselves process owner, and how long until it was closed,
// grouped by the week (Monday 00:00 UTC) it was closed in.
import type { Epoch, InstanceVocabulary, TaskSnapshot, TaskTransaction } from '../model';
import { readEscalation } from './escalation';
import { findDeclarations, heldSince } from './declarations';
import { chronological } from './transactions';

export interface ResolvedTask {
  id: number;
  title: string;
  escalatedAt: Epoch;
  resolvedAt: Epoch;
  /** Seconds from the escalation to the first "Process owner: @…" line; null when nobody declared. */
  toFirstOwner: number | null;
  toResolution: number;
}

export interface ResolvedWeek {
  /** Monday 00:00 UTC. */
  weekStart: Epoch;
  resolved: number;
  /** Resolved without anyone ever declared as process owner. */
  neverOwned: number;
  medianToFirstOwner: number | null;
  medianToResolution: number | null;
}

const WEEK = 7 * 86400;

/** Monday 00:00 UTC of the week holding `at` (the epoch began on a Thursday). */
export function weekStart(at: Epoch): Epoch {
  return Math.floor((at - 4 * 86400) / WEEK) * WEEK + 4 * 86400;
}

/** The task's last escalation, if it ended by the task being closed; null otherwise. */
export function resolvedTask(
  task: TaskSnapshot,
  history: readonly TaskTransaction[],
  vocabulary: InstanceVocabulary,
): ResolvedTask | null {
  const escalation = readEscalation(history, vocabulary, task);
  const latest = escalation.latest;
  if (latest === null || escalation.active) return null;
  const closing = escalation.closings.find((c) => c.at >= latest.at);
  if (closing === undefined) return null;
  // Lowered before it was closed: not a UBN! that was resolved (whatever its priority became since).
  if (escalation.lowerings.some((l) => l.at >= latest.at && l.at <= closing.at)) return null;
  let firstOwner: Epoch | null = null;
  for (const tx of chronological(history)) {
    if (tx.comments.length === 0) continue;
    const at = declaringSince(tx);
    if (at === null || at < latest.at || at > closing.at) continue;
    // The earliest declaration as it reads now: an older comment edited to declare counts from its
    // edit, so a later comment may have declared first.
    if (firstOwner === null || at < firstOwner) firstOwner = at;
  }
  return {
    id: task.id,
    title: task.title,
    escalatedAt: latest.at,
    resolvedAt: closing.at,
    toFirstOwner: firstOwner === null ? null : firstOwner - latest.at,
    toResolution: closing.at - latest.at,
  };
}

/** Since when a comment has declared someone (anyone) as process owner, as it reads now. */
function declaringSince(tx: TaskTransaction): Epoch | null {
  return heldSince(tx, (text) => findDeclarations(text).some((d) => d.kind === 'declare'));
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The last `weeks` weeks up to `now`, oldest first; weeks with nothing resolved are listed too. */
export function resolvedWeeks(tasks: readonly ResolvedTask[], now: Epoch, weeks = 12): ResolvedWeek[] {
  const current = weekStart(now);
  const out: ResolvedWeek[] = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const from = current - i * WEEK;
    const inWeek = tasks.filter((t) => t.resolvedAt >= from && t.resolvedAt < from + WEEK);
    const owned = inWeek.flatMap((t) => (t.toFirstOwner === null ? [] : [t.toFirstOwner]));
    out.push({
      weekStart: from,
      resolved: inWeek.length,
      neverOwned: inWeek.length - owned.length,
      medianToFirstOwner: median(owned),
      medianToResolution: median(inWeek.map((t) => t.toResolution)),
    });
  }
  return out;
}
