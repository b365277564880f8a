// Who drives an escalated task: the newest "Process owner: @username" declaration posted since the
// escalation, whether that person has acted since, and otherwise the assignee as a fallback.
import type { Epoch, PhabUser, Phid, TaskTransaction } from '../model';
import { declarationPoint, parseDeclaration } from './declarations';
import type { HistoryPoint } from './transactions';
import { chronological, comparePoints, currentComment, pointOf, readOwnerChange } from './transactions';

/**
 * none: nobody declared and nobody assigned; assignee: "assignee, not declared";
 * declared: a declaration nobody has answered yet; acknowledged: the declared person acted since.
 */
export type ProcessOwnerState = 'none' | 'assignee' | 'declared' | 'acknowledged';

export interface DeclarationEvent extends HistoryPoint {
  byPHID: Phid;
  /** As written in the comment (the instance's own casing is on `user`). */
  username: string;
  /** null when the username matches no account the lookup knows. */
  user: PhabUser | null;
}

export interface ReleaseEvent extends HistoryPoint {
  byPHID: Phid;
  byUser: PhabUser | null;
}

export interface ProcessOwner {
  state: ProcessOwnerState;
  /** The person treated as driving the task: the declared owner, else the assignee. */
  username: string | null;
  phid: Phid | null;
  user: PhabUser | null;
  /** The declaration in force, if any. */
  declaration: DeclarationEvent | null;
  acknowledgedAt: HistoryPoint | null;
  /** The "Process owner: none" that is in force, if the newest declaration line was one. */
  release: ReleaseEvent | null;
  assignee: { phid: Phid | null; user: PhabUser | null; since: HistoryPoint | null };
  /** Since when the person above has been in charge (never before `since` passed in). */
  inChargeSince: Epoch | null;
  /** Newest transaction the person above authored on the task, at any time. */
  lastActivityAt: Epoch | null;
}

/** Usernames are case-insensitive in Phabricator; PHIDs are exact. */
export interface UserIndex {
  byUsername: ReadonlyMap<string, PhabUser>;
  byPhid: ReadonlyMap<Phid, PhabUser>;
}

const indexes = new WeakMap<ReadonlyMap<string, PhabUser>, UserIndex>();

/** Builds (once per map) the lookups used to resolve declarations and transaction authors. */
export function indexUsers(users: ReadonlyMap<string, PhabUser>): UserIndex {
  const cached = indexes.get(users);
  if (cached !== undefined) return cached;
  const byUsername = new Map<string, PhabUser>();
  const byPhid = new Map<Phid, PhabUser>();
  for (const [name, user] of users) {
    byUsername.set(name.toLowerCase(), user);
    byUsername.set(user.username.toLowerCase(), user);
    byPhid.set(user.phid, user);
  }
  const index = { byUsername, byPhid };
  indexes.set(users, index);
  return index;
}

export interface ProcessOwnerInput {
  history: readonly TaskTransaction[];
  /** The escalation the declaration must follow; null considers the whole history. */
  since: HistoryPoint | null;
  users: ReadonlyMap<string, PhabUser>;
  /** The assignee maniphest.search reports now; when omitted, replayed from owner transactions. */
  currentOwnerPHID?: Phid | null;
}

/**
 * Whether a transaction is the person acting on the task (acknowledging a declaration, breaking a
 * silence). Phorge's typeless transactions (type null, empty fields: mentions and relations, board moves,
 * policy changes) are not: a mention is recorded on the mentioned task in the name of whoever wrote it
 * elsewhere, so pasting a list of tasks into a report would otherwise acknowledge every one of them.
 */
export function acknowledges(tx: TaskTransaction): boolean {
  return tx.type !== null || tx.comments.length > 0;
}

export function resolveProcessOwner(input: ProcessOwnerInput): ProcessOwner {
  const users = indexUsers(input.users);
  const ordered = chronological(input.history);

  let assigneePHID: Phid | null = null;
  let assignedAt: HistoryPoint | null = null;
  let newest: { point: HistoryPoint; byPHID: Phid; username: string | null } | null = null;

  for (const tx of ordered) {
    if (tx.type === 'owner') {
      const owner = readOwnerChange(tx);
      if (owner !== null) {
        assigneePHID = owner.new;
        assignedAt = pointOf(tx);
      }
    }
    if (tx.comments.length === 0) continue;
    const comment = currentComment(tx);
    if (comment === null) continue;
    // Read as it is now before the escalation: it cannot declare for it, and is not parsed at all.
    if (input.since !== null && Math.max(comment.dateCreated, tx.dateCreated) < input.since.at) continue;
    const declaration = parseDeclaration(comment.content.raw);
    if (declaration === null) continue;
    // An edited comment declares what it says now, from the edit that made it say so: fixing a typo
    // around the line moves nothing, so an answer given before the fix still acknowledges it.
    const point = declarationPoint(tx, declaration);
    if (point === null) continue;
    // Posted after the escalation: in the same second, after it in Phorge's order (an earlier, separate
    // edit of that second is older than the escalation).
    if (input.since !== null && comparePoints(point, input.since) < 0) continue;
    if (newest !== null && comparePoints(point, newest.point) < 0) continue;
    newest = {
      point,
      byPHID: tx.authorPHID,
      username: declaration.kind === 'declare' ? declaration.username : null,
    };
  }

  // Oldest first: the person's newest transaction is the last one of theirs, found from the end.
  const lastActivityOf = (phid: Phid): Epoch | null => {
    for (let i = ordered.length - 1; i >= 0; i--) {
      const tx = ordered[i] as TaskTransaction;
      if (tx.authorPHID === phid && acknowledges(tx)) return tx.dateCreated;
    }
    return null;
  };

  if (input.currentOwnerPHID !== undefined && input.currentOwnerPHID !== assigneePHID) {
    assigneePHID = input.currentOwnerPHID;
    assignedAt = null;
  }
  const assignee = {
    phid: assigneePHID,
    user: assigneePHID === null ? null : (users.byPhid.get(assigneePHID) ?? null),
    since: assignedAt,
  };
  const sinceAt = input.since?.at ?? null;
  const laterOf = (a: Epoch | null, b: Epoch | null): Epoch | null =>
    a === null ? b : b === null ? a : Math.max(a, b);

  if (newest !== null && newest.username !== null) {
    const user = users.byUsername.get(newest.username.toLowerCase()) ?? null;
    const declaration: DeclarationEvent = {
      ...newest.point,
      byPHID: newest.byPHID,
      username: newest.username,
      user,
    };
    let acknowledgedAt: HistoryPoint | null = null;
    if (user !== null) {
      // Declaring oneself is the acknowledgement.
      if (newest.byPHID === user.phid) acknowledgedAt = newest.point;
      else {
        const { at, transactionId } = newest.point;
        const answer = ordered.find(
          (tx) =>
            tx.authorPHID === user.phid &&
            acknowledges(tx) &&
            (tx.dateCreated > at || (tx.dateCreated === at && tx.id > transactionId)),
        );
        if (answer !== undefined) acknowledgedAt = pointOf(answer);
      }
    }
    return {
      state: acknowledgedAt === null ? 'declared' : 'acknowledged',
      username: user?.username ?? newest.username,
      phid: user?.phid ?? null,
      user,
      declaration,
      acknowledgedAt,
      release: null,
      assignee,
      inChargeSince: declaration.at,
      lastActivityAt: user === null ? null : lastActivityOf(user.phid),
    };
  }

  const release =
    newest === null
      ? null
      : { ...newest.point, byPHID: newest.byPHID, byUser: users.byPhid.get(newest.byPHID) ?? null };
  return {
    state: assignee.phid === null ? 'none' : 'assignee',
    username: assignee.user?.username ?? null,
    phid: assignee.phid,
    user: assignee.user,
    declaration: null,
    acknowledgedAt: null,
    release,
    assignee,
    inChargeSince: assignee.phid === null ? null : laterOf(assignedAt?.at ?? null, sinceAt),
    lastActivityAt: assignee.phid === null ? null : lastActivityOf(assignee.phid),
  };
}
