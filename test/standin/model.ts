// Runtime records of the stand-in's in-memory world. Field names follow Conduit's where one exists.
import type { AvailabilityValue, Priority, Status } from './vocabulary';

export interface User {
  id: number;
  phid: string;
  username: string;
  realName: string;
  isAdmin: boolean;
  isBot: boolean;
  isDisabled: boolean;
  isMailingList: boolean;
  apiToken: string | null;
  email: string;
  availability: { value: AvailabilityValue; until: number | null; eventPHID: string | null };
  /** Path of the profile picture (served by the stand-in as a letter avatar). */
  image: string;
  theme: 'light' | 'dark';
  dateCreated: number;
  dateModified: number;
}

export interface Column {
  id: number;
  phid: string;
  name: string;
  projectPHID: string;
  isDefault: boolean;
  hidden: boolean;
  sequence: number;
  dateCreated: number;
  dateModified: number;
}

export interface Project {
  id: number;
  phid: string;
  name: string;
  slug: string;
  description: string;
  icon: string;
  color: string;
  memberPHIDs: string[];
  watcherPHIDs: string[];
  /** The parent of a subproject or milestone; null for a root project. */
  parentPHID: string | null;
  /** A milestone's number under its parent; null for any other project. */
  milestone: number | null;
  columns: Column[];
  dateCreated: number;
  dateModified: number;
}

/** "public", "users", "admin", "no-one", or a project/user PHID. */
export type PolicyValue = string;

export interface Task {
  id: number;
  phid: string;
  title: string;
  description: string;
  status: string;
  priority: number;
  authorPHID: string;
  ownerPHID: string | null;
  projectPHIDs: string[];
  subscriberPHIDs: string[];
  /** projectPHID -> columnPHID for projects with a workboard. */
  columns: Map<string, string>;
  policy: { view: PolicyValue; interact: PolicyValue; edit: PolicyValue };
  dateCreated: number;
  dateModified: number;
  dateClosed: number | null;
  closerPHID: string | null;
}

export interface XactionComment {
  id: number;
  phid: string;
  version: number;
  authorPHID: string;
  dateCreated: number;
  dateModified: number;
  removed: boolean;
  content: { raw: string };
}

/** What a transaction did, in scenario terms; drives transaction.search fields and the page timeline. */
export type XactionChange =
  | { kind: 'create' }
  | { kind: 'title'; from: string; to: string }
  | { kind: 'description'; from: string; to: string }
  | { kind: 'priority'; from: number; to: number }
  | { kind: 'status'; from: string; to: string }
  | { kind: 'owner'; from: string | null; to: string | null }
  | { kind: 'comment'; text: string }
  | { kind: 'subscribers'; operations: { operation: 'add' | 'remove'; phid: string }[] }
  | { kind: 'projects'; operations: { operation: 'add' | 'remove'; phid: string }[] }
  | { kind: 'other'; note: string };

export interface Xaction {
  id: number;
  phid: string;
  objectPHID: string;
  authorPHID: string;
  dateCreated: number;
  dateModified: number;
  groupID: string;
  change: XactionChange;
  comments: XactionComment[];
}

export interface Edge {
  sourcePHID: string;
  edgeType: 'task.parent' | 'task.subtask' | 'mention' | 'mentioned-in';
  destinationPHID: string;
}

export interface Vocabulary {
  priorities: Priority[];
  statuses: Status[];
  defaultPriority: number;
}
