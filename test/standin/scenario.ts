// The scenario file format: a readable description of a Phabricator world (users, projects, tasks and their
// histories, vocabularies, clock). Validated with zod; see test/standin/README.md for a worked example.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const time = z.union([z.number().int().nonnegative(), z.string().min(1)]);
const username = z.string().regex(/^[A-Za-z0-9._-]+$/, 'a Phabricator username (letters, digits, . _ -)');
const phid = (type: string) =>
  z.string().regex(new RegExp(`^PHID-${type}-[a-z0-9]+$`), `a PHID of the form PHID-${type}-...`);

const availability = z
  .object({
    value: z.enum(['available', 'busy', 'away']),
    /** When the busy/away spell ends; after it the user is available again. */
    until: time.nullable().optional(),
    eventPHID: phid('CEVT').nullable().optional(),
  })
  .strict();

const session = z
  .object({
    /** Value of the phsid cookie. */
    key: z.string().regex(/^[A-Za-z0-9%/_-]{8,}$/, 'a session key of 8 or more URL-safe characters'),
    /** Extra CSRF tokens accepted for this session (e.g. tokens seen in captured requests). */
    csrfTokens: z.array(z.string().regex(/^B@/, 'a Phorge CSRF token starting with "B@"')).optional(),
  })
  .strict();

export const scenarioUser = z
  .object({
    username,
    realName: z.string(),
    id: z.number().int().positive().optional(),
    phid: phid('USER').optional(),
    /** Extra roles: "admin", "bot", "disabled", "mailing-list". verified/approved/activated follow from them. */
    roles: z.array(z.enum(['admin', 'bot', 'disabled', 'mailing-list'])).optional(),
    /** Conduit API token ("api-" + 28 lowercase letters/digits). */
    apiToken: z
      .string()
      .regex(
        /^(api|cli)-[a-z0-9]{28}$/,
        'an API token: "api-" then 28 lowercase letters or digits (32 characters, as Phorge requires)',
      )
      .optional(),
    email: z.string().optional(),
    availability: availability.optional(),
    /** Profile picture path on the stand-in; a letter avatar is generated when omitted. */
    image: z.string().optional(),
    /** Phorge's accessibility setting: "dark" serves pages with the darkmode resource postprocessor. */
    theme: z.enum(['light', 'dark']).optional(),
    dateCreated: time.optional(),
    dateModified: time.optional(),
    /** Sessions that exist when the scenario loads (the phsid cookie value and pinned CSRF tokens). */
    sessions: z.array(session).optional(),
  })
  .strict();

const column = z
  .object({
    id: z.number().int().positive().optional(),
    phid: phid('PCOL').optional(),
    name: z.string(),
    isDefault: z.boolean().optional(),
    hidden: z.boolean().optional(),
    dateCreated: time.optional(),
  })
  .strict();

export const scenarioProject = z
  .object({
    id: z.number().int().positive().optional(),
    phid: phid('PROJ').optional(),
    name: z.string().min(1),
    slug: z.string().optional(),
    description: z.string().optional(),
    icon: z.string().optional(),
    color: z.string().optional(),
    members: z.array(username).optional(),
    watchers: z.array(username).optional(),
    /** Workboard columns in board order; the first is the default column unless another says isDefault. */
    columns: z.array(column).optional(),
    /** Makes this a subproject of an earlier project (name, slug or PHID). */
    parent: z.string().min(1).optional(),
    /** Makes this a milestone of `parent` (numbered in order); milestones have no slug. */
    milestone: z.boolean().optional(),
    dateCreated: time.optional(),
    dateModified: time.optional(),
  })
  .strict();

/** A policy: "public", "users", "admin", "no-one", a project name/slug (members only), or a PHID. */
const policy = z.string().min(1);
const priorityRef = z.union([z.number().int(), z.string().min(1)]);

const xactionBase = {
  id: z.number().int().positive().optional(),
  phid: phid('XACT-TASK').optional(),
  /** Author (username). */
  by: username,
  at: time,
  /** Transactions of one edit share a group; by default consecutive ones with the same author and time do. */
  group: z.string().optional(),
};

const scenarioXaction = z.discriminatedUnion('type', [
  z.object({ ...xactionBase, type: z.literal('create') }).strict(),
  z
    .object({ ...xactionBase, type: z.literal('title'), from: z.string().optional(), to: z.string() })
    .strict(),
  z
    .object({ ...xactionBase, type: z.literal('description'), from: z.string().optional(), to: z.string() })
    .strict(),
  z.object({ ...xactionBase, type: z.literal('priority'), from: priorityRef, to: priorityRef }).strict(),
  z.object({ ...xactionBase, type: z.literal('status'), from: z.string(), to: z.string() }).strict(),
  z
    .object({ ...xactionBase, type: z.literal('owner'), from: username.nullable(), to: username.nullable() })
    .strict(),
  z
    .object({
      ...xactionBase,
      type: z.literal('comment'),
      text: z.string(),
      commentId: z.number().int().positive().optional(),
      commentPhid: phid('XCMT').optional(),
      removed: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      ...xactionBase,
      type: z.literal('subscribers'),
      add: z.array(username).optional(),
      remove: z.array(username).optional(),
    })
    .strict(),
  z
    .object({
      ...xactionBase,
      type: z.literal('projects'),
      add: z.array(z.string()).optional(),
      remove: z.array(z.string()).optional(),
    })
    .strict(),
  // Board moves, relations, mentions and policy changes: transaction.search reports them with
  // "type": null and empty fields, as Phorge does. `note` says what it was, for people reading the file.
  z.object({ ...xactionBase, type: z.literal('other'), note: z.string().optional() }).strict(),
]);

export const scenarioTask = z
  .object({
    id: z.number().int().positive(),
    phid: phid('TASK').optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    /** Status value (e.g. "open", "resolved"). Derived from the history when omitted. */
    status: z.string().optional(),
    /** Priority value, keyword ("unbreak") or name ("Unbreak Now!"). Derived from the history when omitted. */
    priority: priorityRef.optional(),
    author: username,
    owner: username.nullable().optional(),
    /** Project names, slugs or PHIDs. */
    projects: z.array(z.string()).optional(),
    subscribers: z.array(username).optional(),
    /** Workboard position: project name -> column name. */
    columns: z.record(z.string(), z.string()).optional(),
    viewPolicy: policy.optional(),
    interactPolicy: policy.optional(),
    editPolicy: policy.optional(),
    dateCreated: time,
    dateModified: time.optional(),
    dateClosed: time.nullable().optional(),
    closer: username.nullable().optional(),
    /** Parent task ids (task.parent edges; the parents get task.subtask edges). */
    parents: z.array(z.number().int().positive()).optional(),
    /** Task ids this task mentions (mention edges; the targets get mentioned-in edges). */
    mentions: z.array(z.number().int().positive()).optional(),
    /** Full history, oldest first. When omitted, a creation group is made from the task's fields. */
    history: z.array(scenarioXaction).optional(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    /** Optional label shown by GET /__standin/state. */
    name: z.string().optional(),
    /** The clock when the scenario loads; relative times are relative to it. Defaults to the real time. */
    now: time.optional(),
    priorities: z
      .array(
        z
          .object({
            name: z.string(),
            value: z.number().int(),
            keywords: z.array(z.string()).min(1),
            short: z.string().optional(),
            color: z.string(),
          })
          .strict(),
      )
      .min(1)
      .optional(),
    /** Priority value given to tasks created without one. */
    defaultPriority: z.number().int().optional(),
    statuses: z
      .array(
        z
          .object({
            value: z.string(),
            name: z.string(),
            closed: z.boolean(),
            special: z.enum(['default', 'closed', 'duplicate']).optional(),
            icon: z.string().optional(),
          })
          .strict(),
      )
      .min(1)
      .optional(),
    users: z.array(scenarioUser).min(1),
    projects: z.array(scenarioProject).default([]),
    tasks: z.array(scenarioTask).default([]),
  })
  .strict();

export type Scenario = z.input<typeof scenarioSchema>;
export type ParsedScenario = z.output<typeof scenarioSchema>;
export type ScenarioUser = z.output<typeof scenarioUser>;
export type ScenarioProject = z.output<typeof scenarioProject>;
export type ScenarioTask = z.output<typeof scenarioTask>;
export type ScenarioXaction = z.output<typeof scenarioXaction>;

export class ScenarioError extends Error {}

/** Validates a scenario object; the error names every bad field with its path. */
export function parseScenario(input: unknown, source = 'scenario'): ParsedScenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 20)
      .map((issue) => `  - ${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`);
    throw new ScenarioError(
      `${source} is not a valid stand-in scenario:\n${problems.join('\n')}\n` +
        'See test/standin/README.md for the format.',
    );
  }
  return result.data;
}

export function readScenarioFile(path: string): ParsedScenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(`cannot read scenario file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`scenario file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseScenario(json, `scenario file ${path}`);
}
