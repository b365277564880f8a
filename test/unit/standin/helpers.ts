// Small HTTP helpers for the stand-in tests: Conduit calls with a token or a session, logins, controls.
import type { Standin } from '../../standin/server';
import { USER_PHIDS } from '../../standin/accounts';

export { TOKENS } from '../../standin/accounts';

export const PHIDS = {
  ...USER_PHIDS,
  centralAuth: 'PHID-PROJ-5nswsow7qt633pega3yf',
  echo: 'PHID-PROJ-zfxds4nsxmtd5evuvldm',
  mwAuth: 'PHID-PROJ-4tlxbtaqdn5fqtorps2j',
  releng: 'PHID-PROJ-jct2xu2kwbvrozq3brk6',
  security: 'PHID-PROJ-gpbtbyuo2srkjllrpbc6',
  T14: 'PHID-TASK-5bj2dzb4h5vi7e4jngsm',
  T15: 'PHID-TASK-6uulx4gvckbklhinqcl4',
} as const;

/** Replies are untyped JSON here; the tests assert on their content. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply {
  result: Json;
  error_code: string | null;
  error_info: string | null;
}

export type Auth = { token: string } | { phsid: string; csrf?: string; csrfHeader?: string };

export async function call(
  standin: Standin,
  method: string,
  params: Record<string, unknown>,
  auth?: Auth,
): Promise<Reply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const form = new URLSearchParams();
  if (auth && 'token' in auth) {
    form.set('params', JSON.stringify({ ...params, __conduit__: { token: auth.token } }));
  } else {
    form.set('params', JSON.stringify(params));
    if (auth) {
      headers.Cookie = `phsid=${auth.phsid}`;
      if (auth.csrf) form.set('__csrf__', auth.csrf);
      if (auth.csrfHeader) headers['X-Phabricator-Csrf'] = auth.csrfHeader;
    }
  }
  const response = await fetch(`${standin.url}/api/${method}`, {
    method: 'POST',
    headers,
    body: form.toString(),
  });
  return (await response.json()) as Reply;
}

export async function login(standin: Standin, user: string): Promise<{ phsid: string; csrf: string }> {
  const response = await fetch(`${standin.url}/__standin/login?user=${user}&format=json`);
  return (await response.json()) as { phsid: string; csrf: string };
}

export async function control(
  standin: Standin,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${standin.url}/__standin/${path}`, {
    method:
      body === undefined &&
      !['reset', 'expire-sessions', 'requests/clear', 'scenario/captured'].includes(path)
        ? 'GET'
        : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

export const ids = (reply: Reply): number[] =>
  (reply.result?.data ?? []).map((item: { id: number }) => item.id);
