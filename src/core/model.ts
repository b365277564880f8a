// Domain types shared by core/, the Conduit client and the worker. They mirror what Phorge's
// Conduit returns (seconds since epoch, PHIDs) so that adapters stay thin; core never fetches.

export type Epoch = number; // seconds since the Unix epoch, as Conduit reports times
export type Phid = string;

/** Maniphest's "Unbreak Now!" value. The only priority value core may name; read the rest from the instance. */
export const UBN_PRIORITY = 100;

export interface PriorityLevel {
  value: number;
  name: string;
  keywords: string[];
  color?: string;
}

export interface StatusLevel {
  value: string;
  name: string;
  closed: boolean;
  /** Phorge's role for it, when it has one: "default", "closed" or "duplicate" (the status a merge sets). */
  special?: string;
}

/** What core needs to know about an instance: read from maniphest.priority.search / status.search. */
export interface InstanceVocabulary {
  priorities: PriorityLevel[];
  statuses: StatusLevel[];
}

export interface CommentVersion {
  id: number;
  version: number;
  authorPHID: Phid;
  dateCreated: Epoch;
  dateModified: Epoch;
  removed: boolean;
  content: { raw: string };
}

/** One item of transaction.search (newest first as Conduit returns them; core must not rely on order). */
export interface TaskTransaction {
  id: number;
  phid: Phid;
  /** null for board moves, edges and policy changes, which come back typeless. */
  type: string | null;
  authorPHID: Phid;
  objectPHID: Phid;
  dateCreated: Epoch;
  dateModified: Epoch;
  groupID?: string;
  comments: CommentVersion[];
  /** Type-specific: priority {old,new:{value,name}}, owner {old,new: PHID|null}, status {old,new}, ... */
  fields: Record<string, unknown>;
}

/** A task as maniphest.search (with projects and subscribers attachments) describes it. */
export interface TaskSnapshot {
  id: number;
  phid: Phid;
  title: string;
  status: { value: string; name: string };
  priority: { value: number; name: string };
  ownerPHID: Phid | null;
  authorPHID: Phid;
  dateCreated: Epoch;
  dateModified: Epoch;
  dateClosed: Epoch | null;
  projectPHIDs: Phid[];
  subscriberPHIDs: Phid[];
}

export type Availability = 'available' | 'busy' | 'away' | 'disabled' | 'unknown';

/** A Phabricator account as user.search with the availability attachment describes it. */
export interface PhabUser {
  phid: Phid;
  username: string;
  realName: string;
  roles: string[];
  availability: { value: Availability; until: Epoch | null };
}

export interface PhabProject {
  id: number;
  phid: Phid;
  name: string;
  slug: string | null;
}

/** A Phabricator username as Steward accepts one (the message contract caps it at 64 characters). */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
