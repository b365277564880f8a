// The quick check of a registry document may skip zod only where zod would accept the document and
// return exactly the same value: over the fixture registries and thousands of mutated copies, a
// quick answer always equals zod's (same values, same key order), and any doubt goes to zod.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CheckedRegistryDocumentSchema } from '../../../src/core/registry/schema';
import { quickRegistryDocument } from '../../../src/core/registry/schema-fast';

const fixture = (path: string): unknown =>
  parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as unknown;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A registry shaped like a large real one: every optional field used somewhere. */
function generated(): unknown {
  const people = Array.from({ length: 40 }, (_, i) => ({
    username: `user${i}`,
    ...(i % 3 === 0 ? { name: ` Person ${i} ` } : {}),
    ...(i % 7 === 0 ? { status: 'departed' } : {}),
    ...(i % 5 === 0 ? { affiliation: 'volunteer' } : {}),
    ...(i % 4 === 0 ? { aliases: [`User ${i}`, ' alias '] } : {}),
  }));
  const teams = Array.from({ length: 8 }, (_, i) => ({
    name: `Team ${i}`,
    ...(i % 2 ? { group: 'Group' } : {}),
    members: [`user${i}`, `USER${i + 1}`],
    ...(i % 3 === 0 ? { manager: 'user0' } : {}),
    ...(i % 2 === 0
      ? {
          contacts: {
            list: `team${i}@lists.example.org`,
            chat: '#team',
            tag: 'tag',
            url: 'https://example.org/t',
          },
        }
      : {}),
  }));
  const components = Array.from({ length: 30 }, (_, i) => ({
    name: `Component ${i}`,
    ...(i % 4 === 0 ? { description: '  kept as written  ' } : {}),
    ...(i % 3 === 0 ? { critical: i % 2 === 0 } : {}),
    ...(i % 5 === 0 ? { phabricatorProjects: ['#component', 'PHID-PROJ-x'] } : {}),
    ...(i % 6 === 0 ? { paths: ['includes/'] } : {}),
    stewards: [`Team ${i % 8}`],
    maintainers: [`user${i}`],
    ...(i % 7 === 0 ? { consulted: ['team 1'] } : {}),
  }));
  return {
    $schema: './registry.schema.json',
    fallback: 'Team 0',
    policy: { minOwners: 1 },
    people,
    teams,
    components,
  };
}

const documents: [string, unknown][] = [
  ['example.yaml', fixture('fixtures/registry/example.yaml')],
  ['demo-registry.yaml', fixture('standin/scenarios/demo-registry.yaml')],
  ['generated', generated()],
];

type Container = Record<string, unknown> | unknown[];

/** Every object and array in the document, with its parent path. */
function containers(value: unknown, out: Container[] = []): Container[] {
  if (typeof value !== 'object' || value === null) return out;
  out.push(value as Container);
  for (const child of Object.values(value)) containers(child, out);
  return out;
}

const replacements: unknown[] = [
  null,
  undefined,
  '',
  '   ',
  ' padded ',
  'two words',
  'a,b',
  'x',
  'Team 1',
  'USER1',
  'user0',
  'nobody',
  0,
  1,
  2.5,
  50,
  51,
  -1,
  Number.NaN,
  true,
  'true',
  'departed',
  'volunteer',
  'gone',
  [],
  ['user1'],
  [' Team 2 '],
  {},
  { name: 'Team 9' },
  { username: 'new' },
  'team@lists.example.org',
  'not an address',
  'https://example.org',
  'ftp://example.org',
  'javascript:alert(1)',
  Object.create(null) as unknown,
];
const keys = [
  'name',
  'username',
  'status',
  'affiliation',
  'aliases',
  'members',
  'manager',
  'contacts',
  'list',
  'url',
  'chat',
  'tag',
  'group',
  'critical',
  'description',
  'stewards',
  'maintainers',
  'consulted',
  'paths',
  'phabricatorProjects',
  'fallback',
  'policy',
  'minOwners',
  '$schema',
  'unknown',
  '__proto__',
];

function mutate(document: unknown, random: () => number): unknown {
  const copy = structuredClone(document);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const times = 1 + Math.floor(random() * 3);
  for (let n = 0; n < times; n++) {
    const target = pick(containers(copy));
    const value = structuredClone(pick(replacements));
    if (Array.isArray(target)) {
      const op = random();
      if (op < 0.3 && target.length > 0) target.splice(Math.floor(random() * target.length), 1);
      else if (op < 0.5 && target.length > 0) target.push(structuredClone(pick(target)));
      else if (target.length > 0) target[Math.floor(random() * target.length)] = value;
      else target.push(value);
    } else {
      const op = random();
      const existing = Object.keys(target);
      if (op < 0.25 && existing.length > 0) delete target[pick(existing)];
      else if (op < 0.6 && existing.length > 0) target[pick(existing)] = value;
      else
        Object.defineProperty(target, pick(keys), {
          value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
    }
  }
  return copy;
}

function agrees(document: unknown): boolean {
  const quick = quickRegistryDocument(document);
  const checked = CheckedRegistryDocumentSchema.safeParse(document);
  if (quick === null) return false;
  expect(checked.success).toBe(true);
  expect(quick).toStrictEqual(checked.data);
  expect(JSON.stringify(quick)).toBe(JSON.stringify(checked.data));
  return true;
}

describe('the quick registry document check', () => {
  it.each(documents)('answers for %s exactly as zod does', (_, document) => {
    expect(agrees(document)).toBe(true);
  });

  it('never answers differently from zod on mutated documents', () => {
    const random = rng(13);
    let quick = 0;
    let zodOnly = 0;
    for (let i = 0; i < 1200; i++) {
      const [, document] = documents[i % documents.length]!;
      const mutated = mutate(document, random);
      if (agrees(mutated)) quick++;
      else zodOnly++;
    }
    // Both paths are exercised: mutations zod accepts (padding, defaults) and ones it rejects.
    expect(quick).toBeGreaterThan(100);
    expect(zodOnly).toBeGreaterThan(100);
  }, 30_000);

  // The edits reach into a document of unknown shape, as a person editing the file would.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Editable = Record<string, any>;
  const edits: [string, (d: Editable) => void][] = [
    ['minOwners 0', (d) => (d.policy.minOwners = 0)],
    ['minOwners 51', (d) => (d.policy.minOwners = 51)],
    ['minOwners 1.5', (d) => (d.policy.minOwners = 1.5)],
    ['minOwners "2"', (d) => (d.policy.minOwners = '2')],
    ['empty policy', (d) => (d.policy = {})],
    ['no policy', (d) => delete d.policy],
    ['username with a space', (d) => (d.people[1].username = 'user 1')],
    ['username with a comma', (d) => (d.people[1].username = 'user,1')],
    ['padded username', (d) => (d.people[1].username = ' user1 ')],
    ['blank name', (d) => (d.people[0].name = '  ')],
    ['status in capitals', (d) => (d.people[0].status = 'Departed')],
    ['member only by case', (d) => (d.teams[0].members = ['User0'])],
    ['unknown member', (d) => (d.teams[0].members = ['nobody'])],
    ['unknown manager', (d) => (d.teams[0].manager = 'nobody')],
    ['duplicate person by case', (d) => (d.people[2].username = 'USER1')],
    ['duplicate team', (d) => (d.teams[1].name = 'team 0')],
    ['duplicate component', (d) => (d.components[1].name = ' component 0')],
    ['unknown steward', (d) => (d.components[0].stewards = ['Nobody'])],
    ['unknown fallback', (d) => (d.fallback = 'Nobody')],
    ['padded fallback', (d) => (d.fallback = ' Team 0 ')],
    ['empty contacts', (d) => (d.teams[0].contacts = {})],
    ['bad address', (d) => (d.teams[0].contacts.list = 'not an address')],
    ['ftp page', (d) => (d.teams[0].contacts.url = 'ftp://example.org')],
    ['unknown contact', (d) => (d.teams[0].contacts.irc = '#x')],
    ['critical as text', (d) => (d.components[0].critical = 'true')],
    ['description as number', (d) => (d.components[0].description = 1)],
    ['blank description', (d) => (d.components[0].description = '')],
    ['unknown field', (d) => (d.components[0].owner = 'x')],
    ['null list', (d) => (d.components[0].paths = null)],
    ['$schema as number', (d) => (d.$schema = 1)],
    [
      'no lists at all',
      (d) => {
        delete d.people;
        delete d.teams;
        delete d.components;
        delete d.fallback;
      },
    ],
  ];

  it.each(edits)('agrees with zod on a document with %s', (_, edit) => {
    const document = structuredClone(generated()) as Editable;
    edit(document);
    agrees(document);
  });

  it('leaves to zod whatever it is unsure of, even when zod would accept it', () => {
    expect(quickRegistryDocument({ components: [{ name: 'A', description: undefined }] })).toBeNull();
    expect(quickRegistryDocument(Object.assign(Object.create({ inherited: 1 }) as object, {}))).toBeNull();
    expect(quickRegistryDocument([])).toBeNull();
    expect(quickRegistryDocument('components: []')).toBeNull();
  });
});
