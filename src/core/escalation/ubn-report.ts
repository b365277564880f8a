// The UBN! report for release engineering's weekly review and for cron jobs: every open UBN! task
// with its escalation, process owner, staleness and, when a registry is given, its owners. Pure:
// the CLI fetches, this decides and words.
import type { Epoch, InstanceVocabulary, PhabUser, TaskSnapshot, TaskTransaction } from '../model';
import type { TaskOwnership } from '../ownership/types';
import { formatDuration, formatExactTime, isoTime } from '../time/durations';
import type { EscalationCause } from './escalation';
import { assessTask } from './assess';
import type { ProcessOwnerState } from './process-owner';
import type { StaleFinding } from './staleness';
import type { Severity, StalenessSettings } from './thresholds';

export interface UbnReportInput {
  /** The instance's base URL, for task links. */
  instance: string;
  now: Epoch;
  vocabulary: InstanceVocabulary;
  users: ReadonlyMap<string, PhabUser>;
  tasks: { task: TaskSnapshot; history: readonly TaskTransaction[]; ownership?: TaskOwnership | null }[];
  settings?: StalenessSettings;
  isDeparted?: (user: PhabUser) => boolean;
}

export interface UbnReportRow {
  id: number;
  title: string;
  url: string;
  escalatedAt: Epoch | null;
  escalationAgeSeconds: number | null;
  cause: EscalationCause | null;
  recurrence: number;
  processOwner: {
    state: ProcessOwnerState;
    username: string | null;
    declaredBy: string | null;
    declaredAt: Epoch | null;
    acknowledgedAt: Epoch | null;
  };
  assignee: string | null;
  stale: StaleFinding[];
  ownership: TaskOwnership | null;
}

export interface UbnReport {
  instance: string;
  generatedAt: Epoch;
  rows: UbnReportRow[];
}

export function buildUbnReport(input: UbnReportInput): UbnReport {
  const byPhid = new Map([...input.users.values()].map((u) => [u.phid, u]));
  const rows = input.tasks.map(({ task, history, ownership }): UbnReportRow => {
    const assessment = assessTask({
      history,
      vocabulary: input.vocabulary,
      task,
      users: input.users,
      now: input.now,
      ...(input.settings !== undefined ? { settings: input.settings } : {}),
      ...(input.isDeparted !== undefined ? { isDeparted: input.isDeparted } : {}),
    });
    const { escalation, owner } = assessment;
    const declaration = owner.declaration;
    return {
      id: task.id,
      title: task.title,
      url: `${input.instance.replace(/\/+$/, '')}/T${task.id}`,
      escalatedAt: escalation.current?.at ?? null,
      escalationAgeSeconds: assessment.ageSeconds,
      cause: escalation.current?.cause ?? null,
      recurrence: escalation.recurrence,
      processOwner: {
        state: owner.state,
        username: owner.username,
        declaredBy:
          declaration === null ? null : (byPhid.get(declaration.byPHID)?.username ?? declaration.byPHID),
        declaredAt: declaration?.at ?? null,
        acknowledgedAt: owner.acknowledgedAt?.at ?? null,
      },
      assignee: owner.assignee.user?.username ?? owner.assignee.phid,
      stale: assessment.findings,
      ownership: ownership ?? null,
    };
  });
  // Longest-running first: that is the order a weekly review walks through.
  rows.sort((a, b) => (b.escalationAgeSeconds ?? -1) - (a.escalationAgeSeconds ?? -1) || a.id - b.id);
  return { instance: input.instance, generatedAt: input.now, rows };
}

function ownersJson(ownership: TaskOwnership) {
  const people = (views: TaskOwnership['components'][number]['stewards']) =>
    views.map((v) => ({ kind: v.kind, name: v.name, state: v.state }));
  return {
    components: ownership.components.map((c) => ({
      name: c.name,
      critical: c.critical,
      stewards: people(c.stewards),
      maintainers: people(c.maintainers),
      liveStewards: c.liveStewards,
    })),
    flags: ownership.flags.map((f) => ({ id: f.id, label: f.label, component: f.component })),
    contacts: ownership.contacts,
    lastResort:
      ownership.lastResort === null
        ? null
        : { team: ownership.lastResort.team, reason: ownership.lastResort.reason },
    unmappedTags: ownership.unmappedTags.map((t) => t.name ?? t.phid),
  };
}

/** The --json form: one object, times as ISO 8601 UTC, ages in seconds. */
export function ubnReportJson(report: UbnReport): object {
  return {
    instance: report.instance,
    generatedAt: isoTime(report.generatedAt),
    tasks: report.rows.map((row) => ({
      id: row.id,
      title: row.title,
      url: row.url,
      escalatedAt: row.escalatedAt === null ? null : isoTime(row.escalatedAt),
      escalationAgeSeconds: row.escalationAgeSeconds,
      escalationCause: row.cause,
      recurrence: row.recurrence,
      processOwner: {
        state: row.processOwner.state,
        username: row.processOwner.username,
        declaredBy: row.processOwner.declaredBy,
        declaredAt: row.processOwner.declaredAt === null ? null : isoTime(row.processOwner.declaredAt),
        acknowledgedAt:
          row.processOwner.acknowledgedAt === null ? null : isoTime(row.processOwner.acknowledgedAt),
      },
      assignee: row.assignee,
      stale: row.stale.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        threshold: f.threshold,
        since: isoTime(f.firedAt),
        text: f.text,
      })),
      ...(row.ownership !== null ? { owners: ownersJson(row.ownership) } : {}),
    })),
  };
}

// C0 and C1 controls (ANSI escapes start with one) and the bidirectional overrides that can make
// a line read differently from what it contains.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Control characters in a title could drive the terminal; show them as U+FFFD instead. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '\uFFFD').replace(/\n/g, ' ');
}

const SEVERITY_TAG: Record<Severity, string> = { critical: 'CRITICAL', warning: 'warning', info: 'info' };

function processOwnerLine(row: UbnReportRow): string {
  const po = row.processOwner;
  switch (po.state) {
    case 'acknowledged':
      return `@${po.username ?? '?'} (declared by @${po.declaredBy ?? '?'}, acknowledged)`;
    case 'declared':
      return `@${po.username ?? '?'} (declared by @${po.declaredBy ?? '?'}, not acknowledged yet)`;
    case 'assignee':
      return `none declared; assignee @${po.username ?? '?'}`;
    case 'none':
      return 'none, and nobody is assigned';
  }
}

function ownersLines(ownership: TaskOwnership): string[] {
  const lines: string[] = [];
  const who = (views: TaskOwnership['components'][number]['stewards']) =>
    views.length === 0 ? 'none' : views.map((v) => `${v.name} (${v.state})`).join(', ');
  for (const c of ownership.components) {
    lines.push(
      `${c.name}${c.critical ? ' [critical]' : ''}: stewards ${who(c.stewards)}; maintainers ${who(c.maintainers)}`,
    );
  }
  if (ownership.components.length === 0) lines.push('no registry component covers this task');
  for (const flag of ownership.flags)
    lines.push(`flag: ${flag.label}${flag.component ? ` (${flag.component})` : ''}`);
  for (const contact of ownership.contacts) {
    const ways = Object.entries(contact.contacts)
      .map(([kind, value]) => `${kind} ${String(value)}`)
      .join(', ');
    lines.push(`contact: ${contact.team}${ways ? ` (${ways})` : ''}`);
  }
  if (ownership.lastResort !== null)
    lines.push(`owner of last resort: ${ownership.lastResort.team} (${ownership.lastResort.reason})`);
  return lines;
}

/** The human form, for a terminal or an email. */
export function ubnReportText(report: UbnReport, locale = 'en', timeZone = 'UTC'): string {
  const out: string[] = [];
  const count = report.rows.length;
  out.push(
    `${count === 0 ? 'No' : count} open Unbreak Now! task${count === 1 ? '' : 's'} on ${report.instance}, ${formatExactTime(report.generatedAt, locale, timeZone, { seconds: false })}`,
  );
  for (const row of report.rows) {
    out.push('');
    out.push(`T${row.id}  ${printable(row.title)}`);
    out.push(`  ${row.url}`);
    if (row.escalatedAt !== null && row.escalationAgeSeconds !== null) {
      const how =
        row.cause === 'created'
          ? 'filed as UBN!'
          : row.cause === 'reopened'
            ? 'reopened as UBN!'
            : 'raised to UBN!';
      const times = row.recurrence === 1 ? 'first escalation' : `escalated ${row.recurrence} times`;
      out.push(
        `  UBN! for ${formatDuration(row.escalationAgeSeconds, locale)}: ${how} ${formatExactTime(row.escalatedAt, locale, timeZone, { seconds: false })} (${times})`,
      );
    }
    out.push(`  Process owner: ${processOwnerLine(row)}`);
    if (row.stale.length === 0) out.push('  Stale: no rule fires');
    for (const finding of row.stale) out.push(`  Stale [${SEVERITY_TAG[finding.severity]}]: ${finding.text}`);
    if (row.ownership !== null)
      for (const line of ownersLines(row.ownership)) out.push(`  Owners: ${printable(line)}`);
  }
  return `${out.join('\n')}\n`;
}
