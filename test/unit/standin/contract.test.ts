// Replays every captured Conduit request (test/fixtures/standin/conduit, copied from the real Phorge)
// against the stand-in running the built-in captured world: same HTTP method, path, headers and body.
// The reply must have the shape of the real one, and the same values where they are deterministic.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Standin } from '../../standin/server';
import { startStandin } from '../../standin/server';
import { shapeDifferences } from './shape';

const dir = join(import.meta.dirname, '../../fixtures/standin/conduit');

interface CapturedRequest {
  method?: string;
  url: string;
  http_method: 'GET' | 'POST';
  request_headers?: Record<string, string>;
  request_body: string | null;
}

const names = readdirSync(dir)
  .filter((file) => file.endsWith('.request.json'))
  .map((file) => file.replace(/\.request\.json$/, ''))
  .sort();

const captured = (name: string) => ({
  request: JSON.parse(readFileSync(join(dir, `${name}.request.json`), 'utf8')) as CapturedRequest,
  responseText: readFileSync(join(dir, `${name}.response.json`), 'utf8'),
});

function parseReply(text: string): unknown {
  return JSON.parse(text.replace(/^for \(;;\);/, ''));
}

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});

async function replay(
  request: CapturedRequest,
  headers: Record<string, string> = {},
  body = request.request_body,
) {
  const url = new URL(request.url);
  const init: RequestInit = {
    method: request.http_method,
    headers: { ...(request.request_headers ?? {}), ...headers },
    redirect: 'manual',
  };
  if (request.http_method === 'POST' && body !== null) init.body = body;
  const response = await fetch(`${standin.url}${url.pathname}${url.search}`, init);
  return { status: response.status, text: await response.text() };
}

/** Values that do not depend on when or where Phorge ran, projected for comparison. */
function deterministic(reply: unknown): unknown {
  const root = reply as { result: unknown; error_code: unknown; error_info: unknown };
  const result = root.result as Record<string, unknown> | null;
  const data = result && Array.isArray(result.data) ? (result.data as Record<string, unknown>[]) : null;
  return {
    error_code: root.error_code,
    error_info: root.error_info,
    items: data?.map((item) => {
      if (item.edgeType)
        return `${String(item.sourcePHID)} ${String(item.edgeType)} ${String(item.destinationPHID)}`;
      // Every field and attachment, except two things that changed during the capture itself: T13's
      // dateModified (alice's session comment came after some captures) and the order of subscriber
      // PHIDs (Phorge returned T14's in different orders in different captures).
      const { dateModified, ...fields } = (item.fields ?? {}) as Record<string, unknown>;
      const attachments = JSON.parse(JSON.stringify(item.attachments ?? {})) as Record<
        string,
        Record<string, unknown>
      >;
      const subscribers = attachments.subscribers?.subscriberPHIDs;
      if (Array.isArray(subscribers)) subscribers.sort();
      return {
        id: item.id,
        phid: item.phid,
        type: item.type,
        fields,
        dateModified: item.type === 'TASK' && item.id === 13 ? 'changed during capture' : dateModified,
        attachments,
        comments: item.comments,
        authorPHID: item.authorPHID,
        dateCreated: item.dateCreated,
        groupID: item.groupID,
      };
    }),
    cursor: result?.cursor,
  };
}

// Replies that depend on the machine or on a write (new PHIDs) are compared by shape only.
const SHAPE_ONLY = new Set([
  'conduit.ping',
  'conduit.ping.no-token',
  'maniphest.edit.owner+comment+subscriber',
  'session-14.maniphest.edit.write.cookie+csrf',
]);

// Compared by their own tests or projections: the legacy transaction list titles board moves and edges,
// which Conduit's type-null transactions do not describe (see conduit.test.ts).
const WHOLE_EXCEPT = new Set(['maniphest.gettasktransactions.legacy']);

describe('stand-in replays every captured Conduit request', () => {
  it('has the captured requests to replay', () => {
    expect(names.length).toBeGreaterThanOrEqual(87);
  });

  for (const name of names) {
    const { request, responseText } = captured(name);
    const isConduit = new URL(request.url).pathname.startsWith('/api/');
    it(name, async () => {
      await fetch(`${standin.url}/__standin/reset`, { method: 'POST' });
      const reply = await replay(request);
      expect(reply.status).toBe(200);
      const real = parseReply(responseText);
      const ours = parseReply(reply.text);
      expect(shapeDifferences(ours, real)).toEqual([]);
      if (!SHAPE_ONLY.has(name) && isConduit) expect(deterministic(ours)).toEqual(deterministic(real));
      // Results that are not search pages are compared whole, with the captured host replaced by ours.
      const realResult = (real as { result: unknown }).result;
      if (
        isConduit &&
        !SHAPE_ONLY.has(name) &&
        !WHOLE_EXCEPT.has(name) &&
        realResult &&
        !('data' in (realResult as object))
      ) {
        // Subscriber lists (ccPHIDs) come back in no stable order from Phorge either.
        const normalize = (value: unknown) =>
          JSON.parse(JSON.stringify(value), (key, item: unknown) =>
            key === 'ccPHIDs' && Array.isArray(item) ? [...item].sort() : item,
          ) as unknown;
        const expected = JSON.parse(
          JSON.stringify(realResult).split('http://127.0.0.1:8081').join(standin.url),
        ) as unknown;
        expect(normalize((ours as { result: unknown }).result)).toEqual(normalize(expected));
      }
    });
  }
});

describe('captured session requests, adapted to a fresh stand-in session', () => {
  const sessionNames = names.filter((name) => name.startsWith('session-'));
  for (const name of sessionNames) {
    const { request, responseText } = captured(name);
    it(name, async () => {
      await fetch(`${standin.url}/__standin/reset`, { method: 'POST' });
      const login = (await (await fetch(`${standin.url}/__standin/login?user=alice&format=json`)).json()) as {
        phsid: string;
        csrf: string;
      };
      const capturedCookie = /phsid=([^;]+)/.exec(request.request_headers?.Cookie ?? '')?.[1];
      const isAlicesSession = capturedCookie === 'vypaachjyuqvb43bhjby5sr733v2ln6l3uwbleqs';
      const swap = (text: string) =>
        isAlicesSession
          ? text.replace(
              /B%40hhvwqkrhacada942012a5191|B@hhvwqkrhacada942012a5191/g,
              encodeURIComponent(login.csrf),
            )
          : text;
      const headers: Record<string, string> = {};
      if (isAlicesSession) headers.Cookie = `phsid=${login.phsid}`;
      if (request.request_headers?.['X-Phabricator-Csrf'] === 'B@hhvwqkrhacada942012a5191')
        headers['X-Phabricator-Csrf'] = login.csrf;
      const url = new URL(request.url);
      const adapted = { ...request, url: `http://x${url.pathname}${swap(url.search)}` };
      const reply = await replay(
        adapted,
        headers,
        request.request_body === null ? null : swap(request.request_body),
      );
      const real = parseReply(responseText);
      const ours = parseReply(reply.text);
      expect(shapeDifferences(ours, real)).toEqual([]);
      if (url.pathname.startsWith('/api/') && !SHAPE_ONLY.has(name))
        expect(deterministic(ours)).toEqual(deterministic(real));
    });
  }
});
