// The UBN! report: every open "Unbreak Now!" task of an instance with its escalation age,
// recurrence, process owner, the staleness rules that fire and, with a registry, its owners.
//
//   steward report --instance URL [--token TOKEN] [--registry SOURCE] [--json] [--now ISO-TIME]
//
// Exit status: 0 when the report was produced (stale tasks included), 2 when it could not be.
import { parseArgs } from 'node:util';
import { buildUbnReport, ubnReportJson, ubnReportText } from '../core/escalation/ubn-report';
import type { PhabUser, TaskSnapshot } from '../core/model';
import { UserDirectory } from '../core/ownership/liveness';
import { resolveTaskOwnership } from '../core/ownership/resolve';
import type { TaskOwnership } from '../core/ownership/types';
import type { RegistryIndex } from '../core/registry/registry-index';
import { buildRegistryIndex } from '../core/registry/registry-index';
import type { RegistryData } from '../core/registry/types';
import { personKey } from '../core/registry/types';
import { UsageError } from './failure';
import { parseNowOption, runInstanceCommand, type InstanceCommandIo } from './instance-command';
import { fetchOpenUbn } from './open-ubn';
import { printableJson } from './printable';
import { InputError, loadInput, MAX_INPUT_BYTES, readInput } from './registry-input';

const USAGE = `Usage: steward report --instance URL [--token TOKEN] [--registry SOURCE] [--json] [--now ISO-TIME]

  --instance URL      the Phabricator or Phorge address, e.g. https://phabricator.example.org
  --token TOKEN       a Conduit API token (Settings > Conduit API Tokens), api-...; without it, the
                      CONDUIT_TOKEN environment variable, then the instance's entry in ~/.arcrc
  --registry SOURCE   owners registry, read as steward coverage reads it: a file or http(s) URL (at
                      most ${MAX_INPUT_BYTES / 1024 / 1024} MB) of a native JSON/YAML registry, or a saved or fetched mediawiki.org
                      Developers/Maintainers page (API JSON, HTML, wikitext)
  --json              print one JSON object instead of text
  --now ISO-TIME      evaluate ages and rules at this time instead of now: an ISO 8601 date-time with Z
                      or an offset, e.g. 2026-11-26T13:44:28Z or 2026-11-26T14:44:28+01:00
  -h, --help          print this help

Exit status: 0 the report was printed (stale tasks included), 2 usage error or failure.
`;

export type ReportIo = InstanceCommandIo;

const ReportError = UsageError;

interface Options {
  instance: string;
  token: string | undefined;
  registry: string | null;
  json: boolean;
  now: number | null;
}

function readOptions(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        instance: { type: 'string' },
        token: { type: 'string' },
        registry: { type: 'string' },
        json: { type: 'boolean', default: false },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new ReportError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.instance === undefined) throw new ReportError(`--instance is required.\n\n${USAGE}`);
  const now = parseNowOption(v.now);
  return { instance: v.instance, token: v.token, registry: v.registry ?? null, json: v.json, now };
}

/** The --registry file or URL, read as `steward coverage` reads it (same kinds, size limit and timeout). */
async function readRegistry(
  source: string,
  fetchImpl: typeof fetch,
): Promise<{ data: RegistryData; warnings: string[] }> {
  try {
    const { registry, warnings } = readInput(await loadInput(source, fetchImpl));
    return { data: registry, warnings };
  } catch (error) {
    if (error instanceof InputError) throw new ReportError(`--registry: ${error.message}`);
    throw error;
  }
}

export function runReport(argv: string[], io: ReportIo): Promise<number> {
  return runInstanceCommand('report', argv, io, USAGE, readOptions, async (run) => {
    const { options, now, stdout, stderr } = run;
    const { baseUrl, client } = run.connection;

    // A broken registry is the user's to fix before anything is fetched from the instance.
    const registry = options.registry === null ? null : await readRegistry(options.registry, run.fetch);

    const registryUsernames = (registry?.data.people ?? []).flatMap((p) =>
      p.username === null ? [] : [p.username],
    );
    const { vocabulary, tasks, histories, users } = await fetchOpenUbn(client, {
      moreUsernames: registryUsernames,
    });

    let index: RegistryIndex | null = null;
    if (registry !== null) {
      index = buildRegistryIndex(registry.data, { projects: await client.searchProjects() });
      for (const warning of registry.warnings.slice(0, 5)) stderr(`steward report: registry: ${warning}\n`);
      if (registry.warnings.length > 5) {
        stderr(`steward report: registry: ${registry.warnings.length - 5} more warnings not shown\n`);
      }
    }
    const directory = new UserDirectory([...users.values()]);
    const ownershipOf = (task: TaskSnapshot): TaskOwnership | null =>
      index === null
        ? null
        : resolveTaskOwnership({ projectPHIDs: task.projectPHIDs, index, users: directory, now });
    const people = index?.people;
    const isDeparted =
      people === undefined
        ? undefined
        : (user: PhabUser) => people.get(personKey(user.username))?.status === 'departed';

    const report = buildUbnReport({
      instance: baseUrl,
      now,
      vocabulary,
      users,
      tasks: tasks.map((task, i) => ({ task, history: histories[i] ?? [], ownership: ownershipOf(task) })),
      ...(isDeparted !== undefined ? { isDeparted } : {}),
    });
    stdout(options.json ? printableJson(ubnReportJson(report)) : ubnReportText(report));
    return 0;
  });
}
