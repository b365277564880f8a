// Turns whatever went wrong into a reply error a user can act on.
import { isConduitError, type ConduitError } from '../phabricator/conduit';
import type { ConnectionState, ErrorKind } from '../messages';
import type { RecoverableCause } from './poll-backoff';
import { HandlerError } from './router';

export function fromConduit(error: ConduitError): HandlerError {
  const kind: ErrorKind =
    (
      {
        'invalid-token': 'invalid-token',
        'session-expired': 'session-expired',
        csrf: 'session-expired',
        permission: 'no-permission',
        'not-found': 'not-found',
        network: 'network',
        server: 'network',
        'rate-limited': 'network',
      } as Partial<Record<ConduitError['kind'], ErrorKind>>
    )[error.kind] ?? 'conduit';
  return new HandlerError(kind, error.userMessage, error.retryable);
}

export function asHandlerError(error: unknown): HandlerError {
  if (error instanceof HandlerError) return error;
  if (isConduitError(error)) return fromConduit(error);
  return new HandlerError('internal', error instanceof Error ? error.message : String(error));
}

/** What the badge and popup say about an instance after a failure. */
export function connectionOf(error: HandlerError): ConnectionState {
  switch (error.kind) {
    case 'session-expired':
      return 'signed-out';
    case 'invalid-token':
      return 'invalid-token';
    case 'no-permission':
      return error.message.startsWith('Steward has no access') ? 'no-permission' : 'ok';
    case 'not-configured':
      return 'not-configured';
    default:
      return 'unreachable';
  }
}

/** A poll failure that an answer outside the poll can disprove (poll-backoff.ts), else null. */
export function recoverableCause(error: unknown): RecoverableCause | null {
  if (isConduitError(error)) {
    // A server error that a later answer disproves is as much an outage as a lost connection.
    if (error.kind === 'network' || error.kind === 'server') return 'network';
    if (error.kind === 'session-expired' || error.kind === 'csrf') return 'session-expired';
    if (error.kind === 'invalid-token') return 'invalid-token';
    return null;
  }
  if (error instanceof HandlerError && (error.kind === 'session-expired' || error.kind === 'invalid-token'))
    return error.kind;
  return null;
}
