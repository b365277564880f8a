// Every view of one task at one clock: every view Steward has of it, reduced to the facts
// that must agree (open UBN!, escalation start, process owner, staleness findings, gate). The test file
// mocks webextension-polyfill before importing this module's functions' dependencies (dynamic imports).
import { vi } from 'vitest';
import type { Standin } from '../../standin/server';
import { apiTokenFor } from '../../standin/ids';
import { pageFactsOf } from './page-facts-of';

/** Scenario steps the view tests build their histories from. */
export const comment = (by: string, at: string, text: string) => ({ type: 'comment' as const, by, at, text });

/** A task alice created with this title. */
export const created = (title: string, at: string) => [
  { type: 'create' as const, by: 'alice', at },
  { type: 'title' as const, by: 'alice', at, to: title },
];

/** The task raised to Unbreak Now!. */
export const raised = (by: string, at: string, from = 'normal') => ({
  type: 'priority' as const,
  by,
  at,
  from,
  to: 'unbreak',
});

export interface Facts {
  view: string;
  open: boolean;
  escalatedAt: number | null;
  owner: { state: string; username: string | null };
  findings: string[];
  gate: boolean;
}

export const TOKEN_USER = 'alice';

/** The worker lives at the stand-in's clock exactly (Date.now frozen at it). */
export async function syncClock(site: Standin): Promise<void> {
  const { setClockOffset } = await import('../../../src/background/clock');
  vi.spyOn(Date, 'now').mockReturnValue(site.clock.now() * 1000);
  setClockOffset(0);
}

export async function settingsFor(origin: string, extra: Record<string, unknown> = {}) {
  const { parseSettings } = await import('../../../src/shared/settings');
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: origin, authMode: 'token' }],
    watch: { allUbn: true },
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.settings;
}

export async function connect(site: Standin, grant: (origin: string) => void): Promise<void> {
  const { writeToken } = await import('../../../src/background/secrets');
  await import('webextension-polyfill');
  grant(site.url);
  await writeToken(site.url, apiTokenFor(TOKEN_USER));
}

type Owner = { state: string; person?: { username: string } | null } | null;
type Stale = { rule: string; severity: string }[];

function ownerOf(po: Owner): Facts['owner'] {
  if (po === null) return { state: 'none', username: null };
  const state = po.state === 'assignee-not-declared' ? 'assignee' : po.state;
  return { state, username: state === 'none' ? null : (po.person?.username ?? null) };
}

const findingKeys = (stale: Stale) => stale.map((s) => `${s.rule}:${s.severity}`).sort();

function fromContext(
  view: string,
  c: { escalation: { escalatedAt: number } | null; processOwner: Owner; stale: Stale },
): Facts {
  return {
    view,
    open: c.escalation !== null,
    escalatedAt: c.escalation?.escalatedAt ?? null,
    owner: c.escalation === null ? { state: 'none', username: null } : ownerOf(c.processOwner),
    findings: findingKeys(c.stale),
    gate: c.stale.some((s) => s.rule === 'no-process-owner'),
  };
}

type Settings = Awaited<ReturnType<typeof settingsFor>>;

/** The banner: a Retry (whole read from Phabricator) through the worker's answer. */
export async function bannerFresh(site: Standin, settings: Settings, id: number): Promise<Facts> {
  const { answerContext } = await import('../../../src/background/context-answer');
  const { clientFor } = await import('../../../src/background/instance-client');
  const c = await answerContext(settings, site.url, () => clientFor(settings, site.url), {
    taskId: id,
    refresh: true,
    settle: true,
  });
  return fromContext('banner', c);
}

/** The banner as a page view asks it (page facts; answered from the cache when it holds the page). */
export async function bannerPage(site: Standin, settings: Settings, id: number): Promise<Facts> {
  const { answerContext } = await import('../../../src/background/context-answer');
  const { clientFor } = await import('../../../src/background/instance-client');
  const page = await pageFactsOf(site, id);
  const ask = (settle: boolean) =>
    answerContext(settings, site.url, () => clientFor(settings, site.url), {
      taskId: id,
      refresh: false,
      settle,
      page,
    });
  const first = await ask(false);
  const c = first.pending === 'history' ? await ask(true) : first;
  return fromContext('banner-page', c);
}

/** The popup's row (watch rule: every UBN!) and the badge's gate count after a poll. */
export async function popup(site: Standin, settings: Settings, ids: number[]) {
  const { pollInstance } = await import('../../../src/background/poll');
  const outcome = await pollInstance(settings, site.url, { force: true });
  if (outcome.state.connection !== 'ok') throw new Error(`poll failed: ${outcome.state.message}`);
  const facts = new Map<number, Facts>();
  for (const id of ids) {
    const row = outcome.state.rows.find((r) => r.task.id === id);
    const cached = outcome.state.cache?.tasks.find((t) => t.id === id);
    facts.set(
      id,
      row
        ? { ...fromContext('popup', row), gate: cached?.gate ?? false }
        : {
            view: 'popup',
            open: false,
            escalatedAt: null,
            owner: { state: 'none', username: null },
            findings: [],
            gate: false,
          },
    );
  }
  return { facts, gateCount: outcome.state.gateCount, state: outcome.state };
}

/** The review page: the list read again, then the missing histories fetched (as the page does). */
export async function review(site: Standin, settings: Settings, ids: number[], refresh = true) {
  const { reviewOpen, reviewFetch } = await import('../../../src/background/review');
  const listed = await reviewOpen(settings, site.url, refresh);
  const rows = [...listed.rows];
  if (listed.pending.length > 0) rows.push(...(await reviewFetch(settings, site.url, listed.pending)));
  const facts = new Map<number, Facts>();
  for (const id of ids) {
    const row = rows.find((r) => r.task.id === id);
    facts.set(
      id,
      row
        ? fromContext('review', row)
        : {
            view: 'review',
            open: false,
            escalatedAt: null,
            owner: { state: 'none', username: null },
            findings: [],
            gate: false,
          },
    );
  }
  return facts;
}

interface ReportJson {
  tasks: {
    id: number;
    escalatedAt: string | null;
    processOwner: { state: string; username: string | null };
    stale: { rule: string; severity: string }[];
  }[];
}
interface GateJson {
  blocked: boolean;
  tasks: {
    id: number;
    blocking: boolean;
    escalatedAt: string | null;
    processOwner: { state: string; username: string | null };
  }[];
}

const epoch = (iso: string | null) => (iso === null ? null : Date.parse(iso) / 1000);

/** `steward report --json` and `steward gate --json`, in process, at the stand-in's clock. */
export async function cli(site: Standin, ids: number[], gateArgs: string[] = []) {
  const { runReport } = await import('../../../src/cli/report');
  const { runGate } = await import('../../../src/cli/gate');
  const io = (out: string[]) => ({
    stdout: (t: string) => out.push(t),
    stderr: () => undefined,
    now: () => site.clock.now(),
    env: { CONDUIT_TOKEN: apiTokenFor(TOKEN_USER), HOME: '/nonexistent' },
  });
  const reportOut: string[] = [];
  const gateOut: string[] = [];
  const reportCode = await runReport(['--instance', site.url, '--json'], io(reportOut));
  if (reportCode !== 0) throw new Error(`report exited ${reportCode}: ${reportOut.join('')}`);
  const gateCode = await runGate(['--instance', site.url, '--json', ...gateArgs], io(gateOut));
  if (gateCode === 2) throw new Error(`gate exited 2: ${gateOut.join('')}`);
  const report = JSON.parse(reportOut.join('')) as ReportJson;
  const gate = JSON.parse(gateOut.join('')) as GateJson;
  const facts = new Map<number, Facts>();
  const gateFacts = new Map<number, Facts>();
  for (const id of ids) {
    const r = report.tasks.find((t) => t.id === id);
    const g = gate.tasks.find((t) => t.id === id);
    facts.set(id, {
      view: 'cli-report',
      open: r !== undefined && r.escalatedAt !== null,
      escalatedAt: epoch(r?.escalatedAt ?? null),
      owner: r
        ? {
            state: r.processOwner.state,
            username: r.processOwner.state === 'none' ? null : r.processOwner.username,
          }
        : { state: 'none', username: null },
      findings: r ? findingKeys(r.stale) : [],
      gate: g?.blocking ?? false,
    });
    gateFacts.set(id, {
      view: 'cli-gate',
      open: g !== undefined && g.escalatedAt !== null,
      escalatedAt: epoch(g?.escalatedAt ?? null),
      owner: g
        ? {
            state: g.processOwner.state,
            username: g.processOwner.state === 'none' ? null : g.processOwner.username,
          }
        : { state: 'none', username: null },
      findings: [],
      gate: g?.blocking ?? false,
    });
  }
  return { report: facts, gate: gateFacts, blocked: gate.blocked, gateCode };
}

/** The facts without the view's name, for comparing. */
export const strip = ({ view: _view, ...rest }: Facts) => rest;

/** Every view of `ids` at the stand-in's clock: the facts of those that differ from the banner's fresh read. */
export async function compareAll(
  site: Standin,
  settings: Settings,
  ids: number[],
  order: ('popup' | 'banner' | 'page' | 'review' | 'reviewCached' | 'cli')[] = [
    'popup',
    'banner',
    'page',
    'review',
    'reviewCached',
    'cli',
  ],
) {
  await syncClock(site);
  const got = new Map<string, Map<number, Facts>>();
  let gateCount = -1;
  let cliBlocked = false;
  for (const step of order) {
    if (step === 'popup') {
      const p = await popup(site, settings, ids);
      got.set('popup', p.facts);
      gateCount = p.gateCount;
    } else if (step === 'banner' || step === 'page') {
      const m = new Map<number, Facts>();
      for (const id of ids)
        m.set(
          id,
          step === 'banner' ? await bannerFresh(site, settings, id) : await bannerPage(site, settings, id),
        );
      got.set(step, m);
    } else if (step === 'review' || step === 'reviewCached') {
      got.set(step, await review(site, settings, ids, step === 'review'));
    } else {
      const c = await cli(site, ids);
      got.set('cli-report', c.report);
      got.set('cli-gate', c.gate);
      cliBlocked = c.blocked;
    }
  }
  const ref = got.get('banner')!;
  const differences: Record<number, Facts[]> = {};
  for (const id of ids) {
    const want = views(ref.get(id)!);
    const diff: Facts[] = [];
    for (const [name, m] of got) {
      if (name === 'banner') continue;
      const f = m.get(id)!;
      const same =
        name === 'cli-gate'
          ? f.gate === ref.get(id)!.gate && f.escalatedAt === ref.get(id)!.escalatedAt
          : JSON.stringify(views(f)) === JSON.stringify(want);
      if (!same) diff.push(f);
    }
    if (diff.length > 0) differences[id] = [ref.get(id)!, ...diff];
  }
  return { got, differences, gateCount, cliBlocked };
}
const views = strip;

/** maniphest.edit as `user` of a scenario (token derived from the username). */
export async function edit(
  site: Standin,
  user: string,
  task: string,
  transactions: { type: string; value: unknown }[],
) {
  const params = { objectIdentifier: task, transactions, __conduit__: { token: apiTokenFor(user) } };
  const response = await fetch(`${site.url}/api/maniphest.edit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `params=${encodeURIComponent(JSON.stringify(params))}`,
  });
  const reply = (await response.json()) as { error_code: string | null; error_info: string | null };
  if (reply.error_code) throw new Error(`maniphest.edit on ${task}: ${reply.error_code} ${reply.error_info}`);
}
