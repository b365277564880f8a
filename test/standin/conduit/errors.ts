// Conduit failures with Phorge's codes and messages. Every Conduit reply is HTTP 200 with
// {result, error_code, error_info}; these carry the last two.

export class ConduitFailure extends Error {
  constructor(
    readonly code: string,
    readonly info: string,
  ) {
    super(`${code}: ${info}`);
  }
}

/** What Phorge answers for an uncaught exception inside a call. */
export function coreError(info: string): ConduitFailure {
  return new ConduitFailure('ERR-CONDUIT-CORE', info);
}

export function readError(key: string, message: string): ConduitFailure {
  return coreError(`Error while reading "${key}": ${message}`);
}

export const CSRF_MESSAGE =
  'You are trying to save some data to permanent storage, but the request your browser made included ' +
  'an incorrect token. Reload the page and try again. You may need to clear your cookies.\n' +
  'This was a Web request.\n';

export const MESSAGES = {
  noSession: 'Session key is not present.',
  jsonBody:
    "Use form-encoded data to submit parameters to Conduit endpoints. Sending a JSON-encoded body and setting 'Content-Type': 'application/json' is not currently supported.",
  noCsrf: `${CSRF_MESSAGE}This request had no CSRF token.`,
  badCsrf: `${CSRF_MESSAGE}This request had an invalid CSRF token.`,
  notPermitted: 'User account is not permitted to use the API.',
  unknownObject: 'Specified "objectIdentifier" does not exist.',
  badConstraint: 'Parameter "constraints" includes an invalid key.',
  badAttachment: 'Parameter "attachments" includes an invalid key.',
} as const;

export function invalidParamsJson(method: string): ConduitFailure {
  return coreError(`Invalid parameter information was passed to method '${method}'.`);
}

export function unknownMethod(method: string): ConduitFailure {
  return new ConduitFailure('ERR-CONDUIT-CALL', `Conduit API method "${method}" does not exist.`);
}

export function tokenError(token: string): ConduitFailure | null {
  if (token.length !== 32) {
    return new ConduitFailure(
      'ERR-INVALID-AUTH',
      `API token "${token}" has the wrong length. API tokens should be 32 characters long.`,
    );
  }
  const type = token.split('-')[0] ?? '';
  if (!['api', 'cli', 'clr'].includes(type)) {
    return new ConduitFailure(
      'ERR-INVALID-AUTH',
      `API token "${token}" has the wrong format. API tokens should be 32 characters long and begin with one of these prefixes: api, cli, clr.`,
    );
  }
  return null;
}

export function unknownToken(token: string): ConduitFailure {
  return new ConduitFailure('ERR-INVALID-AUTH', `API token "${token}" is not valid.`);
}
