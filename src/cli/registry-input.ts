// Reading an owners registry or a Developers/Maintainers page from a file or an http(s) URL, for
// every command that takes one (`coverage`, `report --registry`): the same size limit, the same
// timeout, and the same test of what kind of text it is, so the commands never disagree about a file.
import { readFile, stat } from 'node:fs/promises';
import { detectRegistrySource } from '../core/registry/detect-source';
import { formatProblem, type ReadResult } from '../core/registry/errors';
import { MAX_REGISTRY_BYTES as MAX_INPUT_BYTES } from '../core/registry/limits';
import { importMaintainersPage } from '../core/registry/maintainers-page';
import { parseRegistryText } from '../core/registry/parse';
import type { RegistryData } from '../core/registry/types';
import { withoutUserinfo } from './printable';

export { MAX_INPUT_BYTES };
const FETCH_TIMEOUT_MS = 20_000;

/** The input cannot be read or is not a registry; the message names it and says why. */
export class InputError extends Error {}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
};

export interface LoadedInput {
  label: string;
  text: string;
  modified: number | null;
}

function unreachable(url: URL, e: unknown): InputError {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  const why =
    (e as Error).name === 'TimeoutError'
      ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s`
      : code && NETWORK_ERRORS[code]
        ? `${NETWORK_ERRORS[code]} (${code})`
        : (code ?? cause?.message ?? (e as Error).message);
  return new InputError(`cannot reach ${url.href}: ${why}`);
}

/** The body up to the limit; a server may leave out or understate Content-Length. */
async function readCapped(response: Response, label: string): Promise<Uint8Array[]> {
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
      throw new InputError(tooBig(label, size, true));
    }
    chunks.push(value);
  }
  return chunks;
}

async function loadUrl(given: URL, fetchImpl: typeof fetch): Promise<LoadedInput> {
  // A user name and password in the address go as Basic authorization (Node's fetch refuses such an
  // address), and every message names the address without them: they would end up in a CI log.
  const url = new URL(given.href);
  url.username = '';
  url.password = '';
  const headers: Record<string, string> = {};
  if (given.username !== '' || given.password !== '') {
    const user = `${decodeURIComponent(given.username)}:${decodeURIComponent(given.password)}`;
    headers.authorization = `Basic ${Buffer.from(user).toString('base64')}`;
  }
  let response: Response;
  try {
    response = await fetchImpl(url, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      redirect: 'follow',
      headers,
    });
  } catch (e) {
    throw unreachable(url, e);
  }
  if (!response.ok)
    throw new InputError(`${url.href} answered HTTP ${response.status} ${response.statusText}`.trim());
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > MAX_INPUT_BYTES) {
    await response.body?.cancel();
    throw new InputError(tooBig(url.href, declared));
  }
  let chunks: Uint8Array[];
  try {
    chunks = await readCapped(response, url.href);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw unreachable(url, e);
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

async function loadFile(path: string): Promise<LoadedInput> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Quoted like an address: a mistyped one ("https:/user:password@…") lands here as a path.
    const shown = withoutUserinfo(path);
    throw new InputError(
      code === 'ENOENT'
        ? `${shown}: no such file`
        : `${shown}: cannot read (${code ?? (e as Error).message})`,
    );
  }
  if (!info.isFile()) throw new InputError(`${withoutUserinfo(path)}: not a file`);
  if (info.size > MAX_INPUT_BYTES) throw new InputError(tooBig(withoutUserinfo(path), info.size));
  return { label: path, text: await readFile(path, 'utf8'), modified: Math.floor(info.mtimeMs / 1000) };
}

/** A file path or an http(s) URL, read whole (at most MAX_INPUT_BYTES, a URL within FETCH_TIMEOUT_MS). */
export async function loadInput(input: string, fetchImpl: typeof fetch = fetch): Promise<LoadedInput> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new InputError(`${withoutUserinfo(input)}: not a valid URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new InputError(`${withoutUserinfo(input)}: only http(s) URLs are supported`);
    return loadUrl(url, fetchImpl);
  }
  return loadFile(input);
}

/** The registry the text holds, whichever of the accepted kinds it is; InputError when it is none. */
export function readInput(loaded: LoadedInput): { registry: RegistryData; warnings: string[] } {
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
