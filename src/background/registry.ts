// The owners registry as the worker keeps it: each configured source fetched, validated and cached with
// its last good copy; a failing source keeps that copy (marked stale) and says why.
import { tellAllTaskPages } from './open-pages';
import { formatProblem, type ReadResult } from '../core/registry/errors';
import { importMaintainersPageSteps } from '../core/registry/maintainers-page';
import { detectRegistrySource } from '../core/registry/detect-source';
import { mergeRegistries } from '../core/registry/merge';
import { parseRegistryTextSteps } from '../core/registry/parse';
import { runStepsWithPauses } from '../core/registry/steps';
import { buildRegistryIndex, type RegistryIndex } from '../core/registry/registry-index';
import type { RegistryData } from '../core/registry/types';
import type { PhabProject } from '../core/model';
import { internalRegistryHost, type RegistrySource, type Settings } from '../shared/settings';
import { hostPermissionPattern } from '../shared/host-pattern';
import browser from 'webextension-polyfill';
import type { OwnershipView } from '../messages';
import { db, type RegistryEntry } from './db';
import { nowSeconds } from './clock';

import { MAX_REGISTRY_BYTES } from '../core/registry/limits';
import { BodyTooLargeError, formatBytes, InvalidUtf8Error, readCappedText } from '../shared/capped-body';

/** Reads a source's text in stages, letting queued messages (a banner's question) run between them. */
async function readRegistryText(
  text: string,
  source: RegistrySource,
  revisionTime: number | null,
): Promise<ReadResult<RegistryData>> {
  if (text.length > MAX_REGISTRY_BYTES) {
    return {
      ok: false,
      errors: [
        {
          message: `the document is larger than ${MAX_REGISTRY_BYTES / 1024 / 1024} MB; Steward reads registries up to that size`,
        },
      ],
      warnings: [],
    };
  }
  const kind = source.kind === 'maintainers-page' ? 'maintainers-page' : detectRegistrySource(text);
  const steps =
    kind === 'maintainers-page'
      ? importMaintainersPageSteps(text, { source: source.name, revisionTime })
      : parseRegistryTextSteps(text, {
          source: source.name,
          revisionTime,
          format: kind === 'native-json' ? 'json' : 'yaml',
        });
  return runStepsWithPauses(steps, yieldToQueue);
}

/** Whether the address answers with a redirect (asked without following it, nor reading anything). */
async function redirects(url: string): Promise<boolean> {
  try {
    const probe = await fetch(url, {
      method: 'HEAD',
      credentials: 'omit',
      redirect: 'manual',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    return probe.type === 'opaqueredirect' || (probe.status >= 300 && probe.status < 400);
  } catch {
    return false;
  }
}

/** A whole read, answer and body: a server that stalls or trickles must not hold every later refresh. */
const FETCH_TIMEOUT_MS = 60_000;

function timedOut(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

async function fetchText(url: string): Promise<{ text: string; revisionTime: number | null }> {
  const host = new URL(url).host;
  const slow = () => new Error(`${host} did not send the document within ${FETCH_TIMEOUT_MS / 1000} s`);
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'omit',
      headers: { accept: 'application/json, text/yaml, text/plain, */*' },
      // A redirect is not followed: its target was never checked against the rules for registry
      // addresses (a public address answering 302 to a private one would take the browser, with the
      // extension's reach, inside the user's network). A browser does not say where a refused redirect
      // led, so the message asks for the document's own address.
      redirect: 'error',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    if (timedOut(error)) throw slow();
    if (await redirects(url))
      throw new Error(
        `${host} answered with a redirect, which Steward does not follow: enter the address of the document itself (open the address in a tab to see where it leads)`,
        { cause: error },
      );
    throw new Error(
      `could not reach ${host} (${error instanceof Error ? error.message : String(error)}); the server may be down or may not allow Steward to read it (CORS)`,
      { cause: error },
    );
  }
  if (!response.ok) throw new Error(`${host} answered HTTP ${response.status}`);
  const modified = response.headers.get('last-modified');
  let text: string;
  try {
    // Capped while it streams (a missing Content-Length must not mean "read it all"), and refused
    // when it is not UTF-8 rather than read with replacement characters.
    ({ text } = await readCappedText(response, MAX_REGISTRY_BYTES, { strictUtf8: true }));
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      throw new Error(
        `the document is larger than ${formatBytes(MAX_REGISTRY_BYTES)}, more than Steward reads`,
        { cause: error },
      );
    if (error instanceof InvalidUtf8Error)
      throw new Error(`${error.message}; save the file as UTF-8`, { cause: error });
    if (timedOut(error)) throw slow();
    throw error;
  }
  return { text, revisionTime: modified ? Math.floor(Date.parse(modified) / 1000) || null : null };
}

async function digestOf(text: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Lets messages queued behind a refresh (a banner's question) run between its stages. */
function yieldToQueue(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function signatureOf(source: RegistrySource): string {
  return source.kind === 'inline' ? 'inline' : `${source.kind} ${source.url}`;
}

/**
 * A registry address inside the user's network is read only from a host the user granted Steward
 * access to: the settings accept it because an instance lives there, but settings can come from a file
 * (or, in Firefox, a page's script writing storage) that names such an instance without the user ever
 * granting it, and every install would then fetch an internal address on a schedule.
 */
async function assertGranted(url: string): Promise<void> {
  const host = internalRegistryHost(url);
  if (host === null) return;
  const { protocol } = new URL(url);
  const patterns = [host, `${host}.`].map((name) => hostPermissionPattern(`${protocol}//${name}`));
  for (const pattern of patterns)
    if (await browser.permissions.contains({ origins: [pattern] }).catch(() => false)) return;
  throw new Error(
    `${host} is inside your network, and Steward reads a registry there only from the host of an instance you granted access to (Options → Phabricator instances → Grant access)`,
  );
}

async function loadSource(
  source: RegistrySource,
  previous: RegistryEntry | undefined,
): Promise<RegistryEntry> {
  const now = nowSeconds();
  const signature = signatureOf(source);
  const same = previous?.signature === signature ? previous : undefined;
  const keep = {
    id: source.id,
    name: source.name,
    signature,
    data: previous?.data ?? null,
    fetchedAt: previous?.fetchedAt ?? null,
    ...(previous?.dataDigest ? { dataDigest: previous.dataDigest } : {}),
  };
  try {
    if (source.kind !== 'inline') await assertGranted(source.url);
    const { text, revisionTime } =
      source.kind === 'inline' ? { text: source.text, revisionTime: null } : await fetchText(source.url);
    // The name is part of what was read: messages and provenance carry it.
    const digest = await digestOf(`${source.name}\u0000${text}`);
    // The same text as last time gives the same answer: keep it rather than parse again. A document
    // that failed (too large an expansion, a syntax error) is refused once, not at every poll.
    // Only an entry that stands for this very answer is reused: after a failure, the good document
    // coming back is read again, so that its own warnings are listed and the failure is forgotten.
    if (same && same.error !== null && digest === same.failedDigest) return { ...same, attemptedAt: now };
    if (same?.data && same.error === null && digest === same.dataDigest)
      return { ...same, fetchedAt: now, attemptedAt: now };
    await yieldToQueue();
    const result = await readRegistryText(text, source, revisionTime);
    await yieldToQueue();
    if (!result.ok) {
      return {
        ...keep,
        attemptedAt: now,
        error: `${source.name} did not validate; ${keep.data ? 'the last good copy is used' : 'it is not used'}`,
        problems: result.errors.map((p) => formatProblem(p)),
        failedDigest: digest,
      };
    }
    return {
      id: source.id,
      name: source.name,
      signature,
      data: result.value,
      fetchedAt: now,
      attemptedAt: now,
      error: null,
      problems: result.warnings.map((p) => formatProblem(p)),
      dataDigest: digest,
    };
  } catch (error) {
    return {
      ...keep,
      attemptedAt: now,
      error: `${source.name}: ${error instanceof Error ? error.message : String(error)}${keep.data ? '; the last good copy is used' : ''}`,
      problems: [],
    };
  }
}

// One refresh at a time: a second caller waits for the first, then runs with its own settings.
let running: Promise<unknown> = Promise.resolve();

/**
 * Fetches every enabled source that is due (or all, when forced) and stores the outcome. When a copy in use
 * changed, open task pages are told to ask again, or `onChange` is called for a caller that tells them
 * itself (a settings save, which may have more to tell them).
 */
export function refreshRegistry(
  settings: Settings,
  force = false,
  onChange?: () => void,
): Promise<RegistryEntry[]> {
  const run = running.then(
    () => refreshNow(settings, force, onChange),
    () => refreshNow(settings, force, onChange),
  );
  running = run.catch(() => undefined);
  return run;
}

async function refreshNow(
  settings: Settings,
  force: boolean,
  onChange: (() => void) | undefined,
): Promise<RegistryEntry[]> {
  const database = await db();
  // A source removed from the settings takes its stored copy with it (up to 5 MB each).
  const configured = new Set(settings.registry.sources.map((s) => s.id));
  for (const id of await database.getAllKeys('registry')) {
    if (configured.has(id)) continue;
    await database.delete('registry', id);
    remembered.delete(id);
  }
  const due = settings.registry.refreshHours * 3600;
  const entries: RegistryEntry[] = [];
  let changed = false;
  for (const source of settings.registry.sources.filter((s) => s.enabled)) {
    const previous = await database.get('registry', source.id);
    const fresh =
      previous?.attemptedAt != null &&
      nowSeconds() - previous.attemptedAt < due &&
      previous.signature === signatureOf(source);
    // An edited inline document must be read again at once, whatever the schedule says.
    const entry =
      !force && fresh && source.kind !== 'inline' && previous ? previous : await loadSource(source, previous);
    // Not due: the stored record stands as it is (megabytes, for a large registry), not written again.
    if (entry === previous) remembered.set(entry.id, entry);
    else if (entry.dataDigest !== previous?.dataDigest) changed = true;
    entries.push(entry === previous ? entry : await store(entry, previous));
  }
  // Open banners were answered with the copy before; a scheduled refresh is no settings change, and no
  // poll tells them either (their tasks did not move).
  if (changed && onChange) onChange();
  else if (changed) await tellAllTaskPages(settings.instances.map((i) => i.url)).catch(() => undefined);
  return entries;
}

// The stored sources as last written or read, per worker life: a page view reads the parsed registry
// (which can be megabytes) from IndexedDB once, not on every view. Every write goes through store().
const remembered = new Map<string, RegistryEntry>();

/** Forgets the remembered sources (after the store was changed behind this module: tests). */
export function forgetRememberedRegistry(): void {
  remembered.clear();
}

/**
 * Stores an outcome. If even that fails (storage full), the failure is what gets stored and shown, with
 * the last good copy (stored before, so it fits) still in use: a new copy that cannot be kept loses nothing.
 */
async function store(entry: RegistryEntry, previous: RegistryEntry | undefined): Promise<RegistryEntry> {
  const database = await db();
  try {
    await database.put('registry', entry);
    remembered.set(entry.id, entry);
    return entry;
  } catch (error) {
    const kept = previous?.data ?? null;
    const failed: RegistryEntry = {
      ...entry,
      data: kept,
      fetchedAt: previous?.fetchedAt ?? null,
      error: `${entry.name} could not be stored (${error instanceof Error ? error.message : String(error)}); ${kept ? 'the last good copy is used' : 'it is not used'}`,
      problems: [],
    };
    if (kept && previous?.dataDigest) failed.dataDigest = previous.dataDigest;
    else delete failed.dataDigest;
    await database.put('registry', failed).catch(() => undefined);
    remembered.set(failed.id, failed);
    return failed;
  }
}

/**
 * The registry as a task view or a poll needs it, from one read of the stored sources: their index and
 * their state. Sources never loaded before (a fresh install or a new source) are loaded first, without
 * waiting for the schedule.
 */
export async function registryFor(
  settings: Settings,
  projects: PhabProject[],
): Promise<{
  index: RegistryIndex | null;
  sources: OwnershipView['registry']['sources'];
  /** What the answer depends on (each source's content digest and trouble), not when it was last read. */
  basis: string;
}> {
  let entries = await registryEntries(settings);
  if (entries.length < settings.registry.sources.filter((s) => s.enabled).length) {
    const refresh = refreshRegistry(settings);
    // With a last good copy the answer comes from it at once; only a registry that never loaded
    // (nothing to show yet) waits for the first read.
    if (entries.some((e) => e.data !== null)) {
      void refresh.catch(() => undefined);
    } else {
      await refresh;
      entries = await registryEntries(settings);
    }
  }
  return {
    index: registryIndex(settings, entries, projects),
    sources: entries.map(sourceState),
    basis: JSON.stringify(entries.map((e) => [e.id, e.dataDigest ?? e.fetchedAt, e.error])),
  };
}

async function registryEntries(settings: Settings): Promise<RegistryEntry[]> {
  const enabled = settings.registry.sources.filter((s) => s.enabled);
  const unread = enabled.filter((s) => !remembered.has(s.id));
  if (unread.length > 0) {
    const database = await db();
    const read = await Promise.all(unread.map((s) => database.get('registry', s.id)));
    // A store() that landed meanwhile is newer than what this read saw.
    for (const entry of read) if (entry && !remembered.has(entry.id)) remembered.set(entry.id, entry);
  }
  return enabled.flatMap((s) => {
    const entry = remembered.get(s.id);
    return entry ? [entry] : [];
  });
}

/** A source's name, age and trouble, as the banner states where ownership came from. */
function sourceState(entry: RegistryEntry): OwnershipView['registry']['sources'][number] {
  return { name: entry.name, fetchedAt: entry.fetchedAt, stale: isStale(entry), error: entry.error };
}

export function isStale(entry: RegistryEntry): boolean {
  return entry.error !== null;
}

// The index is derived data: built lazily once per worker life and per set of stored copies (their
// digests), never stored; a refresh that changes nothing keeps it. One per project list, for a few lists:
// two Phabricators (two project lists) polled side by side must not rebuild each other's index by turns.
const indexes = new Map<string, RegistryIndex>();
const MAX_INDEXES = 4;

// What of a project list the index depends on (PHIDs, names, slugs), as one short hash: the count alone
// would let two instances, or a renamed project, share an index built for another list.
const fingerprints = new WeakMap<PhabProject[], string>();
function projectsFingerprint(projects: PhabProject[]): string {
  const known = fingerprints.get(projects);
  if (known !== undefined) return known;
  let hash = 0x811c9dc5;
  for (const p of projects) {
    const text = `${p.phid}\u0000${p.name}\u0000${p.slug ?? ''}\u0001`;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  const value = `${projects.length}:${(hash >>> 0).toString(36)}`;
  fingerprints.set(projects, value);
  return value;
}

/** The index over the stored sources that have data, reused while sources, overrides and projects stay. */
export function registryIndex(
  settings: Settings,
  stored: RegistryEntry[],
  projects: PhabProject[],
): RegistryIndex | null {
  const entries = stored.filter((e) => e.data !== null);
  if (entries.length === 0) return null;
  const registryKey = JSON.stringify([
    entries.map((e) => [e.id, e.dataDigest ?? e.fetchedAt]),
    settings.registry.overrides,
    settings.registry.sources.map((s) => s.id),
  ]);
  const key = `${projectsFingerprint(projects)} ${registryKey}`;
  const kept = indexes.get(key);
  if (kept) return kept;
  const datas = entries.map((e) => e.data as RegistryData);
  const merged = datas.length === 1 ? datas[0]! : mergeRegistries(datas);
  const value = buildRegistryIndex(merged, { projects, overrides: settings.registry.overrides });
  // Indexes of another copy of the sources are done with; of the rest, the oldest goes first.
  for (const other of indexes.keys()) if (!other.endsWith(` ${registryKey}`)) indexes.delete(other);
  if (indexes.size >= MAX_INDEXES) indexes.delete(indexes.keys().next().value!);
  indexes.set(key, value);
  return value;
}
