// Which setup of an instance, and which of its accounts, a read of Phabricator belongs to. Removing an
// instance from the settings starts a new epoch: a read begun before (a banner's, a poll's) may still be
// waiting for Phabricator, and what it brings must not be written back into the caches the removal emptied,
// or they would hold the removed setup's tasks and account when the instance is added again. A new token
// starts a new account: a client made with the token before must not tell who "you" are now.
import type { ConduitClient } from '../phabricator/conduit';
import { HandlerError } from './router';

const epochs = new Map<string, number>();
// Per instance, bumped when its account may have changed (a token set or removed, the auth mode switched):
// what a client made before reads as the account before, and must not become "you" afterwards.
const accounts = new Map<string, number>();
// Kept on the client itself rather than in a WeakMap: a wrapper of the client (a test's, a proxy) reads
// for the same setup and carries the same stamp.
const BORN = Symbol('steward.epoch');
type Stamped = ConduitClient & { [BORN]?: { origin: string; epoch: number; account: number } };

/** The instance was removed: every client made for it until now reads for a setup that is gone. */
export function endEpoch(origin: string): void {
  epochs.set(origin, (epochs.get(origin) ?? 0) + 1);
}

export function epochOf(origin: string): number {
  return epochs.get(origin) ?? 0;
}

/** The instance's account may have changed: clients made until now read as the account before. */
export function endAccount(origin: string): void {
  accounts.set(origin, (accounts.get(origin) ?? 0) + 1);
}

export function accountOf(origin: string): number {
  return accounts.get(origin) ?? 0;
}

/** Whether this client reads as the instance's account now (a client of no instance: yes). */
export function readsAsCurrentAccount(client: ConduitClient): boolean {
  const stamp = (client as Stamped)[BORN];
  return !stamp || stamp.account === accountOf(stamp.origin);
}

/**
 * Records the epoch and account a new client reads for: those its settings and token were read in
 * (instance-client.ts).
 */
export function stampClient(
  client: ConduitClient,
  origin: string,
  born: { epoch: number; account: number },
): ConduitClient {
  Object.defineProperty(client, BORN, { value: { origin, ...born } });
  return client;
}

/**
 * Throws when what this client read belongs to a setup of its instance that has since been removed.
 * Called right before the write's transaction opens: a removal that starts later deletes what it wrote.
 */
export function assertCurrent(client: ConduitClient): void {
  const stamp = (client as Stamped)[BORN];
  if (stamp && stamp.epoch !== epochOf(stamp.origin))
    throw new HandlerError(
      'not-configured',
      `${stamp.origin} was removed from Steward's settings while it was being read.`,
    );
}
