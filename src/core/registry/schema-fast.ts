// A quick check of a well-formed registry document, for the common case where nothing is wrong:
// it gives exactly what CheckedRegistryDocumentSchema gives (same trimming, defaults and key
// order), or null whenever it is not sure, and then zod, the one source of truth, reads the
// document and words any problem. So this never rejects and never explains: it only skips zod's
// per-value bookkeeping (several times slower) on a document zod would accept unchanged.
import { ContactsSchema, crossReferenceIssues, REGISTRY_KEYS, type RegistryDocument } from './schema';

type Person = RegistryDocument['people'][number];
type Team = RegistryDocument['teams'][number];
type Component = RegistryDocument['components'][number];

/** Thrown inside the check to give up; caught at the top and turned into null. */
const UNSURE = Symbol('unsure');

function unsure(): never {
  throw UNSURE;
}

/** A plain object whose own keys are all among `allowed` and none of whose values is undefined. */
function record(value: unknown, allowed: ReadonlySet<string>): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) unsure();
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) unsure();
  const object = value as Record<string, unknown>;
  // for-in rather than Object.keys: no array per object. With the prototype checked above it sees
  // the own keys, plus any key someone added to Object.prototype, which is unsure too.
  for (const key in object) {
    if (!allowed.has(key) || object[key] === undefined) unsure();
  }
  return object;
}

function has(object: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** z.string().trim().min(1) */
function text(value: unknown): string {
  if (typeof value !== 'string') unsure();
  const trimmed = value.trim();
  if (trimmed.length === 0) unsure();
  return trimmed;
}

const USERNAME = /^[^\s,]+$/;

/** The username schema: trimmed, not empty, no spaces or commas. */
function username(value: unknown): string {
  const name = text(value);
  if (!USERNAME.test(name)) unsure();
  return name;
}

/** z.array(item).default([]) */
function list<T>(object: Record<string, unknown>, key: string, item: (value: unknown) => T): T[] {
  if (!has(object, key)) return [];
  const value = object[key];
  if (!Array.isArray(value)) unsure();
  const out: T[] = new Array<T>(value.length);
  for (let i = 0; i < value.length; i++) out[i] = item(value[i]);
  return out;
}

function oneOf<T extends string>(
  object: Record<string, unknown>,
  key: string,
  values: readonly T[],
  fallback: T,
): T {
  if (!has(object, key)) return fallback;
  const value = object[key];
  if (!values.includes(value as T)) unsure();
  return value as T;
}

const PERSON_KEYS = new Set(REGISTRY_KEYS.people);
const TEAM_KEYS = new Set(REGISTRY_KEYS.teams);
const COMPONENT_KEYS = new Set(REGISTRY_KEYS.components);
const DOCUMENT_KEYS = new Set(REGISTRY_KEYS.document);
const POLICY_KEYS = new Set(REGISTRY_KEYS.policy);

function person(value: unknown): Person {
  const p = record(value, PERSON_KEYS);
  const out = { username: username(p.username) } as Person;
  if (has(p, 'name')) out.name = text(p.name);
  out.status = oneOf(p, 'status', ['active', 'departed'], 'active');
  if (has(p, 'affiliation')) {
    if (p.affiliation !== 'staff' && p.affiliation !== 'volunteer') unsure();
    out.affiliation = p.affiliation;
  }
  out.aliases = list(p, 'aliases', text);
  return out;
}

function team(value: unknown): Team {
  const t = record(value, TEAM_KEYS);
  const out = { name: text(t.name) } as Team;
  if (has(t, 'group')) out.group = text(t.group);
  out.members = list(t, 'members', username);
  if (has(t, 'manager')) out.manager = username(t.manager);
  if (has(t, 'contacts')) {
    // Addresses and URLs are zod's to judge: few, and their rules are zod's own.
    const contacts = ContactsSchema.safeParse(t.contacts);
    if (!contacts.success) unsure();
    out.contacts = contacts.data;
  } else out.contacts = {};
  return out;
}

function component(value: unknown): Component {
  const c = record(value, COMPONENT_KEYS);
  const out = { name: text(c.name) } as Component;
  if (has(c, 'description')) {
    if (typeof c.description !== 'string') unsure();
    out.description = c.description;
  }
  if (has(c, 'critical')) {
    if (typeof c.critical !== 'boolean') unsure();
    out.critical = c.critical;
  } else out.critical = false;
  out.phabricatorProjects = list(c, 'phabricatorProjects', text);
  out.paths = list(c, 'paths', text);
  out.stewards = list(c, 'stewards', text);
  out.maintainers = list(c, 'maintainers', text);
  out.consulted = list(c, 'consulted', text);
  return out;
}

function policy(d: Record<string, unknown>): RegistryDocument['policy'] {
  if (!has(d, 'policy')) return { minOwners: 2 };
  const p = record(d.policy, POLICY_KEYS);
  if (!has(p, 'minOwners')) return { minOwners: 2 };
  const n = p.minOwners;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 50) unsure();
  return { minOwners: n };
}

function documentOf(value: unknown): RegistryDocument {
  const d = record(value, DOCUMENT_KEYS);
  const out = {} as RegistryDocument;
  if (has(d, '$schema')) {
    if (typeof d.$schema !== 'string') unsure();
    out.$schema = d.$schema;
  }
  out.people = list(d, 'people', person);
  out.teams = list(d, 'teams', team);
  out.components = list(d, 'components', component);
  if (has(d, 'fallback')) out.fallback = text(d.fallback);
  out.policy = policy(d);
  if (crossReferenceIssues(out).length > 0) unsure();
  return out;
}

/** The document as CheckedRegistryDocumentSchema would return it, or null: ask zod. */
export function quickRegistryDocument(value: unknown): RegistryDocument | null {
  try {
    return documentOf(value);
  } catch (e) {
    if (e === UNSURE) return null;
    throw e;
  }
}
