// The instance and its token, checked before any request, and the Conduit client the commands share.
import { ConduitClient, parseInstanceUrl } from '../phabricator/conduit';
import { UsageError } from './failure';
import { withoutUserinfo } from './printable';
import type { Env, FoundToken } from './token';
import { findToken, TokenError } from './token';

export interface Connection {
  baseUrl: string;
  token: FoundToken;
  client: ConduitClient;
}

export async function connect(
  instanceArg: string,
  tokenArg: string | undefined,
  env: Env,
  fetchImpl: typeof fetch,
): Promise<Connection> {
  const instance = parseInstanceUrl(instanceArg);
  if (!instance.ok) {
    throw new UsageError(`--instance "${withoutUserinfo(instanceArg)}" is not usable: ${instance.message}`);
  }
  let token: FoundToken;
  try {
    token = await findToken(instance.baseUrl, tokenArg, env);
  } catch (error) {
    if (error instanceof TokenError) throw new UsageError(error.message);
    throw error;
  }
  const client = new ConduitClient({
    baseUrl: instance.baseUrl,
    auth: { kind: 'token', token: token.token },
    fetch: fetchImpl,
    retry: { attempts: 3, baseDelayMs: 500, maxDelayMs: 5000 },
  });
  return { baseUrl: instance.baseUrl, token, client };
}
