// An in-process fetch that records every request and answers from a handler.
import { gunzipSync } from 'node:zlib';

export interface RecordedCall {
  url: string;
  init: RequestInit;
  /** The Conduit method, from /api/<method>. */
  method: string;
  form: URLSearchParams;
  /** Decoded `params` form field ({} when absent). */
  params: Record<string, unknown>;
  headers: Record<string, string>;
  /** Sent with `Content-Encoding: gzip` (decoded into form and params above). */
  gzipped: boolean;
  /** The body's length on the wire. */
  wireBytes: number;
}

export type FakeAnswer = { status?: number; body: string; headers?: Record<string, string> } | Error;

export interface FakeFetch {
  fetch: typeof fetch;
  calls: RecordedCall[];
}

export function conduitOk(result: unknown): FakeAnswer {
  return { body: JSON.stringify({ result, error_code: null, error_info: null }) };
}

export function conduitError(code: string, info: string): FakeAnswer {
  return { body: JSON.stringify({ result: null, error_code: code, error_info: info }) };
}

export function fakeFetch(
  handler: (call: RecordedCall, index: number) => FakeAnswer | Promise<FakeAnswer>,
): FakeFetch {
  const calls: RecordedCall[] = [];
  const impl = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const gzipped = headers['content-encoding'] === 'gzip';
    const raw = init.body instanceof Uint8Array ? init.body : typeof init.body === 'string' ? init.body : '';
    const body = gzipped ? gunzipSync(raw).toString('utf8') : typeof raw === 'string' ? raw : '';
    const form = new URLSearchParams(body);
    const rawParams = form.get('params');
    const call: RecordedCall = {
      url,
      init,
      method: /\/api\/([^?]+)/.exec(url)?.[1] ?? url,
      form,
      params: rawParams === null ? {} : (JSON.parse(rawParams) as Record<string, unknown>),
      headers,
      gzipped,
      wireBytes: typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length,
    };
    calls.push(call);
    const answer = await handler(call, calls.length - 1);
    if (answer instanceof Error) throw answer;
    return new Response(answer.body, { status: answer.status ?? 200, headers: answer.headers ?? {} });
  };
  return { fetch: impl as typeof fetch, calls };
}

export const noSleep = async (): Promise<void> => {};
