// Response helpers: Phorge's security headers on every reply, cookies in Phorge's format, byte counting.
import type { ServerResponse } from 'node:http';

const FIVE_YEARS = 157680000;

export function phorgeHeaders(origin: string): Record<string, string> {
  return {
    'X-Frame-Options': 'Deny',
    'Content-Security-Policy':
      `default-src 'self' ${origin}; img-src 'self' ${origin} data:; style-src 'self' ${origin} 'unsafe-inline'; ` +
      `script-src 'self' ${origin}; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; ` +
      `object-src 'none'; form-action 'self'; base-uri 'none'`,
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    Expires: 'Sat, 01 Jan 2000 00:00:00 GMT',
    'X-Content-Type-Options': 'nosniff',
  };
}

/** The phsid cookie as Phorge sets it: HttpOnly, path=/, 5 years, no SameSite, no Secure. */
export function sessionCookie(value: string, hostname: string, nowMillis: number): string {
  const expires = new Date(nowMillis + FIVE_YEARS * 1000).toUTCString();
  const domain = hostname === 'localhost' || !hostname ? '' : `; domain=${hostname}`;
  return `phsid=${encodeURIComponent(value)}; expires=${expires}; Max-Age=${FIVE_YEARS}; path=/${domain}; HttpOnly`;
}

export function clearSessionCookie(hostname: string): string {
  const domain = hostname === 'localhost' || !hostname ? '' : `; domain=${hostname}`;
  return `phsid=deleted; expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; path=/${domain}; HttpOnly`;
}

export interface Sent {
  status: number;
  bytes: number;
}

export function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: string | Buffer,
): Sent {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...headers, 'Content-Length': String(buffer.length) });
  res.end(buffer);
  return { status, bytes: buffer.length };
}
