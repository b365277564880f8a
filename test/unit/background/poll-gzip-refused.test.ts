// Behind a proxy that refuses gzipped request bodies (HTTP 415, as some nginx or Apache setups and WAFs
// answer a request with Content-Encoding), the first refused call is sent again plain, and the instance's
// bodies go plain for a day: in every later poll, also in a worker started afresh for it (the mark is kept
// with the poll's state, and read back by a worker woken by a page rather than a poll), not a refused
// gzipped request per poll per install.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';
import { TOKEN, ubnStandin } from './cost-support';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { pollInstance, pollState } = await import('../../../src/background/poll');
const { setClockOffset, nowSeconds } = await import('../../../src/background/clock');
const { clientFor } = await import('../../../src/background/instance-client');
const { writeToken } = await import('../../../src/background/secrets');
const { parseSettings } = await import('../../../src/shared/settings');
const { DEMO_REGISTRY } = await import('../../../scripts/demo/settings');
const { forgetPlainBodies } = await import('../../../src/background/plain-bodies');

const KEPT = 300;
let site: Standin;
let proxy: Server;
let proxyUrl: string;
/** Gzipped requests the proxy refused. */
let refused = 0;
let settings: Parameters<typeof pollInstance>[0];

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

/** A reverse proxy in front of the stand-in that answers 415 to any Content-Encoding on a request. */
function startProxy(target: string): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        if (req.headers['content-encoding']) {
          refused++;
          res.writeHead(415, { 'Content-Type': 'text/html' });
          res.end('<html><body><h1>415 Unsupported Media Type</h1></body></html>');
          return;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v;
        const upstream = await fetch(`${target}${req.url ?? '/'}`, {
          method: req.method ?? 'GET',
          headers,
          ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
          redirect: 'manual',
        });
        const out: Record<string, string> = {};
        for (const k of ['content-type', 'date', 'retry-after', 'x-conduit-capabilities', 'location'])
          if (upstream.headers.get(k) !== null) out[k] = upstream.headers.get(k)!;
        res.writeHead(upstream.status, out);
        res.end(Buffer.from(await upstream.arrayBuffer()));
      })();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A poll after `after` seconds; `newWorker`: the worker stopped since, and what it kept in memory is gone. */
async function poll(after: number, newWorker = false): Promise<number> {
  site.clock.advance(after);
  syncClock();
  if (newWorker) forgetPlainBodies(proxyUrl);
  const before = refused;
  const outcome = await pollInstance(settings, proxyUrl, { force: true });
  expect(outcome.state.connection).toBe('ok');
  return refused - before;
}

beforeAll(async () => {
  site = await ubnStandin(KEPT);
  proxy = await startProxy(site.url);
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: proxyUrl, authMode: 'token' }],
    watch: { allUbn: true },
    registry: {
      sources: [{ kind: 'inline', id: 'demo', name: 'Demo', text: readFileSync(DEMO_REGISTRY, 'utf8') }],
    },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  settings = parsed.settings;
  fake.current!.grant(proxyUrl);
  await writeToken(proxyUrl, TOKEN);
  syncClock();
  await pollInstance(settings, proxyUrl, { force: true });
});

afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await site.close();
});

describe('polls behind a proxy that refuses gzipped bodies', () => {
  it('are refused once (by the first poll), then go plain for a day, also in a new worker life', async () => {
    const perPoll = [await poll(300), await poll(300), await poll(300, true), await poll(300, true)];
    expect(perPoll).toEqual([0, 0, 0, 0]);
    expect(refused).toBe(1);
  });

  it('go plain in a worker life woken by a page view, before any poll of it', async () => {
    expect((await pollState(proxyUrl)).plainBodiesUntil).toBeGreaterThan(nowSeconds());
    forgetPlainBodies(proxyUrl);
    const before = refused;
    const client = await clientFor(settings, proxyUrl);
    await client.ping();
    // A long read, as the review page's user.search of every open UBN!'s people is at 1,000 watched.
    await client.searchTasks(
      { ids: Array.from({ length: KEPT }, (_, i) => 5001 + i) },
      { idsInOneCall: true },
    );
    expect(refused - before).toBe(0);
  });

  it('try gzip again a day later', async () => {
    expect(await poll(86400, true)).toBe(1);
  });
});
