// What every command that asks an instance does around its own work: --help, the connection and its
// token, the clock (--now), output that never shows the token, and exit 2 with one line on any failure.
import type { Epoch } from '../core/model';
import { connect, type Connection } from './connect';
import { describeFailure, UsageError } from './failure';
import { printableLines } from './printable';
import type { Env } from './token';
import { maskTokenShapes, redact } from './token';

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

// Date.parse takes far more than ISO 8601 ("Nov 26" is 2001-11-26 in V8) and reads a time without an
// offset as local time: a gate evaluated at the wrong time passes, so only this form is taken.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/i;

/** --now as epoch seconds; null when it is not given. */
export function parseNowOption(value: string | undefined): Epoch | null {
  if (value === undefined) return null;
  const match = ISO_DATE_TIME.exec(value.trim());
  if (match === null) {
    throw new UsageError(
      `--now "${value}" is not an ISO 8601 date-time with Z or an offset, e.g. 2026-11-26T13:44:28Z or 2026-11-26T14:44:28+01:00`,
    );
  }
  const at = isoEpoch(match);
  if (at === null) throw new UsageError(`--now "${value}" is not a real date and time`);
  return at;
}

/** The matched date-time in epoch seconds; null when a field is out of range (Feb 30, 24:00, +25:00). */
function isoEpoch(match: RegExpExecArray): Epoch | null {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
    .slice(1, 7)
    .map((f) => Number(f ?? 0));
  const [offsetHours, offsetMinutes] = [Number(match[10] ?? 0), Number(match[11] ?? 0)];
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls an impossible field over into the next one: reading the fields back catches it.
  const roundTrips =
    local.getUTCFullYear() === year &&
    local.getUTCMonth() === month - 1 &&
    local.getUTCDate() === day &&
    local.getUTCHours() === hour &&
    local.getUTCMinutes() === minute &&
    local.getUTCSeconds() === second;
  if (!roundTrips || offsetHours > 23 || offsetMinutes > 59) return null;
  const offsetSeconds = (match[9] === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  return Math.floor(local.getTime() / 1000) - offsetSeconds;
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

/** Whether the token would leave this machine unencrypted: http to anything but the machine itself. */
function sentInClear(baseUrl: string): boolean {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return !(host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host));
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
  // Phorge quotes a refused token in its error text: nothing printed may contain it. Errors may
  // quote the command line before any token is known, so they mask whatever looks like one too.
  const stdout = (text: string) => io.stdout(redact(text, token));
  const stderr = (text: string) => io.stderr(printableLines(maskTokenShapes(redact(text, token))));
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
    if (sentInClear(connection.baseUrl))
      stderr(
        `steward ${name}: warning: ${connection.baseUrl} is plain http, so the API token from ${tokenFrom} crosses the network unencrypted; use its https address if it has one.\n`,
      );
    const now = options.now ?? io.now?.() ?? Math.floor(Date.now() / 1000);
    return await work({ options, connection, now, fetch: fetchImpl, stdout, stderr });
  } catch (error) {
    stderr(`steward ${name}: ${describeFailure(error, tokenFrom)}\n`);
    return 2;
  }
}
