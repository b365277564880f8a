// Shared by the escalation, reminder and report tests: the real captures turned into core types,
// and a small builder for hand-made histories.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { USER_PHIDS } from '../../standin/accounts';
import type {
  CommentVersion,
  InstanceVocabulary,
  PhabUser,
  Phid,
  TaskSnapshot,
  TaskTransaction,
} from '../../../src/core/model';

const CONDUIT = fileURLToPath(new URL('../../fixtures/conduit/', import.meta.url));

/** The moment the fixture instance was seeded; every age in the fixtures README is relative to it. */
export const SEEDED_AT = 1795700668;
export const HOUR = 3600;
export const DAY = 86400;

export function readReply(name: string): unknown {
  return JSON.parse(readFileSync(`${CONDUIT}${name}.response.json`, 'utf8'));
}

interface Page<T> {
  result: { data: T[] };
}

export function fixtureHistory(task: string): TaskTransaction[] {
  return (readReply(`transaction.search.${task}`) as Page<TaskTransaction>).result.data;
}

interface RawUser {
  phid: string;
  fields: { username: string; realName: string; roles: string[] };
  attachments: { availability?: { value: string; until: number | null } };
}

export function fixtureUsers(): PhabUser[] {
  return (readReply('user.search.availability') as Page<RawUser>).result.data.map((u) => ({
    phid: u.phid,
    username: u.fields.username,
    realName: u.fields.realName,
    roles: u.fields.roles,
    availability: {
      value: (u.attachments.availability?.value ?? 'unknown') as PhabUser['availability']['value'],
      until: u.attachments.availability?.until ?? null,
    },
  }));
}

export function userMap(users: PhabUser[] = fixtureUsers()): Map<string, PhabUser> {
  return new Map(users.map((u) => [u.username, u]));
}

export function fixtureVocabulary(): InstanceVocabulary {
  const priorities = (
    readReply('maniphest.priority.search') as Page<{
      value: number;
      name: string;
      keywords: string[];
      color: string;
    }>
  ).result.data.map((p) => ({ value: p.value, name: p.name, keywords: p.keywords, color: p.color }));
  const statuses = (
    readReply('maniphest.status.search') as Page<{ value: string; name: string; closed: boolean }>
  ).result.data.map((s) => ({ value: s.value, name: s.name, closed: s.closed }));
  return { priorities, statuses };
}

interface RawTask {
  id: number;
  phid: string;
  fields: {
    name: string;
    status: { value: string; name: string };
    priority: { value: number; name: string };
    ownerPHID: string | null;
    authorPHID: string;
    dateCreated: number;
    dateModified: number;
    dateClosed: number | null;
  };
}

/** The tasks of a maniphest.search capture as snapshots (projects and subscribers left empty). */
export function fixtureTasks(capture: string): TaskSnapshot[] {
  return (readReply(capture) as Page<RawTask>).result.data.map((t) => ({
    id: t.id,
    phid: t.phid,
    title: t.fields.name,
    status: t.fields.status,
    priority: t.fields.priority,
    ownerPHID: t.fields.ownerPHID,
    authorPHID: t.fields.authorPHID,
    dateCreated: t.fields.dateCreated,
    dateModified: t.fields.dateModified,
    dateClosed: t.fields.dateClosed,
    projectPHIDs: [],
    subscriberPHIDs: [],
  }));
}

/** Real account PHIDs of the fixture instance. */
export const PHID = USER_PHIDS;

export type Who = keyof typeof PHID;

const TASK = 'PHID-TASK-handbuilt0000000000';

/**
 * Builds a history the way Phorge records it, oldest first. Times are seconds relative to `t0`;
 * ids grow by one per transaction. Conduit's newest-first order is produced by `.newestFirst()`.
 */
export class HistoryBuilder {
  private readonly items: TaskTransaction[] = [];
  private nextId = 1;
  private nextComment = 1;
  private group = 0;

  constructor(readonly t0: number = SEEDED_AT - 30 * DAY) {}

  private push(
    type: string | null,
    at: number,
    who: Who,
    fields: Record<string, unknown> = {},
    comments: CommentVersion[] = [],
  ): this {
    const id = this.nextId++;
    this.items.push({
      id,
      phid: `PHID-XACT-TASK-hand${String(id).padStart(11, '0')}`,
      type,
      authorPHID: PHID[who],
      objectPHID: TASK,
      dateCreated: this.t0 + at,
      dateModified: this.t0 + at,
      groupID: `group${this.group}`,
      comments,
      fields,
    });
    return this;
  }

  /** Starts a new edit: transactions until the next call share a groupID. */
  edit(): this {
    this.group++;
    return this;
  }

  create(at: number, who: Who, priority?: number): this {
    this.edit().push('create', at, who).push('title', at, who, { old: '', new: 'A task' });
    // Phorge records a filed-as-UBN! task as Needs Triage -> UBN! at creation time.
    if (priority !== undefined && priority !== 90) this.priority(at, who, 90, priority, false);
    return this;
  }

  priority(at: number, who: Who, from: number, to: number, newEdit = true): this {
    if (newEdit) this.edit();
    return this.push('priority', at, who, {
      old: { value: from, name: `p${from}` },
      new: { value: to, name: `p${to}` },
    });
  }

  status(at: number, who: Who, from: string, to: string): this {
    return this.edit().push('status', at, who, { old: from, new: to });
  }

  owner(at: number, who: Who, from: Phid | null, to: Phid | null): this {
    return this.edit().push('owner', at, who, { old: from, new: to });
  }

  /** A comment; `versions` are later edits as [secondsAfterT0, text] (or null text for removal). */
  comment(at: number, who: Who, text: string, versions: [number, string | null][] = []): this {
    const id = this.nextComment++;
    const texts: { at: number; text: string | null }[] = [{ at, text }];
    for (const [editedAt, editedText] of versions) texts.push({ at: editedAt, text: editedText });
    const all: CommentVersion[] = texts.map((v, i) => ({
      id: id * 100 + i,
      version: i + 1,
      authorPHID: PHID[who],
      dateCreated: this.t0 + v.at,
      dateModified: this.t0 + v.at,
      removed: v.text === null,
      content: { raw: v.text ?? '' },
    }));
    // Conduit lists the newest version first; core must not depend on that.
    return this.edit().push('comment', at, who, {}, all.reverse());
  }

  /** "closed this task as a duplicate of T99": Phorge's mergedinto, which writes no status transaction. */
  mergedInto(at: number, who: Who): this {
    return this.edit().push('mergedinto', at, who, { old: null, new: 'PHID-TASK-target00000000000' });
  }

  /** Any other edit the person makes (here: subscribing someone). */
  touch(at: number, who: Who): this {
    return this.edit().push('subscribers', at, who, { operations: [{ operation: 'add', phid: PHID[who] }] });
  }

  /**
   * A typeless transaction in the person's name (type null, empty fields): Phorge records a mention of
   * the task elsewhere, a relation, a board move or a policy change this way.
   */
  typeless(at: number, who: Who): this {
    return this.edit().push(null, at, who);
  }

  build(): TaskTransaction[] {
    return [...this.items];
  }

  newestFirst(): TaskTransaction[] {
    return [...this.items].reverse();
  }
}
