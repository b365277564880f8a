// The Phabricator stand-in: a node http server on 127.0.0.1 that answers Conduit from an in-memory scenario,
// serves task pages built from captured Phorge HTML, and exposes test controls under /__standin/.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { Clock } from './clock';
import { callConduit } from './conduit/router';
import { handleControl } from './controls';
import { parseCookies, requestData } from './http/forms';
import { phorgeHeaders, send, sessionCookie } from './http/respond';
import type { Sent } from './http/respond';
import { servePage } from './pages/routes';
import type { RequestLog } from './request-log';
import type { Scenario } from './scenario';
import type { Session } from './sessions';
import { resolveScenario, StandinState } from './state';

export interface StandinOptions {
  /** 0 or omitted: an ephemeral port. */
  port?: number;
  /** A scenario object or the path of a scenario JSON file; the captured world when omitted. */
  scenario?: Scenario | string;
  /** Start the clock here (epoch seconds) instead of the scenario's `now`. */
  now?: number;
}

export interface Standin {
  url: string;
  port: number;
  close(): Promise<void>;
  clock: Pick<Clock, 'now' | 'advance' | 'set'>;
  state: StandinState;
  requests: RequestLog;
}

/** Everything a route handler needs about one request. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: Buffer;
  origin: string;
  hostname: string;
  cookies: Map<string, string>;
  state: StandinState;
  /** The phsid session (logged in or anonymous), if the cookie names one. */
  session: Session | undefined;
  /** Set-Cookie headers to add (Phorge hands out an anonymous session to cookie-less visitors). */
  setCookies: string[];
  /** Filled by the Conduit route for the request log. */
  conduitMethod: string | null;
  errorCode: string | null;
  fault: string | null;
}

const MAX_BODY = 8 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The body as Phorge reads it: PhabricatorStartup::getRawInput decodes `Content-Encoding: gzip` before
 * the form is parsed (what X-Conduit-Capabilities offers). Null for a body that is not gzip.
 */
function decodedBody(req: IncomingMessage, body: Buffer): Buffer | null {
  if ((headerValue(req, 'content-encoding') ?? '').trim().toLowerCase() !== 'gzip') return body;
  try {
    return gunzipSync(body);
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function serveConduit(exchange: Exchange, method: string): Promise<Sent | null> {
  const { state, res, origin } = exchange;
  exchange.conduitMethod = method;
  const fault = state.faults.take(method);
  exchange.fault = fault?.kind ?? null;
  if (fault?.kind === 'latency') await sleep(fault.ms ?? 1000);
  if (fault?.kind === 'drop') {
    exchange.req.socket.destroy();
    return null;
  }
  const headers = {
    'Content-Type': 'application/json',
    ...(exchange.setCookies.length ? { 'Set-Cookie': exchange.setCookies } : {}),
    ...phorgeHeaders(origin),
    // Phorge's own clock, as nginx stamps it: clients build modifiedStart windows on it.
    Date: new Date(state.clock.now() * 1000).toUTCString(),
  };
  if (fault?.kind === '429') {
    return send(
      res,
      429,
      {
        ...headers,
        'Content-Type': 'text/html',
        'Retry-After': String(Math.max(1, Math.ceil((fault.ms ?? 1000) / 1000))),
      },
      '<html><head><title>429 Too Many Requests</title></head><body><center><h1>429 Too Many Requests</h1></center><hr><center>nginx/1.22.1</center></body></html>\n',
    );
  }
  if (fault?.kind === 'sso-redirect') {
    const next = encodeURIComponent(`/api/${method}`);
    return send(
      res,
      302,
      { Location: `${origin}/auth/sso/start/?next=${next}`, 'Content-Type': 'text/html' },
      '',
    );
  }
  if (fault?.kind === '500') {
    return send(
      res,
      500,
      { ...headers, 'Content-Type': 'text/html' },
      '<html><head><title>500 Internal Server Error</title></head><body><center><h1>500 Internal Server Error</h1></center><hr><center>nginx/1.22.1</center></body></html>\n',
    );
  }
  const data = requestData(exchange.url.searchParams, exchange.body, exchange.req.headers['content-type']);
  const loggedIn = exchange.session?.userPHID ? exchange.session : undefined;
  const reply = callConduit(
    {
      method,
      contentType: exchange.req.headers['content-type'],
      data,
      csrfHeader: headerValue(exchange.req, 'x-phabricator-csrf'),
      session: loggedIn,
    },
    { world: state.world, sessions: state.sessions, now: state.clock.now(), baseUrl: origin },
  );
  exchange.errorCode = reply.error_code;
  const json = JSON.stringify(reply);
  const body = fault?.kind === 'malformed' ? json.slice(0, Math.max(1, Math.floor(json.length / 2))) : json;
  return send(res, 200, { ...headers, 'X-Conduit-Capabilities': 'gzip' }, body);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function route(exchange: Exchange): Promise<Sent | null> {
  const path = exchange.url.pathname;
  const api = /^\/api\/([^/]+)\/?$/.exec(path);
  if (api?.[1]) return serveConduit(exchange, decodeURIComponent(api[1]));
  return servePage(exchange);
}

export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const state = new StandinState(resolveScenario(options.scenario), options.now);
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const started = performance.now();
    void (async () => {
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch {
        send(res, 413, { 'Content-Type': 'text/plain' }, 'Request body too large.\n');
        return;
      }
      const wire = body;
      const decoded = decodedBody(req, body);
      if (decoded === null) {
        send(res, 500, { 'Content-Type': 'text/plain' }, 'Unable to decode the gzip request body.\n');
        return;
      }
      body = decoded;
      const host = req.headers.host ?? `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const url = new URL(req.url ?? '/', `http://${host}`);
      const cookies = parseCookies(req.headers.cookie);
      const exchange: Exchange = {
        req,
        res,
        url,
        body,
        origin: `http://${host}`,
        hostname: url.hostname,
        cookies,
        state,
        session: state.sessions.fromCookie(cookies.get('phsid')),
        setCookies: [],
        conduitMethod: null,
        errorCode: null,
        fault: null,
      };
      if (url.pathname.startsWith('/__standin/')) {
        await handleControl(exchange);
        return;
      }
      if (!cookies.has('phsid')) {
        const anonymous = state.sessions.anonymous(state.clock.now());
        exchange.session = anonymous;
        exchange.setCookies.push(sessionCookie(anonymous.key, exchange.hostname, Date.now()));
      }
      let sent: Sent | null;
      try {
        sent = await route(exchange);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        sent = send(
          res,
          500,
          { 'Content-Type': 'text/plain; charset=UTF-8' },
          `Stand-in error: ${message}\n`,
        );
      }
      state.requests.add({
        at: state.clock.now(),
        httpMethod: req.method ?? 'GET',
        path: url.pathname,
        conduitMethod: exchange.conduitMethod,
        status: sent?.status ?? 0,
        bytesIn: wire.length,
        bytesOut: sent?.bytes ?? 0,
        errorCode: exchange.errorCode,
        fault: exchange.fault,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      });
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    requests: state.requests,
    clock: {
      now: () => state.clock.now(),
      advance: (seconds: number) => state.clock.advance(seconds),
      set: (epoch: number) => state.clock.set(epoch),
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
