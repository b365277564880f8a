// The UBN! report: every open "Unbreak Now!" task of an instance with its escalation age,
// recurrence, process owner, the staleness rules that fire and, with a registry, its owners.
//
//   steward report --instance URL [--token TOKEN] [--registry SOURCE] [--json] [--now ISO-TIME]
//
// Exit status: 0 when the report was produced (stale tasks included), 2 when it could not be.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildUbnReport, ubnReportJson, ubnReportText } from '../core/escalation/ubn-report';
import type { PhabUser, TaskSnapshot } from '../core/model';
import { UserDirectory } from '../core/ownership/liveness';
import { resolveTaskOwnership } from '../core/ownership/resolve';
import type { TaskOwnership } from '../core/ownership/types';
import { formatProblem } from '../core/registry/errors';
import { importMaintainersPage } from '../core/registry/maintainers-page';
import { looksLikeMediaWikiApi } from '../core/registry/mediawiki-api';
import { parseRegistryText } from '../core/registry/parse';
import type { RegistryIndex } from '../core/registry/registry-index';
import { buildRegistryIndex } from '../core/registry/registry-index';
import type { RegistryData } from '../core/registry/types';
import { personKey } from '../core/registry/types';
import { UsageError } from './failure';
import { parseNowOption, runInstanceCommand, type InstanceCommandIo } from './instance-command';
import { fetchOpenUbn } from './open-ubn';
import { printableJson } from './printable';

const USAGE = `Usage: steward report --instance URL [--token TOKEN] [--registry SOURCE] [--json] [--now ISO-TIME]

  --instance URL      the Phabricator or Phorge address, e.g. https://phabricator.example.org
  --token TOKEN       a Conduit API token (Settings > Conduit API Tokens), api-...; without it, the
                      CONDUIT_TOKEN environment variable, then the instance's entry in ~/.arcrc
  --registry SOURCE   owners registry: a file or http(s) URL of a native JSON/YAML registry, or a
                      saved or fetched mediawiki.org Developers/Maintainers page (API JSON, HTML, wikitext)
  --json              print one JSON object instead of text
  --now ISO-TIME      evaluate ages and rules at this time instead of now, e.g. 2026-11-26T13:44:28Z
  --help              print this help

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
        help: { type: 'boolean', default: false },
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

async function readSource(source: string, fetchImpl: typeof fetch): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    let response: Response;
    try {
      response = await fetchImpl(source, { credentials: 'omit' });
    } catch (error) {
      throw new ReportError(`--registry: could not fetch ${source}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new ReportError(`--registry: ${source} answered HTTP ${response.status}`);
    return response.text();
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    throw new ReportError(`--registry: only files and http(s) URLs can be read, not ${source}`);
  }
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new ReportError(`--registry: cannot read ${source}: ${why}`);
  }
}

/** A native registry (JSON or YAML) or a Developers/Maintainers page in any of its forms. */
function parseRegistrySource(text: string, source: string): { registry: RegistryData; warnings: string[] } {
  const head = text.trimStart();
  let wikiPage = /^\{\|/m.test(text) || /<table\b/i.test(text);
  if (head.startsWith('{') && !head.startsWith('{|')) {
    try {
      wikiPage = looksLikeMediaWikiApi(JSON.parse(text));
    } catch {
      // Not JSON after all: the native parser reports the syntax error with its position.
    }
  }
  const result = wikiPage ? importMaintainersPage(text, { source }) : parseRegistryText(text, { source });
  if (!result.ok) {
    const problems = result.errors.map((p) => `  ${formatProblem(p, source)}`).join('\n');
    throw new ReportError(`--registry: ${source} is not a usable owners registry:\n${problems}`);
  }
  return { registry: result.value, warnings: result.warnings.map((p) => formatProblem(p, source)) };
}

export function runReport(argv: string[], io: ReportIo): Promise<number> {
  return runInstanceCommand('report', argv, io, USAGE, readOptions, async (run) => {
    const { options, now, stdout, stderr } = run;
    const { baseUrl, client } = run.connection;
    const fetchImpl = run.fetch;

    // A broken registry is the user's to fix before anything is fetched from the instance.
    let registry: { data: RegistryData; warnings: string[] } | null = null;
    if (options.registry !== null) {
      const parsed = parseRegistrySource(await readSource(options.registry, fetchImpl), options.registry);
      registry = { data: parsed.registry, warnings: parsed.warnings };
    }

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
