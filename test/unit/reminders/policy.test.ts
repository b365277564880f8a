// What reminds now: once per (task, rule, threshold), one reminder per task after a long sleep,
// snoozes, quiet hours and the team to contact.
import { describe, expect, it } from 'vitest';
import { assessTask } from '../../../src/core/escalation/assess';
import type { TeamContact } from '../../../src/core/reminders/contact';
import type { ReminderPolicyInput, WatchedTaskState } from '../../../src/core/reminders/policy';
import { planReminders, reminderKey } from '../../../src/core/reminders/policy';
import { parseQuietHours, quietUntil } from '../../../src/core/reminders/quiet-hours';
import type { TaskTransaction } from '../../../src/core/model';
import {
  DAY,
  HOUR,
  HistoryBuilder,
  SEEDED_AT,
  fixtureHistory,
  fixtureVocabulary,
  userMap,
} from '../escalation/support';

const vocabulary = fixtureVocabulary();
const users = userMap();
const releng: TeamContact = {
  team: 'Release Engineering',
  contacts: [
    { kind: 'list', value: 'releng@lists.example.org' },
    { kind: 'channel', value: '#releng' },
  ],
};

function watched(
  taskId: number,
  history: TaskTransaction[],
  now: number,
  contact: TeamContact | null = releng,
): WatchedTaskState {
  const { findings } = assessTask({ history, vocabulary, users, now });
  return { taskId, title: `Task ${taskId}`, findings, contact };
}

/** Runs the policy repeatedly like the worker would, carrying the recorded keys across runs. */
class Worker {
  readonly fired = new Set<string>();
  constructor(private readonly extra: Partial<ReminderPolicyInput> = {}) {}
  run(tasks: WatchedTaskState[], now: number) {
    const plan = planReminders({ tasks, fired: [...this.fired], snoozes: [], now, ...this.extra });
    for (const key of plan.record) this.fired.add(key);
    return plan;
  }
}

/** Escalated at t0 + 1 day with nobody in charge. */
function escalated(): HistoryBuilder {
  return new HistoryBuilder().create(0, 'erin', 50).priority(DAY, 'alice', 50, 100);
}

describe('reminder policy', () => {
  it('fires each threshold once, and nothing when polled again', () => {
    const h = escalated();
    const worker = new Worker();
    const at = h.t0 + DAY + 2 * HOUR;
    const first = worker.run([watched(14, h.build(), at)], at);
    expect(first.fire).toHaveLength(1);
    expect(first.fire[0]?.headline.rule).toBe('no-process-owner');
    for (const later of [at + 60, at + HOUR, at + 5 * HOUR]) {
      expect(worker.run([watched(14, h.build(), later)], later).fire).toEqual([]);
    }
  });

  it('survives a restart: the recorded keys are all it needs', () => {
    const h = escalated();
    const at = h.t0 + DAY + 3 * HOUR;
    const before = new Worker().run([watched(14, h.build(), at)], at);
    const afterRestart = planReminders({
      tasks: [watched(14, h.build(), at + HOUR)],
      fired: before.record,
      snoozes: [],
      now: at + HOUR,
    });
    expect(afterRestart.fire).toEqual([]);
  });

  it('misses nothing: a reminder not yet recorded fires on the next run', () => {
    const h = escalated();
    const worker = new Worker();
    worker.run([watched(14, h.build(), h.t0 + DAY)], h.t0 + DAY);
    const late = h.t0 + DAY + 9 * HOUR;
    expect(worker.run([watched(14, h.build(), late)], late).fire.map((r) => r.headline.rule)).toEqual([
      'no-process-owner',
    ]);
  });

  it('after a long sleep fires one reminder per task with the latest threshold, not a burst', () => {
    const h = escalated();
    const worker = new Worker();
    const start = h.t0 + DAY + 3 * HOUR;
    worker.run([watched(14, h.build(), start)], start);
    const wake = h.t0 + DAY + 9 * DAY;
    const plan = worker.run([watched(14, h.build(), wake)], wake);
    expect(plan.fire).toHaveLength(1);
    const reminder = plan.fire[0];
    expect(reminder?.headline).toMatchObject({
      rule: 'escalation-age',
      threshold: '7d',
      severity: 'critical',
    });
    expect(reminder?.findings.map((f) => f.threshold)).toEqual(['7d']);
    // The skipped 3-day warning is recorded so it never fires late.
    expect(plan.record).toContain(`T14|escalation-age|3d|escalated@${h.t0 + DAY}`);
    const later = wake + HOUR;
    expect(worker.run([watched(14, h.build(), later)], later).fire).toEqual([]);
  });

  it('fires the critical threshold after the warning was given', () => {
    const h = escalated();
    const worker = new Worker();
    const at3 = h.t0 + DAY + 3 * DAY;
    expect(
      worker.run([watched(14, h.build(), at3)], at3).fire[0]?.findings.map((f) => f.threshold),
    ).toContain('3d');
    const at7 = h.t0 + DAY + 7 * DAY;
    expect(worker.run([watched(14, h.build(), at7)], at7).fire[0]?.findings.map((f) => f.threshold)).toEqual([
      '7d',
    ]);
  });

  it('a new escalation reminds again', () => {
    const h = escalated();
    const worker = new Worker();
    const first = h.t0 + DAY + 3 * HOUR;
    expect(worker.run([watched(14, h.build(), first)], first).fire).toHaveLength(1);
    h.priority(2 * DAY, 'alice', 100, 50).priority(4 * DAY, 'bob', 50, 100);
    const second = h.t0 + 4 * DAY + 3 * HOUR;
    expect(worker.run([watched(14, h.build(), second)], second).fire).toHaveLength(1);
  });

  it('a snooze holds the task until it ends, then the reminder fires', () => {
    const h = escalated();
    const at = h.t0 + DAY + 3 * HOUR;
    const until = at + 2 * HOUR;
    const snoozed = planReminders({
      tasks: [watched(14, h.build(), at)],
      fired: [],
      snoozes: [{ taskId: 14, until }],
      now: at,
    });
    expect(snoozed.fire).toEqual([]);
    expect(snoozed.record).toEqual([]);
    expect(snoozed.held).toEqual([expect.objectContaining({ taskId: 14, until, reason: 'snoozed' })]);
    expect(snoozed.wakeAt).toBe(until);
    const after = planReminders({
      tasks: [watched(14, h.build(), until)],
      fired: [],
      snoozes: [{ taskId: 14, until }],
      now: until,
    });
    expect(after.fire).toHaveLength(1);
  });

  it('a snooze of one rule leaves the others', () => {
    const h = escalated();
    const at = h.t0 + DAY + 4 * DAY;
    const plan = planReminders({
      tasks: [watched(14, h.build(), at)],
      fired: [],
      snoozes: [
        { taskId: 14, rule: 'escalation-age', until: at + DAY },
        { taskId: 99, until: at + DAY },
      ],
      now: at,
    });
    expect(plan.fire[0]?.findings.map((f) => f.rule)).toEqual(['no-process-owner']);
    expect(plan.held.map((x) => x.key)).toEqual([`T14|escalation-age|3d|escalated@${h.t0 + DAY}`]);
  });

  it('names the team contact, or says that no team owns the task', () => {
    const h = escalated();
    const at = h.t0 + DAY + 6 * DAY;
    const withTeam = planReminders({ tasks: [watched(14, h.build(), at)], fired: [], snoozes: [], now: at });
    expect(withTeam.fire[0]?.contact).toEqual(releng);
    expect(withTeam.fire[0]?.text).toBe(
      'T14: Unbreak Now! for 6 days (and 1 more). Contact Release Engineering (mailing list releng@lists.example.org, channel #releng).',
    );
    expect(withTeam.fire[0]?.message).toMatchObject({
      key: 'reminder.task',
      params: { taskId: 14, team: 'Release Engineering', more: 1 },
    });
    const orphan = planReminders({
      tasks: [watched(14, h.build(), at, null)],
      fired: [],
      snoozes: [],
      now: at,
    });
    expect(orphan.fire[0]?.message.key).toBe('reminder.task.noContact');
    expect(orphan.fire[0]?.text).toContain("No team owns this task's components");
  });

  it('skips findings below the minimum severity', () => {
    const h = escalated();
    const at = h.t0 + DAY + 3 * HOUR;
    const plan = planReminders({
      tasks: [watched(14, h.build(), at)],
      fired: [],
      snoozes: [],
      now: at,
      minimumSeverity: 'critical',
    });
    expect(plan.fire).toEqual([]);
  });

  it('puts the most severe task first; when many fire at once, a digest and the top three alone', () => {
    const now = SEEDED_AT;
    const tasks = ['T1', 'T6', 'T7', 'T11', 'T15', 'T16'].map((t) =>
      watched(Number(t.slice(1)), fixtureHistory(t), now),
    );
    const plan = planReminders({ tasks, fired: [], snoozes: [], now });
    // Critical first; then the newest news first.
    expect(plan.fire.map((r) => r.taskId)).toEqual([7, 1, 15, 16, 6, 11]);
    // The most important three are shown on their own; the digest stands for all six, each recorded once.
    expect(plan.alone.map((r) => r.taskId)).toEqual([7, 1, 15]);
    expect(new Set(plan.record)).toEqual(new Set(plan.fire.flatMap((r) => r.keys)));
    expect(plan.digest).toMatchObject({
      count: 6,
      critical: 2,
      text: '6 watched UBN! tasks need attention (2 critical)',
    });
    const few = planReminders({ tasks: tasks.slice(0, 2), fired: [], snoozes: [], now });
    expect(few.digest).toBeNull();
    expect(few.alone).toEqual(few.fire);
  });

  it('keys name the task, rule, threshold and occurrence', () => {
    const [f] = watched(14, escalated().build(), SEEDED_AT).findings;
    expect(f && reminderKey(14, f)).toMatch(/^T14\|escalation-age\|7d\|escalated@\d+$/);
  });
});

describe('quiet hours', () => {
  const quiet = (input: unknown) => {
    const parsed = parseQuietHours(input);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    return parsed.quietHours;
  };
  // 2026-11-26 22:30 in Berlin (UTC+1) is 21:30 UTC.
  const berlinNight = Date.UTC(2026, 10, 26, 21, 30) / 1000;
  const berlinMorning = Date.UTC(2026, 10, 27, 6, 0) / 1000; // 07:00 Berlin

  function plan(now: number, allowCritical: boolean, findingsAt = now) {
    const h = new HistoryBuilder(findingsAt - 10 * DAY).create(0, 'erin', 50).priority(DAY, 'alice', 50, 100);
    return planReminders({
      tasks: [watched(14, h.build(), findingsAt)],
      fired: [],
      snoozes: [],
      now,
      quietHours: quiet({ start: '22:00', end: '07:00', timeZone: 'Europe/Berlin', allowCritical }),
    });
  }

  it('holds reminders inside the window, past midnight, until it ends', () => {
    const held = plan(berlinNight, false);
    expect(held.fire).toEqual([]);
    expect(held.wakeAt).toBe(berlinMorning);
    expect(held.held.every((x) => x.reason === 'quiet-hours')).toBe(true);
    expect(plan(berlinMorning, false).fire).toHaveLength(1);
  });

  it('holds critical reminders too unless allowed, and shows them when the window ends', () => {
    const h = new HistoryBuilder(berlinNight - 10 * DAY)
      .create(0, 'erin', 50)
      .priority(DAY, 'alice', 50, 100);
    const input = (now: number) => ({
      tasks: [watched(14, h.build(), berlinNight)],
      fired: [],
      snoozes: [],
      now,
      quietHours: quiet({ start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' }),
    });
    const night = planReminders(input(berlinNight));
    expect(night.fire).toEqual([]);
    expect(night.held.map((x) => x.reason)).toEqual(['quiet-hours', 'quiet-hours']);
    expect(night.wakeAt).toBe(berlinMorning);
    const morning = planReminders(input(berlinMorning));
    expect(morning.fire[0]?.findings.map((f) => f.severity)).toEqual(['critical', 'warning']);
  });

  it('lets critical reminders through when allowed', () => {
    const through = plan(berlinNight, true);
    expect(through.fire[0]?.findings.map((f) => f.severity)).toEqual(['critical']);
    expect(through.held.map((x) => x.reason)).toEqual(['quiet-hours']);
  });

  it.each([
    [
      { start: '25:00', end: '07:00', timeZone: 'UTC' },
      'quietHours.start: must be a 24-hour time like "22:00"',
    ],
    [
      { start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' },
      'quietHours.timeZone: must be an IANA time zone',
    ],
    [{ start: '22:00', end: '07:00' }, 'quietHours.timeZone'],
    [{ start: '22:00', end: '07:00', timeZone: 'UTC', loud: true }, 'quietHours'],
  ])('refuses %j with a clear message', (input, message) => {
    const parsed = parseQuietHours(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join('\n')).toContain(message);
  });
});

describe('quiet hours across a daylight-saving change', () => {
  const berlin = () => {
    const parsed = parseQuietHours({ start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    return parsed.quietHours;
  };
  const until = (utc: number) => new Date(quietUntil(berlin(), utc / 1000)! * 1000).toISOString();

  it('end at 07:00 on the wall clock the night it springs forward (05:00 UTC, not 06:00)', () => {
    expect(until(Date.UTC(2026, 2, 28, 22, 0))).toBe('2026-03-29T05:00:00.000Z');
  });

  it('end at 07:00 on the wall clock the night it falls back (06:00 UTC, not 05:00)', () => {
    expect(until(Date.UTC(2026, 9, 24, 21, 30))).toBe('2026-10-25T06:00:00.000Z');
  });

  it('end at 07:00 on an ordinary night', () => {
    expect(until(Date.UTC(2026, 5, 10, 21, 30))).toBe('2026-06-11T05:00:00.000Z');
  });

  it('end at 02:30, inside the hour the clocks skip, at the jump to 03:00 (01:00 UTC, not 01:30)', () => {
    const skipped = { ...berlin(), endMinute: 2 * 60 + 30 };
    // 01:00 CET is 00:00 UTC; at 02:00 CET the clocks jump to 03:00 CEST (01:00 UTC).
    for (const at of [
      Date.UTC(2026, 2, 28, 22, 0),
      Date.UTC(2026, 2, 29, 0, 0),
      Date.UTC(2026, 2, 29, 0, 59),
    ])
      expect(new Date(quietUntil(skipped, at / 1000)! * 1000).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('end at 02:30 the night the clocks fall back: the first 02:30 (00:30 UTC)', () => {
    const repeated = { ...berlin(), endMinute: 2 * 60 + 30 };
    expect(new Date(quietUntil(repeated, Date.UTC(2026, 9, 24, 22, 0) / 1000)! * 1000).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });
});
