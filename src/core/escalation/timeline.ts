// The escalation timeline: what happened on a UBN! task from its escalation to now (or to when it
// stopped being an open UBN!), as data a strip or a chart draws. Who held the process owner role
// when is not decided here: each stretch is read from resolveProcessOwner on the history as it stood
// then, and the last stretch is the assessment itself, so the picture never disagrees with the words.
import type { Epoch, PhabUser, TaskTransaction } from '../model';
import type { TaskAssessment } from './assess';
import { currentDeclarations } from './declarations';
import type { ProcessOwner } from './process-owner';
import { indexUsers, resolveProcessOwner } from './process-owner';
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

function stretchKind(owner: ProcessOwner): TimelineSegmentKind {
  if (owner.state === 'declared' || owner.state === 'acknowledged') return owner.state;
  return owner.release !== null ? 'released' : 'none';
}

/** The segments of one stretch during which the same declaration (or release) was in force. */
function stretch(owner: ProcessOwner, start: Epoch, end: Epoch): TimelineSegment[] {
  const kind = stretchKind(owner);
  if (kind === 'released') {
    const who = owner.release?.byUser?.username ?? owner.release?.byPHID ?? null;
    return [{ kind, start, end, who }];
  }
  if (kind === 'none') return [{ kind, start, end, who: null }];
  const who = owner.username;
  const ack = owner.acknowledgedAt?.at ?? null;
  if (ack === null || ack >= end) return [{ kind: 'declared', start, end, who }];
  if (ack <= start) return [{ kind: 'acknowledged', start, end, who }];
  return [
    { kind: 'declared', start, end: ack, who },
    { kind: 'acknowledged', start: ack, end, who },
  ];
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
  const changes: HistoryPoint[] = [];
  for (const tx of ordered) {
    if (tx.comments.length === 0) continue;
    const comment = currentComment(tx);
    if (comment === null || currentDeclarations(tx).length === 0) continue;
    const at = Math.max(comment.dateCreated, tx.dateCreated);
    if (at < start || at > end) continue;
    changes.push({ at, transactionId: tx.id });
  }
  changes.sort(comparePoints);

  const segments: TimelineSegment[] = [];
  // Until the first declaration nobody held the role, whoever was assigned.
  const first = changes[0];
  segments.push({ kind: 'none', start, end: first?.at ?? end, who: null });
  let cursor = first?.at ?? end;
  for (let i = 0; i < changes.length; i++) {
    const next = changes[i + 1];
    const until = next?.at ?? end;
    // The last stretch is what the assessment says now; earlier ones replay the history up to their end.
    const owner =
      next === undefined && running
        ? assessment.owner
        : resolveProcessOwner({
            history: ordered.filter((tx) => next === undefined || comparePoints(pointOf(tx), next) < 0),
            since: anchor,
            users: input.users,
          });
    segments.push(...stretch(owner, cursor, until));
    cursor = until;
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
