// Small HTTP helpers for the stand-in tests: Conduit calls with a token or a session, logins, controls.
import type { Standin } from '../../standin/server';

export const TOKENS = {
  admin: 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc',
  alice: 'api-yuzpv4o76i374cu7v6je43orzru7',
  bob: 'api-wi6e5p7aovxsmtxi3pz5id7ptjjs',
  dave: 'api-ifurun3rei3l3qrrf576izwdbhx3',
  bot: 'api-zjufhs55aiu5ydjhz5j5g5weddti',
} as const;

export const PHIDS = {
  admin: 'PHID-USER-lork33a6w73tczbj7q6p',
  alice: 'PHID-USER-xhdgapgwb75vgmayvc6o',
  bob: 'PHID-USER-func4a3darmz3oh2ta3u',
  carol: 'PHID-USER-ferlea3apgikxbpfxohr',
  dave: 'PHID-USER-ihvyr6tdyxhq3mk6j3po',
  erin: 'PHID-USER-llw3bphotw3lgqpni64x',
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
