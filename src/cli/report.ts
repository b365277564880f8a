// The UBN! report: every open "Unbreak Now!" task of an instance with its escalation age,
// recurrence, process owner, the staleness rules that fire and, with a registry, its owners.
//
//   npm run --silent report -- --instance URL --token TOKEN [--registry SOURCE] [--json] [--now ISO-TIME]
//
// Exit status: 0 when the report was produced (stale tasks included), 2 when it could not be.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { findDeclarations } from '../core/escalation/declarations';
import { buildUbnReport, ubnReportJson, ubnReportText } from '../core/escalation/ubn-report';
import type { InstanceVocabulary, PhabUser, TaskSnapshot, TaskTransaction } from '../core/model';
import { UBN_PRIORITY } from '../core/model';
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
import { ConduitClient, isConduitError, openStatusValues, parseInstanceUrl } from '../phabricator/conduit';

const USAGE = `Usage: npm run --silent report -- --instance URL --token TOKEN [--registry SOURCE] [--json] [--now ISO-TIME]

  --instance URL      the Phabricator or Phorge address, e.g. https://phabricator.example.org
  --token TOKEN       a Conduit API token (Settings > Conduit API Tokens), api-...
  --registry SOURCE   owners registry: a file or http(s) URL of a native JSON/YAML registry, or a
                      saved or fetched mediawiki.org Developers/Maintainers page (API JSON, HTML, wikitext)
  --json              print one JSON object instead of text
  --now ISO-TIME      evaluate ages and rules at this time instead of now, e.g. 2026-11-26T13:44:28Z
`;

export interface ReportIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch?: typeof fetch;
  /** Wall clock in epoch seconds, when --now is not given. */
  now?: () => number;
}

/** A failure the user can fix; its message is printed as is. */
class ReportError extends Error {}

interface Options {
  instance: string;
  token: string;
  registry: string | null;
  json: boolean;
  now: number | null;
}

function readOptions(argv: string[]): Options {
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
  if (v.help) throw new ReportError(USAGE);
  if (v.instance === undefined) throw new ReportError(`--instance is required.\n\n${USAGE}`);
  if (v.token === undefined || v.token.trim() === '')
    throw new ReportError(`--token is required.\n\n${USAGE}`);
  let now: number | null = null;
  if (v.now !== undefined) {
    const ms = Date.parse(v.now);
    if (!Number.isFinite(ms)) {
      throw new ReportError(
        `--now "${v.now}" is not a time; write it as ISO 8601, e.g. 2026-11-26T13:44:28Z`,
      );
    }
    now = Math.floor(ms / 1000);
  }
  return { instance: v.instance, token: v.token.trim(), registry: v.registry ?? null, json: v.json, now };
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the order of results. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
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

function declaredUsernames(histories: readonly (readonly TaskTransaction[])[]): string[] {
  const names = new Set<string>();
  for (const history of histories) {
    for (const tx of history) {
      for (const comment of tx.comments) {
        for (const d of findDeclarations(comment.content.raw))
          if (d.kind === 'declare') names.add(d.username);
      }
    }
  }
  return [...names];
}

export async function runReport(argv: string[], io: ReportIo): Promise<number> {
  try {
    const options = readOptions(argv);
    const instance = parseInstanceUrl(options.instance);
    if (!instance.ok)
      throw new ReportError(`--instance "${options.instance}" is not usable: ${instance.message}`);
    const fetchImpl = io.fetch ?? fetch;
    const client = new ConduitClient({
      baseUrl: instance.baseUrl,
      auth: { kind: 'token', token: options.token },
      fetch: fetchImpl,
      retry: { attempts: 3, baseDelayMs: 500, maxDelayMs: 5000 },
    });
    const now = options.now ?? io.now?.() ?? Math.floor(Date.now() / 1000);

    // A broken registry is the user's to fix before anything is fetched from the instance.
    let registry: { data: RegistryData; warnings: string[] } | null = null;
    if (options.registry !== null) {
      const parsed = parseRegistrySource(await readSource(options.registry, fetchImpl), options.registry);
      registry = { data: parsed.registry, warnings: parsed.warnings };
    }

    const [priorities, statuses] = await Promise.all([client.priorities(), client.statuses()]);
    const vocabulary: InstanceVocabulary = { priorities, statuses };
    const open = openStatusValues(statuses);
    const tasks: TaskSnapshot[] =
      open.length === 0
        ? []
        : await client.searchTasks(
            { priorities: [UBN_PRIORITY], statuses: open },
            { attachments: { projects: true, subscribers: false } },
          );
    const histories = await mapLimited(tasks, 4, (task) => client.taskHistory(task.phid));

    // Accounts: everyone who acted on the tasks, the assignees, the declared process owners and
    // the registry's people, in as few user.search calls as the client can make.
    const phids = new Set<string>();
    for (const task of tasks) if (task.ownerPHID !== null) phids.add(task.ownerPHID);
    for (const history of histories) for (const tx of history) phids.add(tx.authorPHID);
    const usernames = new Set(declaredUsernames(histories));
    for (const person of registry?.data.people ?? [])
      if (person.username !== null) usernames.add(person.username);
    const found: PhabUser[] = [];
    if (phids.size > 0) found.push(...(await client.searchUsers({ phids: [...phids] })));
    if (usernames.size > 0) found.push(...(await client.searchUsers({ usernames: [...usernames] })));
    const users = new Map(found.map((u) => [u.username, u]));

    let index: RegistryIndex | null = null;
    if (registry !== null) {
      index = buildRegistryIndex(registry.data, { projects: await client.searchProjects() });
      for (const warning of registry.warnings.slice(0, 5))
        io.stderr(`steward report: registry: ${warning}\n`);
      if (registry.warnings.length > 5) {
        io.stderr(`steward report: registry: ${registry.warnings.length - 5} more warnings not shown\n`);
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
      instance: instance.baseUrl,
      now,
      vocabulary,
      users,
      tasks: tasks.map((task, i) => ({ task, history: histories[i] ?? [], ownership: ownershipOf(task) })),
      ...(isDeparted !== undefined ? { isDeparted } : {}),
    });
    io.stdout(options.json ? `${JSON.stringify(ubnReportJson(report), null, 2)}\n` : ubnReportText(report));
    return 0;
  } catch (error) {
    io.stderr(`steward report: ${describeFailure(error)}\n`);
    return 2;
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof ReportError) return error.message;
  if (isConduitError(error)) {
    switch (error.kind) {
      case 'invalid-token':
        return `the instance refused the API token (${(error.info ?? error.code ?? 'no details').replace(/\.$/, '')}). Pass the token of an active account with --token; create one under Settings > Conduit API Tokens.`;
      case 'network':
        return `${error.userMessage.replace(/ and the instance address in Steward's options/, '')} Check --instance and that the server is running.`;
      case 'malformed':
        return `${error.userMessage} Is --instance the address of a Phabricator or Phorge?`;
      default:
        return error.userMessage;
    }
  }
  return `unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await runReport(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  process.exitCode = code;
}
