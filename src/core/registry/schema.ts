// The native registry document (JSON or YAML). scripts/registry-schema.ts turns
// RegistryDocumentSchema into schema/registry.schema.json for editors; keep descriptions useful.
import { z } from 'zod';
import { DEFAULT_AFFILIATION, personKey } from './types';

const username = z
  .string()
  .trim()
  .min(1)
  .regex(/^[^\s,]+$/, 'a Phabricator username has no spaces or commas')
  .describe('Phabricator username');

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const PersonSchema = z
  .object({
    username,
    name: z.string().trim().min(1).optional().describe('Display name; defaults to the username'),
    status: z
      .enum(['active', 'departed'])
      .default('active')
      .describe('"departed" people are never counted as live owners'),
    // No zod default: whether the document said it matters when sources are merged. Editors still
    // see the default in the JSON Schema; the reader applies it (documentToRegistry).
    affiliation: z.enum(['staff', 'volunteer']).optional().meta({
      default: DEFAULT_AFFILIATION,
      description: 'Volunteers may be too slow for an Unbreak Now! task',
    }),
    aliases: z
      .array(z.string().trim().min(1))
      .default([])
      .describe('Other names for this person (wiki username, real name), used when sources merge'),
  })
  .strict();

export const ContactsSchema = z
  .object({
    list: z.email({ error: 'must be a mailing list address' }).optional().describe('Mailing list address'),
    chat: z.string().trim().min(1).optional().describe('Chat channel, e.g. #wikimedia-releng'),
    tag: z.string().trim().min(1).optional().describe('Phabricator tag that reaches the team'),
    url: httpUrl.optional().describe('Page describing how to reach the team'),
  })
  .strict();

export const TeamSchema = z
  .object({
    name: z.string().trim().min(1).describe('Team name, as stewards refer to it'),
    group: z.string().trim().min(1).optional().describe('Organisational group the team belongs to'),
    members: z.array(username).default([]).describe('Usernames of people listed under "people"'),
    manager: username.optional().describe('Username to escalate to'),
    contacts: ContactsSchema.default({}),
  })
  .strict();

const ownerRef = z.string().trim().min(1).describe('A team name or a person username');

export const ComponentSchema = z
  .object({
    name: z.string().trim().min(1),
    description: z.string().optional(),
    critical: z
      .boolean()
      .default(false)
      .describe('Critical components need at least policy.minOwners live stewards'),
    phabricatorProjects: z
      .array(z.string().trim().min(1))
      .default([])
      .describe('Project names, slugs (#slug) or PHIDs; empty means "match by component name"'),
    paths: z
      .array(z.string().trim().min(1))
      .default([])
      .describe('Files and directories the component covers'),
    stewards: z
      .array(ownerRef)
      .default([])
      .describe('Level-1 owners, on the hook for severe issues; prefer teams'),
    maintainers: z.array(ownerRef).default([]).describe('Level-2 owners who keep quality up; usually people'),
    consulted: z.array(ownerRef).default([]),
  })
  .strict();

const PolicySchema = z
  .object({
    minOwners: z.int().min(1).max(50).default(2).describe('Live stewards a critical component needs'),
  })
  .strict();

export const RegistryDocumentSchema = z
  .object({
    $schema: z.string().optional(),
    people: z.array(PersonSchema).default([]),
    teams: z.array(TeamSchema).default([]),
    components: z.array(ComponentSchema).default([]),
    fallback: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe('Team named when a component has no live steward (owner of last resort)'),
    policy: PolicySchema.default({ minOwners: 2 }),
  })
  .strict()
  .describe('Steward owners registry');

/** The keys each part of a registry document may have, read from the schemas above. */
export const REGISTRY_KEYS = {
  document: Object.keys(RegistryDocumentSchema.shape),
  people: Object.keys(PersonSchema.shape),
  teams: Object.keys(TeamSchema.shape),
  contacts: Object.keys(ContactsSchema.shape),
  components: Object.keys(ComponentSchema.shape),
  policy: Object.keys(PolicySchema.shape),
} as const;

export type RegistryDocument = z.output<typeof RegistryDocumentSchema>;

/** A problem the cross-reference check reports; the same shape zod's custom issues take. */
export interface CrossReferenceIssue {
  code: 'custom';
  path: (string | number)[];
  message: string;
}

/** The cross-references a JSON Schema cannot express, in document order. */
export function crossReferenceIssues(doc: RegistryDocument): CrossReferenceIssue[] {
  const issues: CrossReferenceIssue[] = [];
  crossReferences(doc, { addIssue: (issue) => issues.push(issue) });
  return issues;
}

/** The earlier spelling, when it is not written the same: "Mobile Apps" for "Mobile_Apps". */
function spelledAs(earlier: string, later: string): string {
  if (earlier === later) return '';
  // "ü" as one character or as "u" and a combining mark: alike on screen, so say what differs.
  if (earlier.normalize('NFC') === later.normalize('NFC')) return ', the same letters encoded differently';
  return ` as "${earlier}"`;
}

function crossReferences(doc: RegistryDocument, ctx: { addIssue(issue: CrossReferenceIssue): void }): void {
  // Names are compared as lookups find them (personKey folds case, "_", spacing and Unicode forms):
  // two spellings of one key are one entry to every reader, and one of them would be lost unseen.
  const people = new Map<string, number>();
  // The names as written too: most references repeat them exactly, and a lookup is cheaper than a fold.
  const writtenPeople = new Set<string>();
  const writtenTeams = new Set<string>();
  doc.people.forEach((p, i) => {
    const k = personKey(p.username);
    const first = people.get(k);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['people', i, 'username'],
        message: `"${p.username}" is listed twice (also people[${first}]${spelledAs(doc.people[first]!.username, p.username)})`,
      });
    } else people.set(k, i);
    writtenPeople.add(p.username);
  });
  const teams = new Map<string, number>();
  doc.teams.forEach((t, i) => {
    const k = personKey(t.name);
    const first = teams.get(k);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['teams', i, 'name'],
        message: `team "${t.name}" is listed twice (also teams[${first}]${spelledAs(doc.teams[first]!.name, t.name)})`,
      });
    } else teams.set(k, i);
    writtenTeams.add(t.name);
    t.members.forEach((m, j) => {
      if (!writtenPeople.has(m) && !people.has(personKey(m))) {
        ctx.addIssue({
          code: 'custom',
          path: ['teams', i, 'members', j],
          message: `unknown member "${m}": add them under "people" (username: ${m})`,
        });
      }
    });
    if (t.manager && !people.has(personKey(t.manager))) {
      ctx.addIssue({
        code: 'custom',
        path: ['teams', i, 'manager'],
        message: `unknown manager "${t.manager}": add them under "people"`,
      });
    }
  });
  const components = new Map<string, number>();
  doc.components.forEach((c, i) => {
    const k = personKey(c.name);
    const first = components.get(k);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['components', i, 'name'],
        message: `component "${c.name}" is listed twice (also components[${first}]${spelledAs(doc.components[first]!.name, c.name)})`,
      });
    } else components.set(k, i);
    for (const role of ['stewards', 'maintainers', 'consulted'] as const) {
      c[role].forEach((ref, j) => {
        if (writtenTeams.has(ref) || writtenPeople.has(ref)) return;
        const key = personKey(ref);
        if (!teams.has(key) && !people.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['components', i, role, j],
            message: `"${ref}" is neither a team name nor a username in this registry: add it under "teams" or "people"`,
          });
        }
      });
    }
  });
  if (doc.fallback && !teams.has(personKey(doc.fallback))) {
    ctx.addIssue({
      code: 'custom',
      path: ['fallback'],
      message: `fallback "${doc.fallback}" is not a team in this registry: add it under "teams"`,
    });
  }
}

/** The schema plus the cross-references a JSON Schema cannot express. */
export const CheckedRegistryDocumentSchema = RegistryDocumentSchema.superRefine((doc, ctx) => {
  for (const issue of crossReferenceIssues(doc))
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
