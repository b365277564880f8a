// Cost of the escalation core for a busy watch list: 1,000 watched UBN! tasks of 200 transactions
// each (priority moves, reassignments, closings and reopenings, comments with and without
// declarations, edited and removed comments, typeless board moves), handed over newest first as
// transaction.search returns them.
//
// Metrics (medians over repeated runs):
//   assess all tasks      readEscalation + resolveProcessOwner + evaluateStaleness for every task
//   reminder policy       planReminders over the 1,000 assessed tasks, with half the keys already fired
//
// Run: npx tsx bench/escalation.bench.ts [--quick]
import { performance } from 'node:perf_hooks';
import { assessTask } from '../src/core/escalation/assess';
import type { StaleFinding } from '../src/core/escalation/staleness';
import type { WatchedTaskState } from '../src/core/reminders/policy';
import { planReminders, reminderKey } from '../src/core/reminders/policy';
import type { CommentVersion, InstanceVocabulary, PhabUser, TaskTransaction } from '../src/core/model';

const QUICK = process.argv.includes('--quick');
const TASKS = 1000;
const TRANSACTIONS = 200;
const REPEATS = QUICK ? 3 : 15;
const NOW = 1_795_700_668;

const vocabulary: InstanceVocabulary = {
  priorities: [
    { value: 100, name: 'Unbreak Now!', keywords: ['unbreak'] },
    { value: 90, name: 'Needs Triage', keywords: ['triage'] },
    { value: 80, name: 'High', keywords: ['high'] },
    { value: 50, name: 'Normal', keywords: ['normal'] },
  ],
  statuses: [
    { value: 'open', name: 'Open', closed: false },
    { value: 'resolved', name: 'Resolved', closed: true },
  ],
};

const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
const people: PhabUser[] = NAMES.map((name, i) => ({
  phid: `PHID-USER-${name.padEnd(20, 'x')}`,
  username: name,
  realName: name,
  roles: i === 3 ? ['disabled'] : ['activated'],
  availability: { value: i === 2 ? 'away' : 'available', until: i === 2 ? NOW + 86_400 : null },
}));
const users = new Map(people.map((u) => [u.username, u]));

// A deterministic pseudo-random sequence, so every run measures the same histories.
let seed = 42;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const COMMENTS = [
  'Can reproduce on testwiki with a fresh profile.',
  'Process owner: @bob',
  '**Process owner:** @alice\nI will post updates here.',
  '> Process owner: @carol\nQuoting the template, not declaring.',
  'Example:\n```\nProcess owner: @erin\n```',
  'Any update here? Still broken on all wikis.',
  'Process owner: none',
  'Reverted the change, waiting for the next train.',
];

type TxBase = Pick<
  TaskTransaction,
  'id' | 'phid' | 'authorPHID' | 'objectPHID' | 'dateCreated' | 'dateModified' | 'groupID'
>;

/**
 * One object literal, in the property order schemas/transaction.ts gives (and IndexedDB gives back).
 * Spreading a base object instead leaves V8 with a hidden class per object, and the benchmark then
 * measures V8's slow property lookups (about ten times slower) rather than the assessment.
 */
function transaction(
  base: TxBase,
  type: string | null,
  comments: CommentVersion[],
  fields: Record<string, unknown>,
): TaskTransaction {
  return {
    id: base.id,
    phid: base.phid,
    type,
    authorPHID: base.authorPHID,
    objectPHID: base.objectPHID,
    dateCreated: base.dateCreated,
    dateModified: base.dateModified,
    comments,
    fields,
    groupID: base.groupID as string,
  };
}

function history(taskId: number): TaskTransaction[] {
  const items: TaskTransaction[] = [];
  const start = NOW - 40 * 86_400;
  const step = Math.floor((40 * 86_400 - 3_600) / TRANSACTIONS);
  let priority = 90;
  let status = 'open';
  let owner: string | null = null;
  for (let i = 0; i < TRANSACTIONS; i++) {
    const at = start + i * step + Math.floor(random() * step);
    const author = pick(people).phid;
    const base = {
      id: taskId * 1000 + i,
      phid: `PHID-XACT-TASK-${taskId}-${i}`,
      authorPHID: author,
      objectPHID: `PHID-TASK-${taskId}`,
      dateCreated: at,
      dateModified: at,
      groupID: `g${taskId}-${i}`,
    };
    const roll = random();
    let tx: TaskTransaction;
    if (i === 0) {
      tx = transaction(base, 'create', [], {});
    } else if (roll < 0.08 || i === TRANSACTIONS - 20) {
      const next = i === TRANSACTIONS - 20 ? 100 : pick([100, 80, 50, 100]);
      tx = transaction(base, 'priority', [], {
        old: { value: priority, name: '' },
        new: { value: next, name: '' },
      });
      priority = next;
    } else if (roll < 0.12) {
      const next = status === 'open' && i < TRANSACTIONS - 30 ? 'resolved' : 'open';
      tx = transaction(base, 'status', [], { old: status, new: next });
      status = next;
    } else if (roll < 0.18) {
      const next = random() < 0.2 ? null : pick(people).phid;
      tx = transaction(base, 'owner', [], { old: owner, new: next });
      owner = next;
    } else if (roll < 0.6) {
      const versions = random() < 0.1 ? 2 : 1;
      const comments: CommentVersion[] = [];
      for (let v = versions; v >= 1; v--) {
        comments.push({
          id: base.id * 10 + v,
          version: v,
          authorPHID: author,
          dateCreated: at + (v - 1) * 600,
          dateModified: at + (v - 1) * 600,
          removed: v === versions && random() < 0.05,
          content: { raw: pick(COMMENTS) },
        });
      }
      tx = transaction(base, 'comment', comments, {});
    } else {
      tx = transaction(base, random() < 0.5 ? null : 'subscribers', [], {});
    }
    items.push(tx);
  }
  if (status !== 'open') {
    const last = items[items.length - 1] as TaskTransaction;
    items.push(transaction({ ...last, id: last.id + 1 }, 'status', [], { old: status, new: 'open' }));
  }
  return items.reverse();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const histories = Array.from({ length: TASKS }, (_, i) => history(i + 1));

function assessAll(): WatchedTaskState[] {
  // A fresh array per task and round, as a poll reads each history anew from IndexedDB: nothing core
  // keeps per history array carries over from one round to the next.
  return histories.map((h, i) => ({
    taskId: i + 1,
    title: `Task ${i + 1}`,
    findings: assessTask({ history: h.slice(), vocabulary, users, now: NOW }).findings,
    contact: { team: 'Release Engineering', contacts: [{ kind: 'channel', value: '#releng' }] },
  }));
}

// Warm up the JIT and the Intl formatter cache before measuring.
let states = assessAll();
const assessTimes: number[] = [];
// CPU time as well as wall time: on a shared machine the wall clock also counts time spent waiting for a core.
const assessCpu: number[] = [];
for (let r = 0; r < REPEATS; r++) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  states = assessAll();
  const used = process.cpuUsage(cpu);
  assessTimes.push(performance.now() - t);
  assessCpu.push((used.user + used.system) / 1000);
}

const allFindings: [number, StaleFinding][] = states.flatMap((s) =>
  s.findings.map((f) => [s.taskId, f] as [number, StaleFinding]),
);
const fired = new Set(allFindings.filter((_, i) => i % 2 === 0).map(([id, f]) => reminderKey(id, f)));
const snoozes = states
  .filter((s) => s.taskId % 10 === 0)
  .map((s) => ({ taskId: s.taskId, until: NOW + 3_600 }));
let plan = planReminders({ tasks: states, fired, snoozes, now: NOW });
const policyTimes: number[] = [];
for (let r = 0; r < REPEATS; r++) {
  const t = performance.now();
  plan = planReminders({ tasks: states, fired, snoozes, now: NOW });
  policyTimes.push(performance.now() - t);
}

const active = states.filter((s) => s.findings.length > 0).length;
console.log(
  JSON.stringify({
    name: 'escalation',
    description: `Escalation, process owner and staleness for ${TASKS} watched tasks of ${TRANSACTIONS} transactions each, then the reminder policy over them`,
    metrics: [
      {
        label: `assess ${TASKS} tasks x ${TRANSACTIONS} transactions`,
        value: round(median(assessTimes)),
        unit: 'ms',
      },
      {
        label: `assess ${TASKS} tasks x ${TRANSACTIONS} transactions (CPU time)`,
        value: round(median(assessCpu)),
        unit: 'ms',
      },
      { label: 'assess one task', value: round(median(assessTimes) / TASKS, 4), unit: 'ms' },
      { label: `reminder policy over ${TASKS} tasks`, value: round(median(policyTimes)), unit: 'ms' },
      { label: 'tasks with findings', value: active, unit: 'tasks' },
      { label: 'findings', value: allFindings.length, unit: 'findings' },
      { label: 'reminders due', value: plan.fire.length, unit: 'reminders' },
    ],
  }),
);

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
