// Registry coverage report, for the people who keep an owners registry (and for its CI):
//
//   steward coverage <file-or-URL> [<file-or-URL> ...] [--json]
//
// Each input is a native registry (JSON or YAML) or a Developers/Maintainers page (MediaWiki API
// JSON, parser HTML or wikitext), saved or fetched over http(s). Several inputs are merged, first
// wins, and their disagreements are listed. Inputs larger than MAX_INPUT_BYTES are refused.
// Exit status: 0 covered, 1 a critical component is under-covered, 2 bad input, usage or a crash.
import { readFile, stat } from 'node:fs/promises';
import { coverageReport, type CoverageReport } from '../core/ownership/coverage';
import { detectRegistrySource } from '../core/registry/detect-source';
import { formatProblem, type ReadResult } from '../core/registry/errors';
import { importMaintainersPage } from '../core/registry/maintainers-page';
import { mergeRegistries } from '../core/registry/merge';
import { parseRegistryText } from '../core/registry/parse';
import type { RegistryData } from '../core/registry/types';

export { MAX_REGISTRY_BYTES as MAX_INPUT_BYTES } from '../core/registry/limits';
import { MAX_REGISTRY_BYTES as MAX_INPUT_BYTES } from '../core/registry/limits';
import { printableJson, printableLines } from './printable';
const FETCH_TIMEOUT_MS = 20_000;

const USAGE = `usage: steward coverage <file-or-URL> [<file-or-URL> ...] [--json]

Reads an owners registry (JSON or YAML) or a Developers/Maintainers page (MediaWiki API reply,
HTML or wikitext; a file or an http(s) URL, at most ${MAX_INPUT_BYTES / 1024 / 1024} MB each) and prints
every component's stewards, maintainers and flags (unassigned, departed, volunteer-only,
under-covered), then a summary. Several inputs are merged; the first wins and conflicts are listed.

  --json   print one JSON object {"components": [...], "summary": {...}}

Exit status: 0 ok, 1 a critical component is under-covered, 2 bad input, usage or a failure.`;

class InputError extends Error {}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
};

interface Loaded {
  label: string;
  text: string;
  modified: number | null;
}

async function loadUrl(url: URL): Promise<Loaded> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code;
    const why =
      (e as Error).name === 'TimeoutError'
        ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s`
        : code && NETWORK_ERRORS[code]
          ? `${NETWORK_ERRORS[code]} (${code})`
          : (code ?? cause?.message ?? (e as Error).message);
    throw new InputError(`cannot reach ${url.href}: ${why}`);
  }
  if (!response.ok)
    throw new InputError(`${url.href} answered HTTP ${response.status} ${response.statusText}`.trim());
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > MAX_INPUT_BYTES) {
    await response.body?.cancel();
    throw new InputError(tooBig(url.href, declared));
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (;;) {
    if (!reader) break;
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_INPUT_BYTES) {
      await reader.cancel();
      throw new InputError(tooBig(url.href, size, true));
    }
    chunks.push(value);
  }
  const lastModified = Date.parse(response.headers.get('last-modified') ?? '');
  return {
    label: url.href,
    text: new TextDecoder().decode(Buffer.concat(chunks)),
    modified: Number.isFinite(lastModified) ? Math.floor(lastModified / 1000) : null,
  };
}

function tooBig(label: string, bytes: number, streaming = false): string {
  const limit = `${MAX_INPUT_BYTES / 1024 / 1024} MB limit for a registry or Maintainers page`;
  // While streaming we stop reading at the limit, so the real size is unknown.
  if (streaming) return `${label} is larger than the ${limit}`;
  return `${label} is ${(bytes / 1024 / 1024).toFixed(1)} MB, over the ${limit}`;
}

async function loadFile(path: string): Promise<Loaded> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? (e as Error).message})`,
    );
  }
  if (!info.isFile()) throw new InputError(`${path}: not a file`);
  if (info.size > MAX_INPUT_BYTES) throw new InputError(tooBig(path, info.size));
  return { label: path, text: await readFile(path, 'utf8'), modified: Math.floor(info.mtimeMs / 1000) };
}

async function load(input: string): Promise<Loaded> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new InputError(`${input}: not a valid URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new InputError(`${input}: only http(s) URLs are supported`);
    return loadUrl(url);
  }
  return loadFile(input);
}

function read(loaded: Loaded): { registry: RegistryData; warnings: string[] } {
  if (loaded.text.trim() === '') throw new InputError(`${loaded.label}: the file is empty`);
  const kind = detectRegistrySource(loaded.text);
  const result: ReadResult<RegistryData> =
    kind === 'maintainers-page'
      ? importMaintainersPage(loaded.text, { revisionTime: loaded.modified })
      : parseRegistryText(loaded.text, {
          source: loaded.label,
          format: kind === 'native-json' ? 'json' : 'yaml',
          revisionTime: loaded.modified,
        });
  const warnings = result.warnings.map((w) => formatProblem(w, loaded.label));
  if (!result.ok) {
    const [first, ...rest] = result.errors.map((e) => formatProblem(e, loaded.label));
    const what = kind === 'maintainers-page' ? 'Maintainers page' : 'registry';
    throw new InputError(
      [`invalid ${what}: ${first ?? 'unknown problem'}`, ...rest.map((r) => `  ${r}`)].join('\n'),
    );
  }
  return { registry: result.value, warnings };
}

function printText(report: CoverageReport, registry: RegistryData): string {
  const lines: string[] = [];
  report.components.forEach((c, i) => {
    const critical = registry.components[i]?.critical ? '  [critical]' : '';
    lines.push(`${c.name}${critical}`);
    lines.push(`  stewards:    ${c.stewards.join(', ') || '-'}`);
    lines.push(`  maintainers: ${c.maintainers.join(', ') || '-'}`);
    lines.push(`  flags:       ${c.flags.join(', ') || '-'}`);
  });
  const s = report.summary;
  lines.push('');
  lines.push(
    `Summary: ${s.components} components, ${s.owned} owned, ${s.unassigned} unassigned, ` +
      `${s.criticalUnderCovered} critical under-covered (${s.departed} departed, ${s.volunteerOnly} volunteer-only)`,
  );
  for (const conflict of registry.conflicts) {
    const claims = conflict.claims
      .map((c) => `"${c.value}" (${c.provenance.source}, ${c.provenance.location})`)
      .join(' vs ');
    lines.push(`Conflict: ${conflict.name} ${conflict.field}: ${claims}`);
  }
  return lines.join('\n') + '\n';
}

export interface CoverageIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CoverageIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Exit status: 0 covered, 1 a critical component is under-covered, 2 bad input, usage or a crash. */
export async function runCoverage(argv: string[], io: CoverageIo = processIo): Promise<number> {
  // Names, flags and messages come from the registry: nothing it holds may reach the terminal raw.
  const out = (text: string) => io.stdout(printableLines(text));
  const err = (text: string) => io.stderr(printableLines(text));
  try {
    return await coverage(argv, { stdout: out, stderr: err, json: io.stdout });
  } catch (e) {
    // A crash must not look like "under-covered" (1) to CI: one line, exit 2.
    const why = e instanceof Error ? e.message : String(e);
    err(`coverage: unexpected failure: ${why.split('\n')[0] ?? ''}\n`);
    return 2;
  }
}

async function coverage(argv: string[], io: CoverageIo & { json: (text: string) => void }): Promise<number> {
  const { stdout: out, stderr: err } = io;
  const json = argv.includes('--json');
  if (argv.includes('--help') || argv.includes('-h')) {
    out(USAGE + '\n');
    return 0;
  }
  const unknown = argv.filter((a) => a.startsWith('-') && a !== '--json' && a !== '-');
  const inputs = argv.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || inputs.length === 0) {
    err(`coverage: ${unknown.length ? `unknown option ${unknown[0]}` : 'no input given'}\n${USAGE}\n`);
    return 2;
  }
  try {
    const read_ = [];
    for (const input of inputs) read_.push(read(await load(input)));
    for (const r of read_) for (const w of r.warnings) err(`coverage: warning: ${w}\n`);
    const registry = read_.length === 1 ? read_[0]!.registry : mergeRegistries(read_.map((r) => r.registry));
    const report = coverageReport(registry);
    if (json) {
      const result = registry.conflicts.length > 0 ? { ...report, conflicts: registry.conflicts } : report;
      io.json(printableJson(result));
    } else {
      out(printText(report, registry));
    }
    return report.summary.criticalUnderCovered > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof InputError) {
      err(`coverage: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
