// The differential harness: random edit/clock/poll sequences on the stand-in, comparing what the
// worker's incremental polls arrive at with what a brand-new worker computes in one cold poll at the same
// clock. The test files mock webextension-polyfill and the worker clock, and supply `loadWorker` (a new
// module graph over a new, empty IndexedDB).
import type { Standin } from '../../standin/server';
import { TOKENS, USER_PHIDS } from '../../standin/accounts';
import { editComment } from '../../standin/edits';
import { conduit } from './growth-support';
import type { StaleRow } from '../../../src/messages';

export const USER_TTL = 600;

/** mulberry32: small, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Actor = 'alice' | 'bob' | 'admin';
export type Tx = { type: string; value: unknown };
export type Edit =
  | { kind: 'tx'; actor: Actor; task: number; txs: Tx[] }
  | { kind: 'create'; actor: Actor; project: string; priority: string; owner: string | null }
  | { kind: 'editComment'; pick: number; mode: 'retarget' | 'typo' | 'remove'; to: string }
  | { kind: 'availability'; user: string; value: 'away' | 'busy' | 'available'; untilIn: number | null }
  /** An administrator hides the task from alice (view: admin) or shows it again (view: users). */
  | { kind: 'policy'; task: number; hide: boolean }
  | { kind: 'disable'; user: string; disabled: boolean };

export type Step =
  | { kind: 'advance'; seconds: number }
  | { kind: 'edit'; edit: Edit }
  | { kind: 'poll' }
  /** An incremental poll during which, after its `after`-th Conduit reply, the clock moves and an edit lands. */
  | { kind: 'pollWithEdit'; after: number; advance: number; edit: Edit; back?: number }
  /** An incremental poll whose `at`-th Conduit call fails (it stops there, keeping what it stored). */
  | { kind: 'pollFail'; at: number }
  /** An edit that commits `back` seconds after the time Phorge stamps on it (inside the 60 s overlap). */
  | { kind: 'late'; back: number; edit: Edit }
  /** Incremental poll, then a cold poll of a new worker at the same clock, compared. */
  | { kind: 'check' }
  /** Moves the clock to a moment where an assessment may change (a threshold after some transaction, an
   *  availability's end, a cached task's dueAt), `offset` seconds from it. */
  | { kind: 'edge'; pick: number; offset: -1 | 0 | 1 }
  /** Both workers poll with other settings from now on (thresholds, watch rules). */
  | { kind: 'settings'; variant: number };

export const SETTINGS_VARIANTS: { thresholds?: Record<string, number>; watch: Record<string, unknown> }[] = [
  { watch: { allUbn: true } },
  {
    watch: { allUbn: true },
    thresholds: {
      noProcessOwnerHours: 1,
      notAcknowledgedHours: 1,
      ownerSilentHours: 3,
      escalationWarningDays: 1,
      escalationCriticalDays: 2,
    },
  },
  { watch: { allUbn: false, projects: ['Echo'], myComponents: true } },
  {
    watch: { allUbn: true },
    thresholds: {
      noProcessOwnerHours: 0.5,
      notAcknowledgedHours: 6,
      ownerSilentHours: 12,
      escalationWarningDays: 2,
      escalationCriticalDays: 2,
    },
  },
];
const EDGE_OFFSETS = [
  3600,
  1800,
  7200,
  3 * 3600,
  4 * 3600,
  6 * 3600,
  12 * 3600,
  86400,
  2 * 86400,
  3 * 86400,
  7 * 86400,
];

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'ghost', 'none'] as const;
const PROJECTS = ['Echo', 'CentralAuth', 'Release-Engineering-Team', 'MediaWiki-Authentication'];

export function describeStep(step: Step): string {
  return JSON.stringify(step);
}

/** What the comparison reads of a poll's state. */
export interface PollState {
  connection: string;
  message: string | null;
  rows: StaleRow[];
  gateCount: number;
  cache?: {
    declarationsAt?: number;
    fullAt?: number;
    tasks: { id: number; ubnOpen: boolean; dueAt: number | null }[];
  };
}

export interface Worker {
  poll: (settings: unknown) => Promise<{ state: PollState }>;
}

export interface Harness {
  site: Standin;
  loadWorker: () => Promise<Worker>;
  /** Fetch hook: run `action` after the worker's `after`-th Conduit reply of the next poll. */
  armHook: (after: number, action: () => Promise<void>, fail?: boolean) => void;
  disarmHook: () => void;
}

function pickOf<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function clockStep(r: () => number): number {
  const x = r();
  if (x < 0.15) return 0;
  if (x < 0.3) return 1 + Math.floor(r() * 3);
  if (x < 0.45) return 55 + Math.floor(r() * 11);
  if (x < 0.65) return 120 + Math.floor(r() * 480);
  if (x < 0.8) return 3600 + Math.floor(r() * 7200);
  if (x < 0.9) return 5 * 3600 + Math.floor(r() * 2 * 3600);
  return 86400 + Math.floor(r() * 3 * 86400);
}

export function genEdit(r: () => number, taskCount: () => number, onCreate: () => void, fresh = false): Edit {
  const x = r();
  const task = (): number => {
    // Favour the open UBN! of the captured world and the tasks created by the sequence.
    const hot = [1, 6, 7, 11, 14, 16, 8, 9, 12, 13];
    const made = taskCount() > 16 ? Array.from({ length: taskCount() - 16 }, (_, i) => 17 + i) : [];
    if (fresh && made.length > 0 && r() < 0.85) return pickOf(r, made);
    return r() < 0.7 ? pickOf(r, [...hot, ...made, ...made]) : 1 + Math.floor(r() * taskCount());
  };
  const actor = (): Actor => pickOf(r, ['alice', 'alice', 'bob', 'admin'] as const);
  const declaration = () => {
    const who = fresh
      ? pickOf(r, ['alice', 'bob', 'bob', 'none', 'carol', 'ghost'] as const)
      : pickOf(r, PEOPLE);
    const label = pickOf(r, ['Process owner:', 'Process owner:', '- Process owner:', '**Process owner:**']);
    return `${label} ${who === 'none' ? 'none' : `@${who}`}`;
  };
  if (x < 0.18)
    return { kind: 'tx', actor: actor(), task: task(), txs: [{ type: 'comment', value: 'Looking.' }] };
  if (x < 0.36)
    return { kind: 'tx', actor: actor(), task: task(), txs: [{ type: 'comment', value: declaration() }] };
  if (x < 0.52) {
    const txs: Tx[] = [{ type: 'priority', value: pickOf(r, ['unbreak', 'unbreak', 'high', 'normal']) }];
    if (r() < 0.3) txs.push({ type: 'comment', value: r() < 0.5 ? 'Raising.' : declaration() });
    return { kind: 'tx', actor: actor(), task: task(), txs };
  }
  if (x < 0.6)
    return {
      kind: 'tx',
      actor: actor(),
      task: task(),
      txs: [{ type: 'status', value: pickOf(r, ['resolved', 'open', 'open', 'invalid']) }],
    };
  if (x < 0.66)
    return {
      kind: 'tx',
      actor: actor(),
      task: task(),
      txs: [{ type: pickOf(r, ['projects.add', 'projects.remove']), value: [pickOf(r, PROJECTS)] }],
    };
  if (x < 0.71) {
    const who = pickOf(r, ['alice', 'bob', 'carol', 'erin', 'dave', null] as const);
    return {
      kind: 'tx',
      actor: actor(),
      task: task(),
      txs: [{ type: 'owner', value: who ? USER_PHIDS[who] : null }],
    };
  }
  if (x < 0.74) {
    const who = pickOf(r, ['carol', 'erin', 'bob'] as const);
    return {
      kind: 'tx',
      actor: actor(),
      task: task(),
      txs: [{ type: 'subscribers.add', value: [USER_PHIDS[who]] }],
    };
  }
  if (x < 0.84)
    return {
      kind: 'editComment',
      pick: Math.floor(r() * 1000),
      mode: pickOf(r, ['retarget', 'retarget', 'typo', 'remove'] as const),
      to: pickOf(r, PEOPLE),
    };
  if (x < 0.87) return { kind: 'policy', task: task(), hide: r() < 0.6 };
  if (x < 0.9)
    return { kind: 'disable', user: pickOf(r, ['bob', 'carol', 'erin', 'dave']), disabled: r() < 0.5 };
  if (x < 0.96)
    return {
      kind: 'availability',
      user: pickOf(r, ['carol', 'erin', 'bob', 'alice', 'dave']),
      value: pickOf(r, ['away', 'away', 'busy', 'available'] as const),
      untilIn: pickOf(r, [null, 1800, 3 * 3600, 2 * 86400]),
    };
  onCreate();
  return {
    kind: 'create',
    actor: actor(),
    project: pickOf(r, PROJECTS),
    priority: r() < 0.8 ? 'unbreak' : 'high',
    owner: r() < 0.3 ? pickOf(r, ['alice', 'bob', 'carol']) : null,
  };
}

/** Odd seeds: a "fresh" sequence, UBN! tasks filed at its start and most edits on them (process owners
 *  declared, acknowledged, released, silent; thresholds of hours rather than the captured world's days). */
export function generate(seed: number, min = 5, max = 30): Step[] {
  const r = rng(seed);
  let tasks = 16;
  const count = () => tasks;
  const created = () => void tasks++;
  const fresh = seed % 2 === 1;
  const genEdit_ = genEdit;
  const genEditOf = (rr: () => number, c: () => number, o: () => void) => genEdit_(rr, c, o, fresh);
  const n = min + Math.floor(r() * (max - min + 1));
  const steps: Step[] = [];
  if (fresh)
    for (let i = 0; i < 3; i++) {
      created();
      steps.push({
        kind: 'edit',
        edit: {
          kind: 'create',
          actor: 'alice',
          project: pickOf(r, PROJECTS),
          priority: 'unbreak',
          owner: r() < 0.4 ? pickOf(r, ['alice', 'bob']) : null,
        },
      });
      if (r() < 0.5) steps.push({ kind: 'advance', seconds: clockStep(r) });
    }
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.35) steps.push({ kind: 'advance', seconds: clockStep(r) });
    else if (x < 0.72) steps.push({ kind: 'edit', edit: genEditOf(r, count, created) });
    else if (x < 0.8)
      steps.push(
        r() < 0.85
          ? { kind: 'edge', pick: Math.floor(r() * 1000), offset: pickOf(r, [-1, 0, 1] as const) }
          : { kind: 'settings', variant: Math.floor(r() * SETTINGS_VARIANTS.length) },
      );
    else
      steps.push({
        kind: 'pollWithEdit',
        after: 1 + Math.floor(r() * 6),
        advance: pickOf(r, [0, 0, 1, 2]),
        edit: genEditOf(r, count, created),
        ...(r() < 0.3 ? { back: 1 + Math.floor(r() * 58) } : {}),
      });
    if (r() < 0.1) steps.push({ kind: 'pollFail', at: 1 + Math.floor(r() * 8) });
    if (r() < 0.08)
      steps.push({ kind: 'late', back: 1 + Math.floor(r() * 58), edit: genEditOf(r, count, created) });
    const y = r();
    if (y < 0.3) steps.push({ kind: 'poll' });
    else if (y < 0.42) steps.push({ kind: 'check' });
  }
  steps.push({ kind: 'check' });
  return steps;
}

/** Declaring comments of the world (newest version says "Process owner:", not removed), in a stable order. */
function declaringComments(site: Standin): { taskId: number; raw: string }[] {
  const world = site.state.world;
  const found: { taskId: number; raw: string }[] = [];
  for (const task of [...world.tasks].sort((a, b) => a.id - b.id)) {
    for (const x of world.xactions.get(task.phid) ?? []) {
      if (x.comments.length === 0) continue;
      const newest = x.comments.reduce((a, b) => (a.version > b.version ? a : b));
      if (newest.removed || !/process owner:/i.test(newest.content.raw)) continue;
      found.push({ taskId: task.id, raw: newest.content.raw });
    }
  }
  return found;
}

let nonce = 0;

export interface Applied {
  text: string;
  /** A declaring comment edited (seen within 6 hours, with the check of the full read). */
  commentEdit?: { taskId: number };
  availability?: true;
  policy?: { taskId: number; hide: boolean };
}

/** Applies one edit as Phorge would; returns what was done (or null when it could not be, e.g. no such comment). */
export async function applyEdit(site: Standin, edit: Edit): Promise<Applied | null> {
  switch (edit.kind) {
    case 'tx': {
      const txs = edit.txs.map((t) =>
        t.type === 'comment' && typeof t.value === 'string' && /process owner/i.test(t.value)
          ? { ...t, value: `${t.value}\n(note ${++nonce})` }
          : t,
      );
      try {
        await conduit(
          site,
          'maniphest.edit',
          { objectIdentifier: `T${edit.task}`, transactions: txs },
          TOKENS[edit.actor],
        );
      } catch (error) {
        return { text: `refused: ${String(error).slice(0, 80)}` };
      }
      return { text: `${edit.actor} T${edit.task} ${JSON.stringify(txs)}` };
    }
    case 'create': {
      const txs: Tx[] = [
        { type: 'title', value: `Outage ${++nonce}` },
        { type: 'priority', value: edit.priority },
        { type: 'projects.add', value: [edit.project] },
        { type: 'comment', value: 'Seen in production.' },
      ];
      if (edit.owner) txs.push({ type: 'owner', value: USER_PHIDS[edit.owner as keyof typeof USER_PHIDS] });
      try {
        const result = await conduit<{ object: { id: number } }>(
          site,
          'maniphest.edit',
          { transactions: txs },
          TOKENS[edit.actor],
        );
        return { text: `created T${result.object.id}` };
      } catch (error) {
        return { text: `refused: ${String(error).slice(0, 80)}` };
      }
    }
    case 'editComment': {
      const all = declaringComments(site);
      if (all.length === 0) return null;
      const { taskId, raw } = all[edit.pick % all.length]!;
      let next: string | null;
      if (edit.mode === 'remove') next = null;
      else if (edit.mode === 'typo') next = `${raw}\nThanks.`;
      else
        next = raw.replace(
          /(process owner:\**)\s*(@[A-Za-z0-9._-]+|none)/i,
          (_m, label: string) => `${label} ${edit.to === 'none' ? 'none' : `@${edit.to}`}`,
        );
      editComment(site, taskId, raw, next);
      return {
        text: `comment on T${taskId} ${JSON.stringify(raw)} -> ${JSON.stringify(next)}`,
        commentEdit: { taskId },
      };
    }
    case 'policy': {
      try {
        await conduit(
          site,
          'maniphest.edit',
          {
            objectIdentifier: `T${edit.task}`,
            transactions: [{ type: 'view', value: edit.hide ? 'admin' : 'users' }],
          },
          TOKENS.admin,
        );
      } catch (error) {
        return { text: `refused: ${String(error).slice(0, 80)}` };
      }
      return {
        text: `admin T${edit.task} view ${edit.hide ? 'admin' : 'users'}`,
        policy: { taskId: edit.task, hide: edit.hide },
      };
    }
    case 'disable': {
      const user = site.state.world.userByName(edit.user)!;
      user.isDisabled = edit.disabled;
      return { text: `${edit.user} ${edit.disabled ? 'disabled' : 'enabled'}`, availability: true };
    }
    case 'availability': {
      const until =
        edit.untilIn === null || edit.value === 'available' ? null : site.clock.now() + edit.untilIn;
      site.state.setAvailability(edit.user, edit.value, until);
      return { text: `${edit.user} ${edit.value} until ${until}`, availability: true };
    }
  }
}

const live = (l: { state: string; until: number | null }) =>
  `${l.state}${l.until === null ? '' : `~${l.until}`}`;

/** What a user reads in the popup's rows (ages and sentence texts, computed at evaluation, left out). */
export function normalize(rows: readonly StaleRow[]) {
  return [...rows]
    .map((r) => ({
      id: r.task.id,
      status: r.task.status.value,
      priority: r.task.priority.value,
      assignee: r.task.assignee ? `${r.task.assignee.username}/${live(r.task.assignee.liveness)}` : null,
      dateModified: r.task.dateModified,
      escalation: r.escalation && {
        at: r.escalation.escalatedAt,
        first: r.escalation.firstEscalatedAt,
        recurrence: r.escalation.recurrence,
        severity: r.escalation.severity,
      },
      processOwner: r.processOwner && {
        state: r.processOwner.state,
        person: r.processOwner.person
          ? `${r.processOwner.person.username}/${live(r.processOwner.person.liveness)}`
          : null,
        declaredAt: r.processOwner.declaredAt,
        acknowledgedAt: r.processOwner.acknowledgedAt,
        lastActivityAt: r.processOwner.lastActivityAt,
        problem: r.processOwner.problem,
        released: r.processOwner.released ?? null,
      },
      stale: r.stale.map((s) => `${s.rule}:${s.severity}@${s.firedAt}`),
      severity: r.severity,
      team: r.team,
      mine: r.mine,
      myComponent: r.myComponent,
      suggestions: r.suggestions.map((s) => `${s.person.username}:${s.role}:${s.available}`),
    }))
    .sort((a, b) => a.id - b.id);
}

/** What the checks compared (DIFF_STATS=1 prints it): to see that the sequences reach the states that matter. */
export const stats: Record<string, number> = {};
const count = (key: string) => void (stats[key] = (stats[key] ?? 0) + 1);

export interface Mismatch {
  at: number;
  step: number;
  diff: string;
}

/** Runs one sequence on a reset stand-in; returns the first mismatch at a checkpoint, or null. */
export async function runSequence(h: Harness, steps: Step[], log?: string[]): Promise<Mismatch | null> {
  const { site } = h;
  site.state.reset();
  let settings = SETTINGS_VARIANTS[0]!;
  let lastDue: number[] = [];
  const incremental = await h.loadWorker();
  const trace = log ?? [];
  let lastAvailability = -Infinity;
  /** Declaring comments edited and not yet covered by a declaration check: task id -> edits. */
  const pendingComments = new Map<number, number>();
  /** Tasks hidden from alice since the last poll that read everything (README: they leave then). */
  const hiddenPending = new Set<number>();
  const record = (applied: Applied | null) => {
    if (!applied) return;
    if (applied.availability) lastAvailability = site.clock.now();
    if (applied.policy) {
      if (applied.policy.hide) hiddenPending.add(applied.policy.taskId);
      else hiddenPending.delete(applied.policy.taskId);
    }
    if (applied.commentEdit)
      pendingComments.set(
        applied.commentEdit.taskId,
        (pendingComments.get(applied.commentEdit.taskId) ?? 0) + 1,
      );
  };
  let previousCache:
    { declarationsAt?: number; fullAt?: number; tasks: { id: number; ubnOpen: boolean }[] } | undefined;
  const late = async (back: number, edit: Edit) => {
    const now = site.clock.now();
    site.clock.set(now - back);
    try {
      return await applyEdit(site, edit);
    } finally {
      site.clock.set(now);
    }
  };
  /** What an incremental poll that ended well tells the comparison. */
  const afterPoll = (state: PollState, pendingBefore: ReadonlySet<number>) => {
    // A declaration check ran in this poll: edits made before it, on tasks it covered, are seen now.
    if (
      state.cache?.declarationsAt !== undefined &&
      state.cache.declarationsAt !== previousCache?.declarationsAt
    ) {
      const wasOpen = new Set((previousCache?.tasks ?? []).filter((t) => t.ubnOpen).map((t) => t.id));
      const isOpen = new Set(state.cache.tasks.filter((t) => t.ubnOpen).map((t) => t.id));
      for (const id of pendingBefore) if (wasOpen.has(id) && isOpen.has(id)) pendingComments.delete(id);
    }
    if (state.cache && state.cache.fullAt !== previousCache?.fullAt) hiddenPending.clear();
    previousCache = state.cache;
    lastDue = (state.cache?.tasks ?? []).flatMap((t) => (t.dueAt === null ? [] : [t.dueAt]));
  };
  const incrementalPoll = async (hooked?: { after: number; advance: number; edit: Edit; back?: number }) => {
    const pendingBefore = new Set(pendingComments.keys());
    let hookApplied: Applied | null = null;
    if (hooked)
      h.armHook(hooked.after, async () => {
        site.clock.advance(hooked.advance);
        hookApplied = hooked.back ? await late(hooked.back, hooked.edit) : await applyEdit(site, hooked.edit);
      });
    const { state } = await incremental.poll(settings);
    h.disarmHook();
    if (state.connection !== 'ok') throw new Error(`incremental poll failed: ${state.message}`);
    const now = site.clock.now();
    afterPoll(state, pendingBefore);
    if (hookApplied) {
      trace.push(`   during the poll at ${now}: ${(hookApplied as Applied).text}`);
      record(hookApplied);
    }
    return state;
  };
  await incrementalPoll();
  trace.push(`start ${site.clock.now()}: first poll`);
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    switch (step.kind) {
      case 'advance':
        site.clock.advance(step.seconds);
        trace.push(`#${i} advance ${step.seconds}s -> ${site.clock.now()}`);
        break;
      case 'edit': {
        const applied = await applyEdit(site, step.edit);
        trace.push(`#${i} at ${site.clock.now()} edit: ${applied?.text ?? 'skipped'}`);
        record(applied);
        break;
      }
      case 'pollFail': {
        const pendingBefore = new Set(pendingComments.keys());
        h.armHook(step.at, async () => undefined, true);
        const { state } = await incremental.poll(settings);
        h.disarmHook();
        trace.push(
          `#${i} at ${site.clock.now()} poll failing at call ${step.at}: ${state.connection} ${state.message ?? ''}`,
        );
        // A failure in the declaration check leaves the poll ok: what it did check counts.
        if (state.connection === 'ok') afterPoll(state, pendingBefore);
        break;
      }
      case 'late': {
        const applied = await late(step.back, step.edit);
        trace.push(
          `#${i} at ${site.clock.now()} edit stamped ${step.back}s earlier: ${applied?.text ?? 'skipped'}`,
        );
        record(applied);
        break;
      }
      case 'edge': {
        const now = site.clock.now();
        const world = site.state.world;
        const times = new Set<number>(lastDue);
        for (const list of world.xactions.values())
          for (const x of list) for (const o of EDGE_OFFSETS) times.add(x.dateCreated + o);
        for (const u of world.users) if (u.availability.until !== null) times.add(u.availability.until);
        const ahead = [...times]
          .map((t) => t + step.offset)
          .filter((t) => t >= now)
          .sort((a, b) => a - b);
        if (ahead.length === 0) break;
        const to = ahead[step.pick % Math.min(ahead.length, 6)]!;
        site.clock.set(to);
        trace.push(
          `#${i} clock to ${to} (+${to - now}s, an edge ${step.offset >= 0 ? '+' : ''}${step.offset})`,
        );
        break;
      }
      case 'settings':
        settings = SETTINGS_VARIANTS[step.variant]!;
        trace.push(`#${i} settings ${JSON.stringify(settings)}`);
        break;
      case 'poll':
        await incrementalPoll();
        trace.push(`#${i} at ${site.clock.now()} poll`);
        break;
      case 'pollWithEdit':
        trace.push(
          `#${i} at ${site.clock.now()} poll with an edit after reply ${step.after} (+${step.advance}s${step.back ? `, stamped ${step.back}s earlier` : ''})`,
        );
        await incrementalPoll(step);
        break;
      case 'check': {
        const last = i === steps.length - 1;
        // Accounts are cached 10 minutes (README "Accounts are refreshed every 10 minutes"): a change of
        // availability younger than that is legitimately not seen yet; the last check waits it out.
        if (site.clock.now() - lastAvailability < USER_TTL) {
          if (!last) {
            await incrementalPoll();
            trace.push(
              `#${i} at ${site.clock.now()} poll (check skipped: availability changed < 10 min ago)`,
            );
            break;
          }
          site.clock.advance(USER_TTL - (site.clock.now() - lastAvailability));
          trace.push(`#${i} advance to ${site.clock.now()} (10 min after the availability change)`);
        }
        const state = await incrementalPoll();
        const cold = await h.loadWorker();
        const coldState = (await cold.poll(settings)).state;
        if (coldState.connection !== 'ok') throw new Error(`cold poll failed: ${coldState.message}`);
        const excluded = new Set([...pendingComments.keys(), ...hiddenPending]);
        const a = normalize(state.rows).filter((r) => !excluded.has(r.id));
        const b = normalize(coldState.rows).filter((r) => !excluded.has(r.id));
        trace.push(
          `#${i} at ${site.clock.now()} CHECK (rows ${a.length}, gate ${state.gateCount}/${coldState.gateCount}${excluded.size ? `, excluded (pending comment edits, hidden) on ${[...excluded].map((t) => `T${t}`).join(' ')}` : ''})`,
        );
        count('checks');
        if (excluded.size) count('checks with exclusions');
        if (coldState.gateCount > 0) count('checks with the gate closed');
        for (const row of b) {
          count(
            `row po=${row.processOwner?.state}${row.processOwner?.problem ? `/${row.processOwner.problem}` : ''}`,
          );
          for (const f of row.stale) count(`finding ${f.split('@')[0]}`);
        }
        const diff = diffRows(a, b);
        const gateDiff = excluded.size === 0 && state.gateCount !== coldState.gateCount;
        if (diff || gateDiff)
          return {
            at: site.clock.now(),
            step: i,
            diff: `${gateDiff ? `gate count incremental ${state.gateCount} vs cold ${coldState.gateCount}\n` : ''}${diff ?? ''}`,
          };
        // The incremental worker goes on (the cold one is dropped); the module graph is the cold one's now,
        // which only matters to new imports: none are made by the incremental worker.
        break;
      }
    }
  }
  return null;
}

function diffRows(a: ReturnType<typeof normalize>, b: ReturnType<typeof normalize>): string | null {
  const out: string[] = [];
  const byId = (list: ReturnType<typeof normalize>) => new Map(list.map((r) => [r.id, r]));
  const A = byId(a);
  const B = byId(b);
  for (const id of new Set([...A.keys(), ...B.keys()])) {
    const x = A.get(id);
    const y = B.get(id);
    if (!x) out.push(`T${id}: only the cold poll lists it: ${JSON.stringify(y)}`);
    else if (!y) out.push(`T${id}: only the incremental polls list it: ${JSON.stringify(x)}`);
    else {
      for (const key of Object.keys(x) as (keyof typeof x)[]) {
        if (JSON.stringify(x[key]) !== JSON.stringify(y[key]))
          out.push(`T${id}.${key}: incremental ${JSON.stringify(x[key])} vs cold ${JSON.stringify(y[key])}`);
      }
    }
  }
  return out.length ? out.join('\n') : null;
}

/** Greedy shrinking: drops steps (keeping the final check) while the sequence still diverges. */
export async function shrink(h: Harness, steps: Step[]): Promise<Step[]> {
  let current = steps;
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = current.length - 2; i >= 0; i--) {
      const candidate = [...current.slice(0, i), ...current.slice(i + 1)];
      const result = await runSequence(h, candidate).catch(() => null);
      if (result) {
        current = candidate;
        changed = true;
      }
    }
  }
  return current;
}
