// What to remind about now. Pure: the caller persists `record` and passes it back as `fired`
// next time, which is what makes a reminder fire once per (task, rule, threshold) across
// restarts. Only findings true *now* are considered, so after a long sleep each task gets one
// reminder with the latest threshold it reached, and the lower thresholds it skipped are
// recorded without firing.
import type { Epoch } from '../model';
import type { StaleFinding, StaleRule } from '../escalation/staleness';
import { RULE_NUMBER } from '../escalation/staleness';
import type { Severity } from '../escalation/thresholds';
import { SEVERITY_RANK } from '../escalation/thresholds';
import type { TeamContact } from './contact';
import { describeContact } from './contact';
import type { QuietHours } from './quiet-hours';
import { quietUntil } from './quiet-hours';

export interface WatchedTaskState {
  taskId: number;
  title: string;
  /** The task's staleness findings at `now` (evaluateStaleness / assessTask). */
  findings: readonly StaleFinding[];
  /** The team to name, from ownership resolution; null when no team owns the task's components. */
  contact: TeamContact | null;
}

/** Hold a task's reminders (or one rule's) until a time; they fire then if still due. */
export interface Snooze {
  taskId: number;
  rule?: StaleRule;
  until: Epoch;
}

export interface ReminderPolicyInput {
  tasks: readonly WatchedTaskState[];
  /** Keys recorded by earlier runs. */
  fired: ReadonlySet<string> | readonly string[];
  snoozes: readonly Snooze[];
  now: Epoch;
  quietHours?: QuietHours | null;
  /** Findings below this severity never remind. Default: info (everything reminds). */
  minimumSeverity?: Severity;
  /**
   * More reminders than this at once get a digest, and only this many most important are shown on their
   * own. Default 3.
   */
  digestAbove?: number;
}

export interface ReminderMessage {
  key: 'reminder.task' | 'reminder.task.noContact' | 'reminder.digest';
  params: Record<string, string | number>;
}

export interface Reminder {
  taskId: number;
  title: string;
  severity: Severity;
  /** The most severe (then the newest) finding due; the notification's headline. */
  headline: StaleFinding;
  /** Every finding due in this reminder, headline first. */
  findings: StaleFinding[];
  contact: TeamContact | null;
  /** Keys this reminder settles (including skipped lower thresholds). */
  keys: string[];
  message: ReminderMessage;
  text: string;
}

export interface HeldReminder {
  taskId: number;
  key: string;
  until: Epoch;
  reason: 'snoozed' | 'quiet-hours';
}

export interface ReminderPlan {
  /** Every reminder due now, most important first. */
  fire: Reminder[];
  /**
   * The reminders shown as notifications of their own: all of them, or when more are due at once than the
   * digest threshold, the most important few. The digest stands for every one due; each still fires once.
   */
  alone: Reminder[];
  /** Persist these and pass them back as `fired`. */
  record: string[];
  /**
   * Records under an older key that stood for a reminder shown (rule 4 before it named the escalation):
   * persist `to` in their place and delete `from`, so the old key quiets only the escalation it was for.
   */
  renamed: { from: string; to: string }[];
  held: HeldReminder[];
  /** The earliest moment a held reminder may be released; null if nothing is held. */
  wakeAt: Epoch | null;
  /** Set when many tasks fire at once, so the caller can show one notification for them all. */
  digest: { count: number; critical: number; message: ReminderMessage; text: string } | null;
}

/** The dedupe key of one threshold of one occurrence of a rule on a task. */
export function reminderKey(
  taskId: number,
  finding: StaleFinding,
  threshold: string = finding.threshold,
): string {
  return `T${taskId}|${finding.rule}|${threshold}|${finding.occurrence}`;
}

/**
 * Rule 4's occurrence once named the person alone (`PHID`, `PHID@until` when away); it names the
 * person's start in charge of the escalation now (`PHID@since`, `PHID@since@until`). A reminder recorded
 * under the old key counts as shown for the escalation running when it is first met after an update,
 * and is renamed to the new key then (a later escalation reminds as it should); null for other rules.
 */
function legacyKey(taskId: number, finding: StaleFinding): string | null {
  if (finding.rule !== 'owner-unavailable') return null;
  const parts = finding.occurrence.split('@');
  if (parts.length < 2) return null;
  const legacy = [parts[0], ...parts.slice(2)].join('@');
  return `T${taskId}|${finding.rule}|${finding.threshold}|${legacy}`;
}

function snoozedUntil(snoozes: readonly Snooze[], taskId: number, rule: StaleRule, now: Epoch): Epoch | null {
  let until: Epoch | null = null;
  for (const snooze of snoozes) {
    if (snooze.taskId !== taskId || snooze.until <= now) continue;
    if (snooze.rule !== undefined && snooze.rule !== rule) continue;
    until = until === null ? snooze.until : Math.max(until, snooze.until);
  }
  return until;
}

function byImportance(a: StaleFinding, b: StaleFinding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    b.firedAt - a.firedAt ||
    RULE_NUMBER[a.rule] - RULE_NUMBER[b.rule]
  );
}

export function planReminders(input: ReminderPolicyInput): ReminderPlan {
  const fired = input.fired instanceof Set ? input.fired : new Set(input.fired);
  const minimum = SEVERITY_RANK[input.minimumSeverity ?? 'info'];
  const quietEnd = input.quietHours ? quietUntil(input.quietHours, input.now) : null;
  const fire: Reminder[] = [];
  const record: string[] = [];
  const held: HeldReminder[] = [];
  const renamed: { from: string; to: string }[] = [];

  for (const task of input.tasks) {
    const due: { finding: StaleFinding; keys: string[] }[] = [];
    for (const finding of task.findings) {
      if (SEVERITY_RANK[finding.severity] < minimum) continue;
      const key = reminderKey(task.taskId, finding);
      if (fired.has(key)) continue;
      const legacy = legacyKey(task.taskId, finding);
      if (legacy !== null && fired.has(legacy)) {
        renamed.push({ from: legacy, to: key });
        continue;
      }
      const snoozed = snoozedUntil(input.snoozes, task.taskId, finding.rule, input.now);
      if (snoozed !== null) {
        held.push({ taskId: task.taskId, key, until: snoozed, reason: 'snoozed' });
        continue;
      }
      if (
        quietEnd !== null &&
        !(input.quietHours?.allowCritical === true && finding.severity === 'critical')
      ) {
        held.push({ taskId: task.taskId, key, until: quietEnd, reason: 'quiet-hours' });
        continue;
      }
      const skipped = finding.supersedes
        .map((threshold) => reminderKey(task.taskId, finding, threshold))
        .filter((k) => !fired.has(k));
      due.push({ finding, keys: [key, ...skipped] });
    }
    due.sort((a, b) => byImportance(a.finding, b.finding));
    const findings = due.map((d) => d.finding);
    const headline = findings[0];
    if (headline === undefined) continue;
    const keys = due.flatMap((d) => d.keys);
    record.push(...keys);
    const message = taskMessage(task, headline, findings.length - 1);
    fire.push({
      taskId: task.taskId,
      title: task.title,
      severity: headline.severity,
      headline,
      findings,
      contact: task.contact,
      keys,
      message,
      text: englishReminder(message),
    });
  }

  fire.sort((a, b) => byImportance(a.headline, b.headline) || a.taskId - b.taskId);
  const wakeAt = held.length === 0 ? null : Math.min(...held.map((h) => h.until));
  const limit = input.digestAbove ?? 3;
  let digest: ReminderPlan['digest'] = null;
  if (fire.length > limit) {
    const critical = fire.filter((r) => r.severity === 'critical').length;
    const message: ReminderMessage = { key: 'reminder.digest', params: { count: fire.length, critical } };
    digest = { count: fire.length, critical, message, text: englishReminder(message) };
  }
  // A first poll of a thousand stale tasks is one summary and a few notifications, not a thousand.
  const alone = digest ? fire.slice(0, limit) : fire;
  return { fire, alone, record, renamed, held, wakeAt, digest };
}

function taskMessage(task: WatchedTaskState, headline: StaleFinding, more: number): ReminderMessage {
  const params: Record<string, string | number> = {
    taskId: task.taskId,
    title: task.title,
    finding: headline.message.key,
    findingText: headline.text,
    more,
  };
  if (task.contact === null) return { key: 'reminder.task.noContact', params };
  return {
    key: 'reminder.task',
    params: { ...params, team: task.contact.team, contact: describeContact(task.contact) },
  };
}

export function englishReminder(message: ReminderMessage): string {
  const p = message.params;
  if (message.key === 'reminder.digest') {
    const critical = Number(p['critical'] ?? 0);
    return `${String(p['count'])} watched UBN! tasks need attention${critical > 0 ? ` (${critical} critical)` : ''}`;
  }
  const more = Number(p['more'] ?? 0);
  const head = `T${String(p['taskId'])}: ${String(p['findingText'])}${more > 0 ? ` (and ${more} more)` : ''}.`;
  if (message.key === 'reminder.task.noContact') {
    return `${head} No team owns this task's components; ask the owner of last resort.`;
  }
  return `${head} Contact ${String(p['contact'])}.`;
}
