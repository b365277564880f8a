// The lookups one evaluation reads its accounts and projects through, built once per list rather than once
// per task: a poll evaluates a thousand tasks against one list of accounts and one list of projects, and
// building a map (and the directory's signature) of every account for each task made its cost grow with
// tasks × accounts. Keyed by the list itself, so a new list (a new read) gets new lookups; lists are never
// changed once handed to an evaluation.
import type { PhabProject, PhabUser } from '../core/model';
import { UserDirectory } from '../core/ownership/liveness';

export interface AccountLookups {
  byUsername: ReadonlyMap<string, PhabUser>;
  /** By username in lower case: how a registry or a declaration names people. */
  byLowercaseName: ReadonlyMap<string, PhabUser>;
  byPhid: ReadonlyMap<string, PhabUser>;
  directory: UserDirectory;
}

const accounts = new WeakMap<readonly PhabUser[], AccountLookups>();
const projects = new WeakMap<readonly PhabProject[], ReadonlyMap<string, PhabProject>>();

export function accountLookups(users: readonly PhabUser[]): AccountLookups {
  let found = accounts.get(users);
  if (!found) {
    found = {
      byUsername: new Map(users.map((u) => [u.username, u])),
      byLowercaseName: new Map(users.map((u) => [u.username.toLowerCase(), u])),
      byPhid: new Map(users.map((u) => [u.phid, u])),
      directory: new UserDirectory(users),
    };
    accounts.set(users, found);
  }
  return found;
}

export function projectsByPhid(list: readonly PhabProject[]): ReadonlyMap<string, PhabProject> {
  let found = projects.get(list);
  if (!found) {
    found = new Map(list.map((p) => [p.phid, p]));
    projects.set(list, found);
  }
  return found;
}
