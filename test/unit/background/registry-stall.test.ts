// A registry server that never answers, or sends its headers and then trickles the body forever,
// must not hold the worker's registry refresh (which is serialised: every later refresh, an edited inline
// registry included, queues behind it). Within a bounded time the refresh ends with a clear error and the
// last good copy stays in use. Fake timers stand in for the minutes of waiting; the fetch stand-in honours
// its AbortSignal as a real fetch does (aborting rejects the fetch and errors a body being read).
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import type { refreshRegistry as RefreshRegistry } from '../../../src/background/registry';
import type { parseSettings as ParseSettings } from '../../../src/shared/settings';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  return { default: createFakeBrowser().browser };
});

// Each test loads the worker's modules afresh: a refresh left hanging by one test must not
// queue the next test's refreshes behind it.
let refreshRegistry: typeof RefreshRegistry;
let parseSettings: typeof ParseSettings;

const good = readFileSync(new URL('../../fixtures/registry/example.yaml', import.meta.url), 'utf8');

function settingsWith(sources: unknown[]) {
  const result = parseSettings({ version: 1, registry: { sources } });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.settings;
}
const remote = {
  kind: 'url',
  id: 'remote',
  name: 'Team file',
  url: 'https://registry.example.org/owners.yaml',
};

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** A server that accepts the connection and never sends headers. */
function neverAnswers(_url: unknown, init?: RequestInit): Promise<Response> {
  return new Promise<Response>((_resolve, reject) => {
    const signal = init?.signal;
    if (signal) signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
  });
}

/** A server that sends headers and a first line, then nothing more, never closing the body. */
function trickles(_url: unknown, init?: RequestInit): Promise<Response> {
  let stream!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stream = controller;
      controller.enqueue(new TextEncoder().encode('components:\n'));
    },
  });
  const signal = init?.signal;
  if (signal) signal.addEventListener('abort', () => stream.error(abortError(signal)), { once: true });
  return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/yaml' } }));
}

/** Advances fake time up to `limitMs`, letting IndexedDB (setImmediate) run, until `done()` holds. */
async function advanceUntil(done: () => boolean, limitMs: number): Promise<void> {
  for (let waited = 0; waited <= limitMs && !done(); waited += 1000) {
    await vi.advanceTimersByTimeAsync(1000);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

beforeEach(async () => {
  vi.resetModules();
  ({ refreshRegistry } = await import('../../../src/background/registry'));
  ({ parseSettings } = await import('../../../src/shared/settings'));
  const { db } = await import('../../../src/background/db');
  await (await db()).clear('registry');
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function hangingRefresh(serve: typeof fetch) {
  const settings = settingsWith([remote]);
  // A first, good read: the last good copy.
  vi.spyOn(globalThis, 'fetch').mockImplementation(() =>
    Promise.resolve(new Response(good, { headers: { 'content-type': 'text/yaml' } })),
  );
  const [first] = await refreshRegistry(settings);
  expect(first?.error).toBeNull();
  expect(first?.data).not.toBeNull();

  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  // AbortSignal.timeout runs on node's own timers: make it follow the fake clock too, so a fix using it counts.
  vi.spyOn(AbortSignal, 'timeout').mockImplementation((ms: number) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms);
    return controller.signal;
  });
  vi.mocked(globalThis.fetch).mockImplementation(serve);

  let settled = false;
  const refresh = refreshRegistry(settings, true).finally(() => (settled = true));
  // Ten minutes: far beyond any reasonable timeout for a document of at most 5 MB.
  await advanceUntil(() => settled, 10 * 60_000);
  vi.useRealTimers();
  expect(settled, 'the refresh is still waiting for the registry server after 10 minutes').toBe(true);
  return refresh;
}

describe('a registry server that stalls', { timeout: 30_000 }, () => {
  it('a server that never answers ends the refresh in bounded time, keeping the last good copy', async () => {
    const [entry] = await hangingRefresh(neverAnswers as typeof fetch);
    expect(entry?.error).toMatch(/Team file/);
    expect(entry?.error).toMatch(/last good copy is used/);
    expect(entry?.data?.components.length).toBeGreaterThan(0);
  });

  it('a server that trickles its body forever ends the refresh in bounded time, keeping the last good copy', async () => {
    const [entry] = await hangingRefresh(trickles as typeof fetch);
    expect(entry?.error).toMatch(/Team file/);
    expect(entry?.error).toMatch(/last good copy is used/);
    expect(entry?.data?.components.length).toBeGreaterThan(0);
  });

  it('an edited inline registry is applied even while another source hangs', async () => {
    const inline = (text: string) => ({ kind: 'inline', id: 'inline', name: 'Pasted', text });
    const first = settingsWith([remote, inline('components:\n  - name: Old\n')]);
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(new Response(good)));
    await refreshRegistry(first);

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    vi.spyOn(AbortSignal, 'timeout').mockImplementation((ms: number) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms);
      return controller.signal;
    });
    vi.mocked(globalThis.fetch).mockImplementation(neverAnswers as typeof fetch);
    // The alarm's forced refresh hits the hung server...
    void refreshRegistry(first, true).catch(() => undefined);
    // ...then the user saves an edited inline document (settings/save refreshes the registry).
    const edited = settingsWith([remote, inline('components:\n  - name: New\n')]);
    let settled = false;
    const saved = refreshRegistry(edited).finally(() => (settled = true));
    await advanceUntil(() => settled, 10 * 60_000);
    vi.useRealTimers();
    expect(
      settled,
      'the edited inline registry is still queued behind the hung server after 10 minutes',
    ).toBe(true);
    const entries = await saved;
    expect(entries.find((e) => e.id === 'inline')?.data?.components.map((c) => c.name)).toEqual(['New']);
  });
});
