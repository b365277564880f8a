// The ConduitError a call rejects with; the test fails if it resolved or threw something else.
import { expect } from 'vitest';
import { ConduitError } from '../../../../src/phabricator/conduit';

export async function failure(promise: Promise<unknown>): Promise<ConduitError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConduitError);
  return error as ConduitError;
}
