// The "plain bodies for a day" mark a poll stored holds in a worker life that starts without a poll (woken
// by a page view or the review page): its clients read the mark before their first request.
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
const { writeToken } = await import('../../../src/background/secrets');
const { parseSettings } = await import('../../../src/shared/settings');
const { DEMO_REGISTRY } = await import('../../../scripts/demo/settings');
const { forgetPlainBodies } = await import('../../../src/background/plain-bodies');
const { clientFor } = await import('../../../src/background/instance-client');

const KEPT = 300;
let site: Standin;
let proxy: Server;
let proxyUrl: string;
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
  // The steady poll names its 300 kept ids (over 1 KB): gzipped, refused, sent plain, mark stored.
  site.clock.advance(300);
  syncClock();
  await pollInstance(settings, proxyUrl, { force: true });
});

afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await site.close();
});

describe('the stored "plain bodies for a day" mark in a worker life that starts without a poll', () => {
  it('a request client (page view, review page) made before any poll of the new worker life sends plain', async () => {
    const stored = (await pollState(proxyUrl)).plainBodiesUntil;
    expect(stored).toBeGreaterThan(nowSeconds());
    expect(refused).toBe(1);
    // The worker stopped; the new one was woken by a page view, not by the poll alarm.
    forgetPlainBodies(proxyUrl);
    site.clock.advance(60);
    syncClock();
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
});
