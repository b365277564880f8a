// The escalation timeline: what happened on a UBN! task from its escalation to now (or to when it
// stopped being an open UBN!), as data a strip or a chart draws. Who held the process owner role
// when follows resolveProcessOwner's rules (the newest declaration line since the escalation, the declared
// person's first act after it), read in one pass over the history so a task with thousands of comments
// costs linear time; the last stretch is the assessment itself, so the picture never disagrees with the words.
import type { Epoch, PhabUser, TaskTransaction } from '../model';
import type { TaskAssessment } from './assess';
import { declarationPoint, parseDeclaration } from './declarations';
import type { ProcessOwner, UserIndex } from './process-owner';
import { acknowledges, indexUsers } from './process-owner';
import type { HistoryPoint } from './transactions';
import { chronological, comparePoints, currentComment, pointOf } from './transactions';
import type { Severity, StalenessSettings } from './thresholds';
import { DEFAULT_STALENESS_SETTINGS, thresholdLabel } from './thresholds';

/** none: nobody declared (an assignee alone is not a process owner); released: "Process owner: none". */
export type TimelineSegmentKind = 'none' | 'declared' | 'acknowledged' | 'released';

export interface TimelineSegment {
  kind: TimelineSegmentKind;
  start: Epoch;
  end: Epoch;
  /** The declared process owner during the segment; for "released", who released the role. */
  who: string | null;
}

export interface TimelineTick {
  at: Epoch;
  /** Username, or the PHID when the account is unknown. */
  author: string;
  kind: 'comment' | 'edit';
  /** The transaction type ("priority", "status", "owner", …), null for typeless ones (board moves). */
  type: string | null;
}

export interface TimelineThreshold {
  at: Epoch;
  /** "2h", "3d", "7d". */
  label: string;
  rule: 'no-process-owner' | 'escalation-age';
  severity: Severity;
  /** Whether the moment lies within the strip (it has been crossed). */
  reached: boolean;
}

export interface EarlierEscalation {
  at: Epoch;
  /** When that escalation stopped (lowered or closed); null when the history does not say. */
  until: Epoch | null;
}

export interface EscalationTimeline {
  start: Epoch;
  end: Epoch;
  /** True while the task is an open UBN! (the strip runs to now). */
  running: boolean;
  segments: TimelineSegment[];
  /** Oldest first; at most maxTicks, the newest kept. */
  ticks: TimelineTick[];
  omittedTicks: number;
  earlier: EarlierEscalation[];
  thresholds: TimelineThreshold[];
}

export interface TimelineInput {
  history: readonly TaskTransaction[];
  assessment: TaskAssessment;
  users: ReadonlyMap<string, PhabUser>;
  now: Epoch;
  settings?: StalenessSettings;
  /** A task busy for months has thousands of transactions; a strip cannot show more anyway. */
  maxTicks?: number;
}

const DEFAULT_MAX_TICKS = 400;

/** A role change read from one comment: a declaration line posted since the escalation. */
interface Change {
  point: HistoryPoint;
  byPHID: string;
  /** The declared username as written; null for "Process owner: none". */
  username: string | null;
}

/** The segments of one stretch during which the same declaration (or release) was in force. */
function stretch(
  change: Change,
  users: UserIndex,
  ack: Epoch | null,
  start: Epoch,
  end: Epoch,
): TimelineSegment[] {
  if (change.username === null) {
    const who = users.byPhid.get(change.byPHID)?.username ?? change.byPHID;
    return [{ kind: 'released', start, end, who }];
  }
  const account = users.byUsername.get(change.username.toLowerCase());
  // A declaration naming no account puts nobody in charge (staleness rule 1).
  if (account === undefined) return [{ kind: 'none', start, end, who: null }];
  const who = account.username;
  if (ack === null || ack >= end) return [{ kind: 'declared', start, end, who }];
  if (ack <= start) return [{ kind: 'acknowledged', start, end, who }];
  return [
    { kind: 'declared', start, end: ack, who },
    { kind: 'acknowledged', start: ack, end, who },
  ];
}

/** The last stretch, from the assessment, so the strip's end never disagrees with the banner's words. */
function currentStretch(owner: ProcessOwner, start: Epoch, end: Epoch): TimelineSegment[] {
  if ((owner.state === 'declared' || owner.state === 'acknowledged') && owner.user !== null) {
    const ack = owner.acknowledgedAt?.at ?? null;
    const who = owner.username;
    if (ack === null || ack >= end) return [{ kind: 'declared', start, end, who }];
    if (ack <= start) return [{ kind: 'acknowledged', start, end, who }];
    return [
      { kind: 'declared', start, end: ack, who },
      { kind: 'acknowledged', start: ack, end, who },
    ];
  }
  if (owner.release === null || owner.declaration !== null) return [{ kind: 'none', start, end, who: null }];
  const who = owner.release.byUser?.username ?? owner.release.byPHID;
  return [{ kind: 'released', start, end, who }];
}

/**
 * Every role change since the escalation, in the order they took effect, each comment parsed once, and
 * dated as resolveProcessOwner dates it (declarationPoint): an edit that kept what a comment declares
 * moves nothing; one posted in the escalation's second counts when it comes after it in Phorge's order.
 */
function roleChanges(ordered: readonly TaskTransaction[], since: HistoryPoint, end: Epoch): Change[] {
  const changes: Change[] = [];
  for (const tx of ordered) {
    if (tx.comments.length === 0) continue;
    const comment = currentComment(tx);
    if (comment === null) continue;
    if (Math.max(comment.dateCreated, tx.dateCreated) < since.at) continue;
    const declaration = parseDeclaration(comment.content.raw);
    if (declaration === null) continue;
    const point = declarationPoint(tx, declaration);
    if (point === null || comparePoints(point, since) < 0 || point.at > end) continue;
    changes.push({
      point,
      byPHID: tx.authorPHID,
      username: declaration.kind === 'declare' ? declaration.username : null,
    });
  }
  // Already in order unless a comment was edited later; a sort of the few changes is cheap either way.
  return changes.sort((a, b) => comparePoints(a.point, b.point));
}

/**
 * When each declaration was acknowledged before the next change: one pass over the history and the
 * changes together. Declaring oneself is the acknowledgement; otherwise the declared person's first
 * transaction after the declaration that counts as acting (acknowledges()), as resolveProcessOwner says.
 */
function acknowledgements(
  ordered: readonly TaskTransaction[],
  changes: readonly Change[],
  users: UserIndex,
): (Epoch | null)[] {
  const acks: (Epoch | null)[] = changes.map(() => null);
  let t = 0;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i] as Change;
    const next = changes[i + 1];
    // Transactions up to this declaration cannot acknowledge it.
    while (t < ordered.length && comparePoints(pointOf(ordered[t] as TaskTransaction), change.point) <= 0)
      t++;
    if (change.username === null) continue;
    const user = users.byUsername.get(change.username.toLowerCase());
    if (user === undefined) continue;
    if (change.byPHID === user.phid) {
      acks[i] = change.point.at;
      continue;
    }
    // Only this stretch matters: an answer after the next change belongs to another declaration.
    for (let j = t; j < ordered.length; j++) {
      const tx = ordered[j] as TaskTransaction;
      if (next !== undefined && comparePoints(pointOf(tx), next.point) >= 0) break;
      if (tx.authorPHID === user.phid && acknowledges(tx)) {
        acks[i] = tx.dateCreated;
        break;
      }
    }
  }
  return acks;
}

function merge(segments: TimelineSegment[]): TimelineSegment[] {
  const out: TimelineSegment[] = [];
  for (const segment of segments) {
    if (segment.end <= segment.start) continue;
    const last = out[out.length - 1];
    if (
      last !== undefined &&
      last.kind === segment.kind &&
      last.who === segment.who &&
      last.end === segment.start
    )
      last.end = segment.end;
    else out.push({ ...segment });
  }
  return out;
}

export function buildTimeline(input: TimelineInput): EscalationTimeline | null {
  const { assessment } = input;
  const escalation = assessment.escalation;
  const anchor = escalation.current ?? escalation.latest;
  if (anchor === null) return null;
  const running = escalation.current !== null;
  const start = anchor.at;
  const end = Math.max(start, running ? input.now : (escalation.endedAt?.at ?? input.now));
  const ordered = chronological(input.history);
  const users = indexUsers(input.users);

  // The moments the role changed hands: comments with a declaration line posted since the escalation.
  const changes = roleChanges(ordered, anchor, end);
  const acks = acknowledgements(ordered, changes, users);

  const segments: TimelineSegment[] = [];
  // Until the first declaration nobody held the role, whoever was assigned.
  const first = changes[0];
  segments.push({ kind: 'none', start, end: first?.point.at ?? end, who: null });
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i] as Change;
    const until = changes[i + 1]?.point.at ?? end;
    // The last stretch is what the assessment says now; earlier ones are read from the history.
    if (i === changes.length - 1 && running)
      segments.push(...currentStretch(assessment.owner, change.point.at, until));
    else segments.push(...stretch(change, users, acks[i] ?? null, change.point.at, until));
  }

  const maxTicks = input.maxTicks ?? DEFAULT_MAX_TICKS;
  const inRange = ordered.filter((tx) => tx.dateCreated >= start && tx.dateCreated <= end);
  const kept = inRange.slice(Math.max(0, inRange.length - maxTicks));
  const ticks = kept.map((tx): TimelineTick => ({
    at: tx.dateCreated,
    author: users.byPhid.get(tx.authorPHID)?.username ?? tx.authorPHID,
    kind: currentComment(tx) !== null ? 'comment' : 'edit',
    type: tx.type,
  }));

  const stops = [...escalation.lowerings, ...escalation.closings].map((s) => s.at).sort((a, b) => a - b);
  const earlier = escalation.escalations
    .filter((e) => e.at < anchor.at || (e.at === anchor.at && e.transactionId < anchor.transactionId))
    .map((e) => ({ at: e.at, until: stops.find((s) => s >= e.at) ?? null }));

  const settings = input.settings ?? DEFAULT_STALENESS_SETTINGS;
  const threshold = (
    seconds: number,
    rule: TimelineThreshold['rule'],
    severity: Severity,
  ): TimelineThreshold => ({
    at: start + seconds,
    label: thresholdLabel(seconds),
    rule,
    severity,
    reached: start + seconds <= end,
  });
  const thresholds = [
    threshold(settings.noDeclarationSeconds, 'no-process-owner', settings.severities.noProcessOwner),
    threshold(settings.escalationAgeWarningSeconds, 'escalation-age', 'warning'),
    threshold(settings.escalationAgeCriticalSeconds, 'escalation-age', 'critical'),
  ];

  return {
    start,
    end,
    running,
    segments: merge(segments),
    ticks,
    omittedTicks: inRange.length - kept.length,
    earlier,
    thresholds,
  };
}
