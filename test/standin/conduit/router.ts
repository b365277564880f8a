// /api/<method>: decodes parameters, authenticates and dispatches, in the order of Phorge's
// PhabricatorConduitAPIController (JSON body check, params decoding, method lookup, authentication, call).
import type { RequestData } from '../http/forms';
import { phpToJson } from '../http/forms';
import type { PhpValue } from '../http/forms';
import type { User } from '../model';
import type { Session, Sessions } from '../sessions';
import type { World } from '../world';
import {
  ConduitFailure,
  coreError,
  invalidParamsJson,
  MESSAGES,
  tokenError,
  unknownMethod,
  unknownToken,
} from './errors';
import { METHODS } from './methods';

export interface ConduitReply {
  result: unknown;
  error_code: string | null;
  error_info: string | null;
}

export interface ConduitRequest {
  method: string;
  contentType: string | undefined;
  data: RequestData;
  csrfHeader: string | undefined;
  /** The session named by the phsid cookie, if it is a logged-in one. */
  session: Session | undefined;
}

export interface ConduitEnvironment {
  world: World;
  sessions: Sessions;
  now: number;
  baseUrl: string;
}

export interface CallContext extends ConduitEnvironment {
  method: string;
  params: Record<string, unknown>;
  strict: boolean;
  viewer: User | null;
}

interface Decoded {
  metadata: Record<string, unknown>;
  params: Record<string, unknown>;
  strict: boolean;
}

function decode(request: ConduitRequest): Decoded {
  if (request.contentType === 'application/json') throw coreError(MESSAGES.jsonBody);
  const nested = request.data.nested;
  const consoleParams = nested.params;
  if (typeof consoleParams === 'object') {
    // The API console's params[name]=<json> form.
    const params: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(consoleParams)) {
      const text = typeof raw === 'string' ? raw : JSON.stringify(phpToJson(raw as PhpValue));
      try {
        params[key] = JSON.parse(text === '' ? 'null' : text);
      } catch {
        throw coreError(
          `The value for parameter '${key}' is not valid JSON. All parameters must be encoded as JSON values, including strings (which means you need to surround them in double quotes). Check your syntax. Value was: ${text}.`,
        );
      }
    }
    const metadata = (params.__conduit__ ?? {}) as Record<string, unknown>;
    delete params.__conduit__;
    return { metadata, params, strict: true };
  }
  if (typeof consoleParams === 'string' && consoleParams !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(consoleParams);
    } catch {
      throw invalidParamsJson(request.method);
    }
    const params =
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? { ...(parsed as Record<string, unknown>) }
        : {};
    const metadata =
      typeof params.__conduit__ === 'object' && params.__conduit__ !== null
        ? (params.__conduit__ as Record<string, unknown>)
        : {};
    delete params.__conduit__;
    return { metadata, params, strict: true };
  }
  // Plain HTTP fields: "api.token" and friends are metadata, the rest are parameters.
  const metadata: Record<string, unknown> = {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(nested)) {
    if (key.startsWith('__') || key === 'output' || key === 'params') continue;
    if (key.startsWith('api.')) metadata[key.slice(4)] = phpToJson(value);
    else params[key] = phpToJson(value);
  }
  return { metadata, params, strict: false };
}

function csrfOf(request: ConduitRequest): string | undefined {
  const field = request.data.nested.__csrf__;
  if (typeof field === 'string' && field !== '') return field;
  return request.csrfHeader || undefined;
}

function authenticate(request: ConduitRequest, decoded: Decoded, env: ConduitEnvironment): User {
  const { world, sessions, now } = env;
  const session = request.session;
  if (session?.userPHID) {
    // A logged-in session wins over any API token, and then CSRF is mandatory.
    const check = sessions.checkCsrf(session, csrfOf(request), now);
    if (check === 'missing') throw coreError(MESSAGES.noCsrf);
    if (check === 'invalid') throw coreError(MESSAGES.badCsrf);
    const user = world.userByPHID(session.userPHID);
    if (!user) throw new ConduitFailure('ERR-INVALID-SESSION', MESSAGES.noSession);
    return permitted(user);
  }
  const authType = decoded.metadata['auth.type'];
  if (authType !== undefined && authType !== null) {
    throw new ConduitFailure(
      'ERR-INVALID-AUTH',
      `Provided "auth.type" ("${String(authType)}") is not recognized.`,
    );
  }
  const token = typeof decoded.metadata.token === 'string' ? decoded.metadata.token : '';
  if (token !== '') {
    const malformed = tokenError(token);
    if (malformed) throw malformed;
    const user = world.userByToken(token);
    if (!user) throw unknownToken(token);
    return permitted(user);
  }
  if (decoded.metadata.access_token) {
    throw new ConduitFailure('ERR-INVALID-AUTH', 'Access token does not exist.');
  }
  if (decoded.metadata.sessionKey) {
    throw new ConduitFailure('ERR-INVALID-SESSION', 'Session key is invalid.');
  }
  throw new ConduitFailure('ERR-INVALID-SESSION', MESSAGES.noSession);
}

function permitted(user: User): User {
  if (user.isDisabled) throw new ConduitFailure('ERR-INVALID-AUTH', MESSAGES.notPermitted);
  return user;
}

export function callConduit(request: ConduitRequest, env: ConduitEnvironment): ConduitReply {
  try {
    const decoded = decode(request);
    const method = METHODS[request.method];
    if (!method) throw unknownMethod(request.method);
    const viewer = method.requiresAuth ? authenticate(request, decoded, env) : null;
    const result = method.run({
      ...env,
      method: request.method,
      params: decoded.params,
      strict: decoded.strict,
      viewer,
    });
    return { result, error_code: null, error_info: null };
  } catch (error) {
    if (error instanceof ConduitFailure)
      return { result: null, error_code: error.code, error_info: error.info };
    return {
      result: null,
      error_code: 'ERR-CONDUIT-CORE',
      error_info: error instanceof Error ? error.message : String(error),
    };
  }
}
