// What every command that asks an instance does around its own work: --help, the connection and its
// token, the clock (--now), output that never shows the token, and exit 2 with one line on any failure.
import type { Epoch } from '../core/model';
import { connect, type Connection } from './connect';
import { describeFailure, UsageError } from './failure';
import { printableLines } from './printable';
import type { Env } from './token';
import { redact } from './token';

export interface InstanceCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch?: typeof fetch;
  /** Wall clock in epoch seconds, when --now is not given. */
  now?: () => number;
  /** CONDUIT_TOKEN and HOME (for ~/.arcrc); process.env by default. */
  env?: Env;
}

/** The options every such command reads: the instance, an explicit token and --now. */
export interface InstanceOptions {
  instance: string;
  token: string | undefined;
  now: Epoch | null;
}

/** --now as epoch seconds; null when it is not given. */
export function parseNowOption(value: string | undefined): Epoch | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new UsageError(`--now "${value}" is not a time; write it as ISO 8601, e.g. 2026-11-26T13:44:28Z`);
  }
  return Math.floor(ms / 1000);
}

export interface InstanceRun<O> {
  options: O;
  connection: Connection;
  now: Epoch;
  fetch: typeof fetch;
  /** Standard output and error, with the token masked (and error's control characters shown). */
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs `work` for the command `name`; its result is the exit status, and any failure exits 2. */
export async function runInstanceCommand<O extends InstanceOptions>(
  name: string,
  argv: string[],
  io: InstanceCommandIo,
  usage: string,
  readOptions: (argv: string[]) => O | 'help',
  work: (run: InstanceRun<O>) => Promise<number>,
): Promise<number> {
  let token: string | null = null;
  let tokenFrom = 'the token';
  // Phorge quotes a refused token in its error text: nothing printed may contain it.
  const stdout = (text: string) => io.stdout(redact(text, token));
  const stderr = (text: string) => io.stderr(printableLines(redact(text, token)));
  try {
    const options = readOptions(argv);
    if (options === 'help') {
      stdout(usage);
      return 0;
    }
    const fetchImpl = io.fetch ?? fetch;
    const connection = await connect(options.instance, options.token, io.env ?? process.env, fetchImpl);
    token = connection.token.token;
    tokenFrom = connection.token.from;
    const now = options.now ?? io.now?.() ?? Math.floor(Date.now() / 1000);
    return await work({ options, connection, now, fetch: fetchImpl, stdout, stderr });
  } catch (error) {
    stderr(`steward ${name}: ${describeFailure(error, tokenFrom)}\n`);
    return 2;
  }
}
