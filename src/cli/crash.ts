// The one line a crash prints. A crash can quote anything (a request's parameters, a reply Phorge
// echoed), so every Conduit API token is masked: the known one (from --token or CONDUIT_TOKEN) and
// anything shaped like one.
import { printableLines } from './printable';
import { maskTokenShapes, redact } from './token';

/** The token this run was given, as the command line or the environment holds it; null if none. */
function knownToken(argv: readonly string[], env: Record<string, string | undefined>): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--token') return argv[i + 1]?.trim() || null;
    if (arg.startsWith('--token=')) return arg.slice('--token='.length).trim() || null;
  }
  return env['CONDUIT_TOKEN']?.trim() || null;
}

export function crashLine(
  error: unknown,
  argv: readonly string[],
  env: Record<string, string | undefined>,
): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? '';
  const masked = maskTokenShapes(redact(first, knownToken(argv, env)));
  return `steward: unexpected failure: ${printableLines(masked)}\n`;
}
