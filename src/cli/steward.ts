// The `steward` command: one bin, one subcommand per job. Built to build/cli/steward.js (plain
// node, no TypeScript at run time) by scripts/build-cli.ts; `npm run report|coverage|gate` run
// this file through tsx in a checkout.
import { runCoverage } from './coverage';
import { runGate } from './gate';
import { crashLine } from './crash';
import { printable } from './printable';
import { runReport } from './report';
import { maskTokenShapes } from './token';

const COMMANDS = {
  gate: {
    summary: 'for deployment pipelines: exit 1 while an open UBN! task has no process owner past rule 1',
    run: runGate,
  },
  report: {
    summary: 'every open Unbreak Now! task with its escalation age, process owner and stale rules',
    run: runReport,
  },
  coverage: {
    summary: "an owners registry's components, stewards and gaps (exit 1: critical under-covered)",
    run: runCoverage,
  },
} as const;

type Command = keyof typeof COMMANDS;

const USAGE = `usage: steward <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
  .join('\n')}

Run "steward <command> --help" for a command's options and exit statuses.
Exit status 2 always means a usage error or a failure, never a verdict.`;

interface StewardIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

async function runSteward(argv: string[], io: StewardIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic !== undefined && topic in COMMANDS) return COMMANDS[topic as Command].run(['--help'], io);
    (name === undefined ? io.stderr : io.stdout)(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  if (!(name in COMMANDS)) {
    // A token pasted in place of the command must not end up in a CI log.
    io.stderr(`steward: unknown command "${printable(maskTokenShapes(name))}"\n\n${USAGE}\n`);
    return 2;
  }
  return COMMANDS[name as Command].run(rest, io);
}

/** Whatever escapes a command is a crash: one line and exit 2, never 1, which is a verdict. */
function crash(error: unknown): void {
  process.stderr.write(crashLine(error, process.argv.slice(2), process.env));
  process.exit(2);
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

try {
  process.exitCode = await runSteward(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} catch (error) {
  crash(error);
}
