// `npm run bench`: runs every bench/*.bench.ts in its own process, prints one table, and with --json
// writes the figures and the machine they were measured on to bench/results/latest.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release, platform } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

interface Metric {
  label: string;
  value: number;
  unit: string;
}
interface BenchResult {
  name: string;
  description: string;
  metrics: Metric[];
}

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const root = resolve(import.meta.dirname, '..');
const files = readdirSync(resolve(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !values.only || f.includes(values.only))
  .sort();

function browserVersion(path: string): string | null {
  try {
    return execFileSync(path, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  os: `${platform()} ${release()}`,
  node: process.version,
  chromium: browserVersion(process.env.STEWARD_CHROMIUM ?? '/usr/bin/chromium'),
  firefox: browserVersion(process.env.STEWARD_FIREFOX ?? '/usr/bin/firefox-esr'),
  date: new Date().toISOString(),
};

/** Whether a browser process is still running (one a bench launched, exiting). */
function browserRunning(): boolean {
  try {
    execFileSync('pgrep', ['-f', 'chromium|firefox'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Between two benches: the browser a bench closed takes a moment to exit, and the next bench's figures
 * would carry its work. Waits for it (at most 15 s: a browser of the user's own may be open) and a second.
 */
function settle(): void {
  const until = Date.now() + 15_000;
  while (browserRunning() && Date.now() < until) execFileSync('sleep', ['0.5']);
  execFileSync('sleep', ['1']);
}

const results: (BenchResult & { file: string; error?: string })[] = [];
for (const [n, file] of files.entries()) {
  if (n > 0) settle();
  process.stderr.write(`bench: ${file}\n`);
  try {
    const out = execFileSync(
      process.execPath,
      [
        resolve(root, 'node_modules/tsx/dist/cli.mjs'),
        resolve(root, 'bench', file),
        ...(values.quick ? ['--quick'] : []),
      ],
      {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const line =
      out
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop() ?? '';
    results.push({ ...(JSON.parse(line) as BenchResult), file });
  } catch (error) {
    results.push({
      file,
      name: file,
      description: '',
      metrics: [],
      error: error instanceof Error ? error.message.split('\n')[0] : String(error),
    });
  }
}

const rows: string[][] = [['benchmark', 'metric', 'value', 'unit']];
for (const r of results) {
  if (r.error) rows.push([r.name, 'FAILED', r.error, '']);
  for (const m of r.metrics)
    rows.push([r.name, m.label, Number.isInteger(m.value) ? String(m.value) : m.value.toFixed(3), m.unit]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
console.log(
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`,
);
console.log(`Browsers: ${machine.chromium ?? 'no Chromium'}; ${machine.firefox ?? 'no Firefox'}\n`);
for (const [i, row] of rows.entries()) {
  console.log(
    row.map((cell, c) => (c === 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  '),
  );
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
if (values.json) {
  mkdirSync(resolve(root, 'bench/results'), { recursive: true });
  const path = resolve(root, 'bench/results/latest.json');
  writeFileSync(path, `${JSON.stringify({ machine, results }, null, 2)}\n`);
  console.log(`\nwrote ${path}`);
}
process.exitCode = results.some((r) => r.error) ? 1 : 0;
