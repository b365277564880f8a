// Incremental polls arrive where a cold poll does: after random sequences of edits on the stand-in, clock
// moves and polls, the state the worker's incremental polls arrive at (popup rows: tasks, findings,
// severity, escalation, process owner, assignee and their liveness, team, suggestions; the gate count)
// equals what a brand-new worker (new module graph, new empty IndexedDB) computes with one cold poll at the
// same clock.
//
// Steps (poll-differential-support.ts): comments, declarations ("Process owner: @x", none, list and bold
// forms, unknown @ghost), priority/status/tag/assignee/subscriber edits, new tasks, declaring comments
// edited/retargeted/removed, availability and disabled accounts, tasks hidden by a view policy and shown
// again, edits during a poll after its n-th Conduit reply (same second or +1-2 s), edits stamped up to 58 s
// earlier than they commit (inside the 60 s overlap), polls that fail at their n-th call, clock moves (0 s,
// 1-3 s, around 60 s, minutes, hours, across the 6-hour full read, days) and jumps to thresholds +-1 s,
// settings changes (thresholds, watch rules). Odd seeds file fresh UBN! tasks first and work on them.
//
// Left out of a comparison, as the README documents them (README sections "What Steward costs a
// Phabricator" and "The process owner convention"):
// - a change of an account's availability or roles younger than 10 minutes ("Accounts are refreshed every
//   10 minutes"): that check is skipped, the last one waits it out;
// - a task whose declaring comment was edited, until a declaration check that covered it ("sees such an
//   edit within 6 hours");
// - a task hidden by a policy change, until the next poll that reads everything ("a task hidden by a policy
//   change leaves then"); the gate count is not compared while any task is left out;
// - never generated: an older comment edited to declare ("seen only when the task's history is read whole
//   again"), explicit watch choices and snoozes (a new worker cannot know them).
//
// DIFF_SEEDS=a,b,c replays seeds, DIFF_ITERATIONS and DIFF_BASE_SEED choose others, DIFF_SHRINK=1 shrinks
// a failing one, DIFF_VERBOSE=1 prints every trace, DIFF_STATS=1 what the checks compared.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';
import {
  applyEdit,
  describeStep,
  normalize,
  SETTINGS_VARIANTS,
  stats,
  generate,
  runSequence,
  shrink,
  type Harness,
  type Step,
  type Worker,
} from './poll-differential-support';

const hoisted = vi.hoisted(() => ({
  fake: null as FakeBrowser | null,
  site: null as { url: string; clock: { now(): number } } | null,
}));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  hoisted.fake = createFakeBrowser();
  if (hoisted.site) hoisted.fake.grant(hoisted.site.url);
  return { default: hoisted.fake.browser };
});
// The worker lives on the stand-in's clock exactly (no drift of the real clock between two workers).
vi.mock('../../../src/background/clock', () => ({
  nowSeconds: () => hoisted.site!.clock.now(),
  setClockOffset: () => undefined,
}));

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');

let site: Standin;
let hook: { after: number; count: number; action: () => Promise<void>; fail?: boolean } | null = null;
let inHook = false;
const realFetch = globalThis.fetch;
globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const response = await realFetch(input, init);
  if (hook && !inHook && String(input).includes('/api/')) {
    hook.count++;
    if (hook.count === hook.after) {
      const { action, fail } = hook;
      hook = null;
      if (fail)
        // A poll that fails midway: Phorge answers this call with an error (not retried).
        return new Response(
          JSON.stringify({ result: null, error_code: 'ERR-CONDUIT-CORE', error_info: 'injected failure' }),
          { status: 200, headers: response.headers },
        );
      inHook = true;
      try {
        await action();
      } finally {
        inHook = false;
      }
    }
  }
  return response;
}) as typeof fetch;

async function loadWorker(): Promise<Worker> {
  vi.resetModules();
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  const poll = await import('../../../src/background/poll');
  const secrets = await import('../../../src/background/secrets');
  const { parseSettings } = await import('../../../src/shared/settings');
  const settingsOf = (variant: unknown) => {
    const parsed = parseSettings({
      version: 1,
      instances: [{ url: site.url, authMode: 'token' }],
      registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
      ...(variant as object),
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    return parsed.settings;
  };
  await secrets.writeToken(site.url, TOKENS.alice);
  return { poll: (variant) => poll.pollInstance(settingsOf(variant), site.url, { force: true }) as never };
}

const harness = (): Harness => ({
  site,
  loadWorker,
  armHook: (after, action, fail) => {
    hook = { after, count: 0, action, fail };
  },
  disarmHook: () => {
    hook = null;
  },
});

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  hoisted.site = site;
});
afterAll(() => site.close());

async function replay(seed: number, steps: Step[] = generate(seed)) {
  const trace: string[] = [];
  const mismatch = await runSequence(harness(), steps, trace);
  return { mismatch, trace, steps };
}

// About 0.3 s a seed: 100 keep the file well under a minute.
const ITERATIONS = Number(process.env.DIFF_ITERATIONS ?? 100);
const BASE_SEED = Number(process.env.DIFF_BASE_SEED ?? 20260101);

describe('incremental polls agree with a cold poll of a new worker', () => {
  it('random sequences of edits, clock moves and polls', async () => {
    const seeds = process.env.DIFF_SEEDS
      ? process.env.DIFF_SEEDS.split(',').map(Number)
      : Array.from({ length: ITERATIONS }, (_, i) => BASE_SEED + i);
    const failures: string[] = [];
    for (const seed of seeds) {
      const run = await replay(seed).catch((error: unknown) => error as Error);
      if (run instanceof Error) {
        failures.push(`seed ${seed}: ${run.stack ?? String(run)}`);
        continue;
      }
      const { mismatch, trace, steps } = run;
      if (process.env.DIFF_VERBOSE) console.info(`seed ${seed}\n${trace.join('\n')}`);
      if (!mismatch) continue;
      let report = `seed ${seed}: diverged at step #${mismatch.step} (clock ${mismatch.at})\n${mismatch.diff}\n${trace.join('\n')}`;
      if (process.env.DIFF_SHRINK) {
        const small = await shrink(harness(), steps);
        const again = await replay(seed, small);
        report += `\n--- shrunk to ${small.length} steps:\n${small.map(describeStep).join('\n')}\n${again.trace.join('\n')}\n${again.mismatch?.diff}`;
      }
      failures.push(report);
    }
    if (process.env.DIFF_STATS) console.info(JSON.stringify(stats, null, 1));
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 600_000);
});

/** Polls the incremental worker, then a new worker cold, at the same clock; both states. */
async function bothAt(incremental: Worker, variant: unknown) {
  const a = (await incremental.poll(variant)).state;
  const b = (await (await loadWorker()).poll(variant)).state;
  expect(a.connection).toBe('ok');
  expect(b.connection).toBe('ok');
  return { incremental: a, cold: b };
}
const rowFor = (state: { rows: Parameters<typeof normalize>[0] }, id: number) =>
  normalize(state.rows).find((r) => r.id === id);

const HOUR = 3600;
/** Any other settings: another basis, so the next poll reads everything (poll-window.ts basisOf). */
const OTHER_THRESHOLDS = { watch: { allUbn: true }, thresholds: { escalationCriticalDays: 8 } };

/**
 * A new worker's first poll; alice declares herself on T14 and the next poll, 5 minutes on, reads it.
 * Returns that worker, when it began, and T14's row after the second poll.
 */
async function declaredOnT14() {
  site.state.reset();
  const start = site.clock.now();
  const worker = await loadWorker();
  const variant = SETTINGS_VARIANTS[0];
  await worker.poll(variant);
  await applyEdit(site, {
    kind: 'tx',
    actor: 'alice',
    task: 14,
    txs: [{ type: 'comment', value: 'Process owner: @alice' }],
  });
  site.clock.advance(300);
  const seen = rowFor((await worker.poll(variant)).state, 14);
  return { worker, start, seen };
}

describe('an edited declaration is seen within 6 hours, whatever else happens meanwhile', () => {
  // alice posted "Process owner: @alice" on T14, then edited it to name bob (Phorge does not mark the task
  // modified). The user changes a threshold before the 6-hourly check: that poll reads everything, and
  // still asks after the last poll's declaring comments.
  it('a declaration edited before a settings change: the popup names bob, as a new worker does', async () => {
    const { worker, start, seen } = await declaredOnT14();
    expect(seen?.processOwner?.person).toBe('alice/active');
    site.clock.advance(600);
    await applyEdit(site, { kind: 'editComment', pick: 0, mode: 'retarget', to: 'bob' });
    // The user changes an unrelated threshold in the options, before the 6-hourly check came.
    site.clock.set(start + 5 * HOUR + 50 * 60);
    const { incremental, cold } = await bothAt(worker, OTHER_THRESHOLDS);
    expect(rowFor(cold, 14)?.processOwner?.person, 'a new worker').toBe('bob/active');
    expect(rowFor(incremental, 14)?.processOwner, 'the popup after the poll with the new settings').toEqual(
      rowFor(cold, 14)?.processOwner,
    );
  });

  // alice's declaration on T14 is removed; the 6-hourly full read's check of declaring comments gets a
  // broken reply once. The poll goes on, and the next one asks again.
  it('a check that failed at the full read is asked again at the next poll: the removal is seen', async () => {
    const { worker, start, seen } = await declaredOnT14();
    const variant = SETTINGS_VARIANTS[0];
    expect(seen?.processOwner?.person).toBe('alice/active');
    site.clock.advance(300);
    await applyEdit(site, { kind: 'editComment', pick: 0, mode: 'remove', to: 'none' });
    // The full read: its check of the declaring comments gets a broken reply, once.
    site.clock.set(start + 6 * HOUR + 60);
    site.state.faults.add({ method: 'transaction.search', kind: 'malformed', times: 1 });
    expect((await worker.poll(variant)).state.connection).toBe('ok');
    // The next poll, 5 minutes later.
    site.clock.advance(300);
    const { incremental, cold } = await bothAt(worker, variant);
    expect(rowFor(cold, 14)?.processOwner?.state, 'a new worker').toBe('none');
    expect(rowFor(incremental, 14), 'the popup after the next poll').toEqual(rowFor(cold, 14));
    expect(incremental.gateCount).toBe(cold.gateCount);
  });

  // The same edit without the settings change: seen by the 6-hourly check.
  it('without a settings change the edit is seen by the 6-hourly check', async () => {
    const { worker, start } = await declaredOnT14();
    const variant = SETTINGS_VARIANTS[0];
    site.clock.advance(600);
    await applyEdit(site, { kind: 'editComment', pick: 0, mode: 'retarget', to: 'bob' });
    site.clock.set(start + 6 * HOUR + 60);
    const { incremental, cold } = await bothAt(worker, variant);
    expect(rowFor(incremental, 14)).toEqual(rowFor(cold, 14));
    expect(rowFor(incremental, 14)?.processOwner?.person).toBe('bob/active');
  });

  // T6's assignee bob removes a tag: a first poll (maniphest.gettasktransactions, which names a project
  // edge by its edge:type as Phorge does) counts it as acting, as later polls (transaction.search) do.
  it('a tag change by the assignee counts as acting in a first poll as in later ones', async () => {
    site.state.reset();
    const worker = await loadWorker();
    const variant = SETTINGS_VARIANTS[0];
    await worker.poll(variant);
    await applyEdit(site, {
      kind: 'tx',
      actor: 'bob',
      task: 6,
      txs: [{ type: 'projects.remove', value: ['Echo'] }],
    });
    const { incremental, cold } = await bothAt(worker, variant);
    expect(rowFor(incremental, 6)).toEqual(rowFor(cold, 6));
  });
});
