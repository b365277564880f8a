// Where two sources disagree about a team's manager or group, or a person's affiliation, the merged
// view keeps the first source's answer and records a conflict with both claims and where each came
// from, as it does for contacts and status. Only what a source states counts: a native person with
// no `affiliation` is staff by default, which a source that says "volunteer" does not contradict.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCoverage } from '../../../src/cli/coverage';
import { mergeRegistries } from '../../../src/core/registry/merge';
import { parseRegistryText } from '../../../src/core/registry/parse';
import type { RegistryData } from '../../../src/core/registry/types';

const native = (yaml: string, source: string): RegistryData => {
  const result = parseRegistryText(yaml, { source });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};

const team = (fields: string): string => `
people:
  - {username: alice}
  - {username: bob}
teams:
  - {name: Platform Team, members: [alice, bob]${fields}}
components:
  - {name: Auth, stewards: [Platform Team]}
`;

const person = (fields: string): string => `
people:
  - {username: frank${fields}}
components:
  - {name: Auth, stewards: [frank]}
`;

const claims = (merged: RegistryData, field: string) =>
  merged.conflicts
    .filter((c) => c.field === field)
    .map((c) => ({
      subject: c.subject,
      name: c.name,
      claims: c.claims.map((k) => [k.value, k.provenance.source, k.provenance.location]),
    }));

describe('merging a team manager and group', () => {
  it('records two different managers, keeping the first', () => {
    const merged = mergeRegistries([
      native(team(', manager: alice'), 'central.yaml'),
      native(team(', manager: bob'), 'platform.yaml'),
    ]);
    expect(claims(merged, 'manager')).toEqual([
      {
        subject: 'team',
        name: 'Platform Team',
        claims: [
          ['alice', 'central.yaml', 'teams[0]'],
          ['bob', 'platform.yaml', 'teams[0]'],
        ],
      },
    ]);
    expect(merged.teams[0]!.manager).toBe('alice');
  });

  it('takes a manager only one source names, and one name spelled two ways, without a conflict', () => {
    const filled = mergeRegistries([
      native(team(''), 'central.yaml'),
      native(team(', manager: bob'), 'p.yaml'),
    ]);
    expect(filled.conflicts).toEqual([]);
    expect(filled.teams[0]!.manager).toBe('bob');
    const spelled = mergeRegistries([
      native(team(', manager: Bob'), 'central.yaml'),
      native(team(', manager: bob'), 'p.yaml'),
    ]);
    expect(spelled.conflicts).toEqual([]);
  });

  it('records a manager first named by the second source and contradicted by the third', () => {
    const merged = mergeRegistries([
      native(team(''), 'a.yaml'),
      native(team(', manager: bob'), 'b.yaml'),
      native(team(', manager: alice'), 'c.yaml'),
    ]);
    expect(claims(merged, 'manager').map((c) => c.claims)).toEqual([
      [
        ['bob', 'b.yaml', 'teams[0]'],
        ['alice', 'c.yaml', 'teams[0]'],
      ],
    ]);
    expect(merged.teams[0]!.manager).toBe('bob');
  });

  it('records two different groups, but not one group written with other case or underscores', () => {
    const merged = mergeRegistries([
      native(team(', group: MediaWiki Engineering'), 'central.yaml'),
      native(team(', group: Product'), 'platform.yaml'),
      native(team(', group: mediawiki_engineering'), 'third.yaml'),
    ]);
    expect(claims(merged, 'group')).toEqual([
      {
        subject: 'team',
        name: 'Platform Team',
        claims: [
          ['MediaWiki Engineering', 'central.yaml', 'teams[0]'],
          ['Product', 'platform.yaml', 'teams[0]'],
        ],
      },
    ]);
    expect(merged.teams[0]!.group).toBe('MediaWiki Engineering');
  });
});

describe("merging a person's affiliation", () => {
  it('records staff in one source and volunteer in another, keeping the first', () => {
    const merged = mergeRegistries([
      native(person(', affiliation: staff'), 'central.yaml'),
      native(person(', affiliation: volunteer'), 'platform.yaml'),
    ]);
    expect(claims(merged, 'affiliation')).toEqual([
      {
        subject: 'person',
        name: 'frank',
        claims: [
          ['staff', 'central.yaml', 'people[0]'],
          ['volunteer', 'platform.yaml', 'people[0]'],
        ],
      },
    ]);
    expect(merged.people[0]!.affiliation).toBe('staff');
  });

  it('lets a stated affiliation override the default of a source that states none', () => {
    const merged = mergeRegistries([
      native(person(''), 'central.yaml'),
      native(person(', affiliation: volunteer'), 'platform.yaml'),
    ]);
    expect(merged.conflicts).toEqual([]);
    expect(merged.people[0]).toMatchObject({ affiliation: 'volunteer' });
    expect(merged.people[0]!.affiliationAssumed).toBeUndefined();
  });

  it('keeps the default when no source states one, and a stated one over a later default', () => {
    const none = mergeRegistries([native(person(''), 'a.yaml'), native(person(''), 'b.yaml')]);
    expect(none.conflicts).toEqual([]);
    expect(none.people[0]).toMatchObject({ affiliation: 'staff', affiliationAssumed: true });
    const stated = mergeRegistries([
      native(person(', affiliation: volunteer'), 'a.yaml'),
      native(person(''), 'b.yaml'),
    ]);
    expect(stated.conflicts).toEqual([]);
    expect(stated.people[0]!.affiliation).toBe('volunteer');
  });

  it("reads a document's own affiliation as stated, and an absent one as the default", () => {
    const stated = native(person(', affiliation: staff'), 'a.yaml').people[0]!;
    expect(stated.affiliation).toBe('staff');
    expect(stated.affiliationAssumed).toBeUndefined();
    expect(native(person(''), 'a.yaml').people[0]).toMatchObject({
      affiliation: 'staff',
      affiliationAssumed: true,
    });
  });
});

describe('the conflicts as the coverage command lists them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'steward-merge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the field, both values and where each came from', async () => {
    const write = (name: string, text: string): string => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const doc = (manager: string, affiliation: string): string => `
people:
  - {username: alice, affiliation: ${affiliation}}
  - {username: bob}
teams:
  - {name: Platform Team, members: [alice, bob], manager: ${manager}}
components:
  - {name: Auth, stewards: [Platform Team]}
`;
    const first = write('central.yaml', doc('alice', 'staff'));
    const second = write('platform.yaml', doc('bob', 'volunteer'));
    let stdout = '';
    await runCoverage([first, second], { stdout: (t) => (stdout += t), stderr: () => {} });
    expect(stdout.split('\n').filter((l) => l.startsWith('Conflict:'))).toEqual([
      `Conflict: alice affiliation: "staff" (${first}, people[0]) vs "volunteer" (${second}, people[0])`,
      `Conflict: Platform Team manager: "alice" (${first}, teams[0]) vs "bob" (${second}, teams[0])`,
    ]);
  });
});
