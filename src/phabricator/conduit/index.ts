// Public API of the Conduit client.
export { ConduitClient, projectSlugGuess, taskIdentifier } from './client';
export { ConduitError, isConduitError } from './errors';
export type { ConduitErrorKind } from './errors';
export { fetchSessionCsrfToken, parseLoginRefresh } from './csrf';
export { backoffDelay, parseRetryAfter, DEFAULT_RETRY } from './backoff';
export { MAX_PAGE } from './paging';
export { TLS_CERTIFICATE } from './transport';
export { resultSchemas, parseResult } from './reply';
export type { TypedMethod, ResultOf } from './reply';
export * from './instance';
export type {
  ConduitAuth,
  ConduitClientOptions,
  EditTransaction,
  ProjectQuery,
  RequestInfo,
  RetryPolicy,
  TaskConstraints,
  TaskSearchOptions,
  UserQuery,
  Whoami,
} from './types';
