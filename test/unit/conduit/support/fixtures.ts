// Reading the real Phorge captures copied into test/fixtures/conduit/.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/conduit/', import.meta.url));

export interface CapturedRequest {
  method?: string;
  url: string;
  http_method: string;
  token?: string;
  params?: Record<string, unknown> | null;
  request_headers: Record<string, string>;
  request_body: string | null;
  http_status: number;
  note?: string | null;
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.response.json'))
    .map((f) => f.slice(0, -'.response.json'.length))
    .sort();
}

export function responseText(name: string): string {
  return readFileSync(`${FIXTURE_DIR}${name}.response.json`, 'utf8');
}

export function capturedRequest(name: string): CapturedRequest {
  return JSON.parse(readFileSync(`${FIXTURE_DIR}${name}.request.json`, 'utf8')) as CapturedRequest;
}

/** The Conduit method of a capture (session files only record the URL), or null for /login/refresh/. */
export function methodOf(name: string): string | null {
  const request = capturedRequest(name);
  if (request.method) return request.method;
  const match = /\/api\/([a-z.]+)/.exec(request.url);
  return match?.[1] ?? null;
}
