// The deploy gate: "block all deployments" while an open Unbreak Now! task has gone past rule 1
// (no process owner) — the same rule, evaluated by the same core code, as the extension badge's
// "block the train". For a deployment pipeline:
//
//   steward gate --instance URL [--token TOKEN] [--no-owner-hours 2] [--project NAME ...] [--json]
//
// Exit status: 0 deploy, 1 blocked (the tasks and why are printed), 2 usage error or failure.
import { parseArgs } from 'node:util';
import { assessTask } from '../core/escalation/assess';
import { DEFAULT_STALENESS_SETTINGS } from '../core/escalation/thresholds';
import type { Epoch } from '../core/model';
import { formatDuration, isoTime } from '../core/time/durations';
import type { ConduitClient } from '../phabricator/conduit';
import { UsageError } from './failure';
import { parseNowOption, runInstanceCommand, type InstanceCommandIo } from './instance-command';
import { fetchOpenUbn } from './open-ubn';
import { printable, printableJson, printableLines } from './printable';

const DEFAULT_HOURS = DEFAULT_STALENESS_SETTINGS.noDeclarationSeconds / 3600;

const USAGE = `Usage: steward gate --instance URL [--token TOKEN] [--no-owner-hours N] [--project NAME ...] [--json]

Fails (exit 1) while an open Unbreak Now! task has had no process owner for longer than the first
staleness rule allows, the rule behind the extension badge's "block the train".

  --instance URL          the Phabricator or Phorge address, e.g. https://phabricator.example.org
  --token TOKEN           a Conduit API token; without it, the CONDUIT_TOKEN environment variable, then
                          the instance's entry in ~/.arcrc (Arcanist's file), so the token need not
                          appear in a process list or a CI log. It is never printed.
  --no-owner-hours N      hours an escalated task may go without a process owner (default ${DEFAULT_HOURS},
                          the extension's default); fractions allowed, e.g. 0.5
  --project NAME          only tasks tagged with this project or one of its subprojects or milestones
                          (repeat for any of several)
  --json                  print one JSON object: {blocked, tasks: [{id, blocking, reason, ...}], ...}
  --now ISO-TIME          evaluate at this time instead of now: an ISO 8601 date-time with Z or an
                          offset, e.g. 2026-11-26T13:44:28Z or 2026-11-26T14:44:28+01:00
  -h, --help              print this help

Only tasks the token's account can see are counted: use an account that can see restricted
(e.g. Security) tasks, or those tasks cannot block.

Exit status: 0 no task blocks, 1 at least one task blocks, 2 usage error or failure (no verdict).
`;

export type GateIo = InstanceCommandIo;

interface Options {
  instance: string;
  token: string | undefined;
  noOwnerSeconds: number;
  projects: string[];
  json: boolean;
  now: Epoch | null;
}

function readOptions(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        instance: { type: 'string' },
        token: { type: 'string' },
        'no-owner-hours': { type: 'string' },
        project: { type: 'string', multiple: true, default: [] },
        json: { type: 'boolean', default: false },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (see steward gate --help)`);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.instance === undefined) throw new UsageError('--instance is required (see steward gate --help)');
  let hours = DEFAULT_HOURS;
  if (v['no-owner-hours'] !== undefined) {
    hours = Number(v['no-owner-hours']);
    if (v['no-owner-hours'].trim() === '' || !Number.isFinite(hours) || hours <= 0) {
      throw new UsageError(
        `--no-owner-hours "${v['no-owner-hours']}" is not a number of hours above zero, e.g. 2 or 0.5`,
      );
    }
  }
  const now = parseNowOption(v.now);
  const projects = v.project.map((p) => p.trim());
  if (projects.some((p) => p === '')) throw new UsageError('--project is empty');
  return {
    instance: v.instance,
    token: v.token,
    noOwnerSeconds: Math.max(1, Math.round(hours * 3600)),
    projects,
    json: v.json,
    now,
  };
}

export interface GateTask {
  id: number;
  title: string;
  url: string;
  escalatedAt: Epoch | null;
  escalationAgeSeconds: number | null;
  processOwner: { state: string; username: string | null };
  /** Why it blocks; null when it does not. */
  reason: { text: string; since: Epoch; withoutOwnerSeconds: number } | null;
}

export interface GateVerdict {
  instance: string;
  evaluatedAt: Epoch;
  noOwnerSeconds: number;
  projects: string[];
  blocked: boolean;
  /** Blocking tasks first, then the rest, longest-running first. */
  tasks: GateTask[];
}

function verdictJson(v: GateVerdict): object {
  return {
    instance: v.instance,
    evaluatedAt: isoTime(v.evaluatedAt),
    blocked: v.blocked,
    rule: { name: 'no-process-owner', thresholdSeconds: v.noOwnerSeconds },
    projects: v.projects,
    openUbnTasks: v.tasks.length,
    blockingTasks: v.tasks.filter((t) => t.reason !== null).length,
    tasks: v.tasks.map((t) => ({
      id: t.id,
      title: t.title,
      url: t.url,
      blocking: t.reason !== null,
      reason: t.reason?.text ?? null,
      blockingSince: t.reason === null ? null : isoTime(t.reason.since),
      withoutProcessOwnerSeconds: t.reason?.withoutOwnerSeconds ?? null,
      escalatedAt: t.escalatedAt === null ? null : isoTime(t.escalatedAt),
      escalationAgeSeconds: t.escalationAgeSeconds,
      processOwner: t.processOwner,
    })),
  };
}

function ownerWords(t: GateTask): string {
  const who = `@${printable(t.processOwner.username ?? '?')}`;
  switch (t.processOwner.state) {
    case 'acknowledged':
      return `process owner ${who}, acknowledged`;
    case 'declared':
      return `process owner ${who}, not acknowledged yet`;
    case 'assignee':
      return `no process owner declared yet; assignee ${who}`;
    default:
      return 'no process owner yet';
  }
}

function verdictText(v: GateVerdict): string {
  const hours = formatDuration(v.noOwnerSeconds, 'en');
  // Titles and names come from outside: each is kept to its own field, so none can start a line.
  const scope = v.projects.length === 0 ? '' : ` tagged ${v.projects.map(printable).join(' or ')}`;
  const count = v.tasks.length;
  const blocking = v.tasks.filter((t) => t.reason !== null);
  const out: string[] = [];
  if (blocking.length > 0) {
    out.push(
      `BLOCKED: ${blocking.length} of ${count} open Unbreak Now! task${count === 1 ? '' : 's'}${scope} on ${v.instance} ${blocking.length === 1 ? 'has' : 'have'} had no process owner for more than ${hours}.`,
    );
  } else {
    out.push(
      `PASS: ${count === 0 ? 'no' : count} open Unbreak Now! task${count === 1 ? '' : 's'}${scope} on ${v.instance}; none has gone ${hours} without a process owner.`,
    );
  }
  for (const t of v.tasks) {
    const age =
      t.escalationAgeSeconds === null ? '' : ` (UBN! for ${formatDuration(t.escalationAgeSeconds, 'en')})`;
    out.push('');
    out.push(`${t.reason === null ? 'ok     ' : 'BLOCKS '} T${t.id}  ${printable(t.title)}`);
    out.push(`        ${t.url}`);
    out.push(`        ${printable(t.reason?.text ?? ownerWords(t))}${age}`);
  }
  return `${printableLines(out.join('\n'))}\n`;
}

/** The --project names as PHIDs; a name the token's account cannot see is a usage error. */
async function projectPHIDsOf(client: ConduitClient, names: string[]): Promise<string[]> {
  // A PHID names one project exactly: the way to pick one of several that share a name.
  const phids = names.filter((name) => name.startsWith('PHID-PROJ-'));
  const byName = names.filter((name) => !name.startsWith('PHID-PROJ-'));
  const projects = await client.searchProjects({ names: byName, phids });
  for (const phid of phids) {
    if (!projects.some((p) => p.phid === phid))
      throw new UsageError(`--project ${phid}: no project with that PHID that this token's account can see`);
  }
  for (const name of byName) {
    const named = projects.filter((p) => p.name.toLowerCase() === name.trim().toLowerCase());
    if (named.length === 0)
      throw new UsageError(`--project "${name}": no project of that name that this token's account can see`);
    // Milestones have no slug, and many share a name ("Sprint 5"): gating on all of them would let another
    // team's task block this deploy, or this team's pass for another's.
    if (named.length > 1)
      throw new UsageError(
        `--project "${name}" names ${named.length} projects (${named.map((p) => p.phid).join(', ')}); give the one you mean by its PHID`,
      );
  }
  return projects.map((p) => p.phid);
}

export function runGate(argv: string[], io: GateIo): Promise<number> {
  return runInstanceCommand('gate', argv, io, USAGE, readOptions, async (run) => {
    const { options, now, stdout } = run;
    const { baseUrl, client } = run.connection;
    const projectPHIDs = options.projects.length > 0 ? await projectPHIDsOf(client, options.projects) : null;
    const { vocabulary, tasks, histories, users } = await fetchOpenUbn(
      client,
      projectPHIDs === null ? {} : { projectPHIDs },
    );
    const settings = { ...DEFAULT_STALENESS_SETTINGS, noDeclarationSeconds: options.noOwnerSeconds };

    const rows: GateTask[] = tasks.map((task, i) => {
      // Core's rule 1, as the badge evaluates it: the gate never words or times the rule itself.
      const assessment = assessTask({ history: histories[i] ?? [], vocabulary, task, users, now, settings });
      const rule1 = assessment.findings.find((f) => f.rule === 'no-process-owner');
      const current = assessment.escalation.current;
      return {
        id: task.id,
        title: task.title,
        url: `${baseUrl}/T${task.id}`,
        escalatedAt: current?.at ?? null,
        escalationAgeSeconds: assessment.ageSeconds,
        processOwner: { state: assessment.owner.state, username: assessment.owner.username },
        reason:
          rule1 === undefined
            ? null
            : {
                text: rule1.text,
                since: rule1.firedAt,
                // Rule 1 counts from the escalation whatever happened since (a released role included).
                withoutOwnerSeconds: now - (current?.at ?? rule1.firedAt - options.noOwnerSeconds),
              },
      };
    });
    rows.sort(
      (a, b) =>
        Number(b.reason !== null) - Number(a.reason !== null) ||
        (b.escalationAgeSeconds ?? -1) - (a.escalationAgeSeconds ?? -1) ||
        a.id - b.id,
    );
    const verdict: GateVerdict = {
      instance: baseUrl,
      evaluatedAt: now,
      noOwnerSeconds: options.noOwnerSeconds,
      projects: options.projects,
      blocked: rows.some((r) => r.reason !== null),
      tasks: rows,
    };
    stdout(options.json ? printableJson(verdictJson(verdict)) : verdictText(verdict));
    return verdict.blocked ? 1 : 0;
  });
}
