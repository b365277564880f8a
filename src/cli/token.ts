// Where a command finds its Conduit API token: --token, then $CONDUIT_TOKEN, then Arcanist's own
// ~/.arcrc, so that a pipeline need not put the token in a process list or a CI log. The token is
// never printed: messages name where it came from, and every output line is redacted (Phorge echoes
// a refused token in its error text).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

export interface FoundToken {
  token: string;
  /** Where it came from, for messages: "--token", "CONDUIT_TOKEN" or "~/.arcrc (https://…/api/)". */
  from: string;
}

/** The user can fix it; printed as one line. */
export class TokenError extends Error {}

const NO_TOKEN = (baseUrl: string) =>
  `no API token for ${baseUrl}: pass --token, set CONDUIT_TOKEN, or add the instance to ~/.arcrc ` +
  `(arc install-certificate ${baseUrl}/). Create a token under Settings > Conduit API Tokens.`;

function originOf(key: string): string | null {
  try {
    return new URL(key).origin;
  } catch {
    return null;
  }
}

/** Arcanist's "hosts" map is keyed by API URLs ("https://phab.example.org/api/"); any path matches. */
function arcrcToken(text: string, baseUrl: string): FoundToken | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse quotes the text near the error, which may be the token itself: say only where.
    throw new TokenError('~/.arcrc is not valid JSON; fix it or pass the token with CONDUIT_TOKEN');
  }
  const hosts = (parsed as { hosts?: unknown } | null)?.hosts;
  if (typeof hosts !== 'object' || hosts === null) return null;
  const keys = Object.keys(hosts).filter((key) => originOf(key) === baseUrl);
  // The exact key Arcanist writes first, then any other spelling of the same instance.
  keys.sort(
    (a, b) => Number(b.replace(/\/+$/, '').endsWith('/api')) - Number(a.replace(/\/+$/, '').endsWith('/api')),
  );
  for (const key of keys) {
    const token = (hosts as Record<string, { token?: unknown } | null>)[key]?.token;
    if (typeof token === 'string' && token.trim() !== '')
      return { token: token.trim(), from: `~/.arcrc (${key})` };
  }
  if (keys.length > 0) {
    throw new TokenError(
      `~/.arcrc has an entry for ${keys[0]} but no API token in it; run arc install-certificate ${baseUrl}/ or pass CONDUIT_TOKEN`,
    );
  }
  return null;
}

export async function findToken(baseUrl: string, flag: string | undefined, env: Env): Promise<FoundToken> {
  if (flag !== undefined) {
    if (flag.trim() === '') throw new TokenError('--token is empty');
    return { token: flag.trim(), from: '--token' };
  }
  const fromEnv = env.CONDUIT_TOKEN?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return { token: fromEnv, from: 'CONDUIT_TOKEN' };
  const home = env.HOME ?? env.USERPROFILE;
  if (home === undefined || home === '') throw new TokenError(NO_TOKEN(baseUrl));
  let text: string;
  try {
    text = await readFile(join(home, '.arcrc'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new TokenError(NO_TOKEN(baseUrl));
    throw new TokenError(
      `cannot read ~/.arcrc (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    );
  }
  const found = arcrcToken(text, baseUrl);
  if (found === null) throw new TokenError(NO_TOKEN(baseUrl));
  return found;
}

/** Output with every occurrence of the token replaced; short strings are no secret worth hiding. */
export function redact(text: string, token: string | null): string {
  if (token === null || token.length < 8) return text;
  return text.split(token).join(`${token.slice(0, 4)}…`);
}

// A Conduit token: its type ("api" from Settings, "cli" written by `arc install-certificate` into
// ~/.arcrc, "clr") and 28 lowercase letters and digits.
const TOKEN_SHAPE = /(api|cli|clr)-[a-z0-9]{28}/g;

/**
 * Text with anything shaped like a Conduit token masked, for what goes to standard error: a usage
 * error quotes a stray argument (a token pasted without --token) before any token is known.
 */
export function maskTokenShapes(text: string): string {
  return text.replace(TOKEN_SHAPE, '$1-…');
}
