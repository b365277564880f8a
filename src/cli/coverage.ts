// Registry coverage report, for the people who keep an owners registry (and for its CI):
//
//   steward coverage <file-or-URL> [<file-or-URL> ...] [--json]
//
// Each input is a native registry (JSON or YAML) or a Developers/Maintainers page (MediaWiki API
// JSON, parser HTML or wikitext), saved or fetched over http(s). Several inputs are merged, first
// wins, and their disagreements are listed. Inputs larger than MAX_INPUT_BYTES are refused.
// Exit status: 0 covered, 1 a critical component is under-covered, 2 bad input, usage or a crash.
import { coverageReport, type CoverageReport } from '../core/ownership/coverage';
import { mergeRegistries } from '../core/registry/merge';
import type { RegistryData } from '../core/registry/types';
import { printable, printableJson, printableLines } from './printable';
import { InputError, loadInput, MAX_INPUT_BYTES, readInput } from './registry-input';
import { maskTokenShapes } from './token';

const USAGE = `usage: steward coverage <file-or-URL> [<file-or-URL> ...] [--json]

Reads an owners registry (JSON or YAML) or a Developers/Maintainers page (MediaWiki API reply,
HTML or wikitext; a file or an http(s) URL, at most ${MAX_INPUT_BYTES / 1024 / 1024} MB each) and prints
every component's stewards, maintainers and flags (unassigned, departed, volunteer-only,
under-covered), then a summary. Several inputs are merged; the first wins and conflicts are listed.

  --json   print one JSON object {"components": [...], "summary": {...}}

Exit status: 0 ok, 1 a critical component is under-covered, 2 bad input, usage or a failure.`;

/** A list of registry values on one line; none of them can start a line of its own. */
const listText = (values: readonly string[]) => values.map(printable).join(', ') || '-';

function printText(report: CoverageReport, registry: RegistryData): string {
  const lines: string[] = [];
  report.components.forEach((c, i) => {
    const critical = registry.components[i]?.critical ? '  [critical]' : '';
    lines.push(`${printable(c.name)}${critical}`);
    lines.push(`  stewards:    ${listText(c.stewards)}`);
    lines.push(`  maintainers: ${listText(c.maintainers)}`);
    lines.push(`  flags:       ${listText(c.flags)}`);
  });
  const s = report.summary;
  lines.push('');
  lines.push(
    `Summary: ${s.components} components, ${s.owned} owned, ${s.unassigned} unassigned, ` +
      `${s.criticalUnderCovered} critical under-covered (${s.departed} departed, ${s.volunteerOnly} volunteer-only)`,
  );
  for (const conflict of registry.conflicts) {
    const claims = conflict.claims
      .map(
        (c) =>
          `"${printable(c.value)}" (${printable(c.provenance.source)}, ${printable(c.provenance.location)})`,
      )
      .join(' vs ');
    lines.push(`Conflict: ${printable(conflict.name)} ${printable(conflict.field)}: ${claims}`);
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
  const err = (text: string) => io.stderr(printableLines(maskTokenShapes(text)));
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
    for (const input of inputs) read_.push(readInput(await loadInput(input)));
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
