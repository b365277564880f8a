import { describe, expect, it } from 'vitest';
import type { PhabUser } from '../../../src/core/model';
import { coverageReport } from '../../../src/core/ownership/coverage';
import { stateOf, UserDirectory } from '../../../src/core/ownership/liveness';
import { parseRegistryText } from '../../../src/core/registry/parse';
import type { RegistryPerson } from '../../../src/core/registry/types';
import { exampleRegistry, SEEDED_AT, users } from './captured-world';

const NOW = 1_800_000_000;
const person = (over: Partial<RegistryPerson> = {}): RegistryPerson => ({
  key: 'p',
  username: 'p',
  name: 'P',
  aliases: [],
  status: 'active',
  affiliation: 'staff',
  provenance: [],
  ...over,
});
const account = (over: Partial<PhabUser> = {}): PhabUser => ({
  phid: 'PHID-USER-p',
  username: 'p',
  realName: 'P',
  roles: ['verified', 'approved', 'activated'],
  availability: { value: 'available', until: null },
  ...over,
});

describe('liveness', () => {
  it.each([
    ['registry says departed', person({ status: 'departed' }), account(), 'departed'],
    ['no Phabricator account found', person(), null, 'unknown'],
    ['disabled role', person(), account({ roles: ['disabled'] }), 'disabled'],
    ['bot role', person(), account({ roles: ['bot', 'activated'] }), 'bot'],
    ['away until later', person(), account({ availability: { value: 'away', until: NOW + 60 } }), 'away'],
    [
      'away period over',
      person(),
      account({ availability: { value: 'away', until: NOW - 60 } }),
      'available',
    ],
    ['busy until later', person(), account({ availability: { value: 'busy', until: NOW + 60 } }), 'busy'],
    ['away with no end', person(), account({ availability: { value: 'away', until: null } }), 'away'],
  ])('%s', (_label, p, user, state) => {
    expect(stateOf(p, user, NOW).state).toBe(state);
  });

  it('finds accounts by username or alias, whatever the spelling', () => {
    const dir = new UserDirectory(users);
    expect(dir.find({ username: 'Carol', aliases: [] })?.username).toBe('carol');
    expect(dir.find({ username: null, aliases: ['Triage_Bot', 'triage-bot'] })?.username).toBe('triage-bot');
    expect(dir.find({ username: 'zed', aliases: [] })).toBeNull();
  });
});

function coverage(yaml: string, withUsers = false) {
  const result = parseRegistryText(yaml, { source: 't.yaml' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return coverageReport(result.value, withUsers ? { users: new UserDirectory(users), now: SEEDED_AT } : {});
}

const PEOPLE = `people:
  - {username: alice}
  - {username: carol}
  - {username: dave}
  - {username: vol, affiliation: volunteer}
  - {username: vol2, affiliation: volunteer}
  - {username: gone, status: departed}
teams:
  - {name: Live, members: [alice]}
  - {name: Volunteers, members: [vol, vol2]}
  - {name: Ghosts, members: [gone, dave]}
  - {name: Away, members: [carol]}
  - {name: Unlisted}
`;

describe('component flags (DESIGN.md rules)', () => {
  it.each([
    ['no steward', '{name: C, stewards: []}', false, ['unassigned']],
    ['no steward, critical', '{name: C, critical: true}', false, ['unassigned', 'under-covered']],
    ['every steward departed', '{name: C, stewards: [gone]}', false, ['departed']],
    [
      'departed and disabled team (Phabricator says dave is disabled)',
      '{name: C, stewards: [Ghosts]}',
      true,
      ['departed'],
    ],
    [
      'every reachable owner away',
      '{name: C, stewards: [Away], maintainers: [carol, gone]}',
      true,
      ['all-away'],
    ],
    [
      'away but a team with unlisted members can still be reached',
      '{name: C, stewards: [Away, Unlisted]}',
      true,
      [],
    ],
    ['only volunteers', '{name: C, stewards: [Volunteers], maintainers: [vol]}', false, ['volunteer-only']],
    [
      'a staff maintainer breaks volunteer-only',
      '{name: C, stewards: [Volunteers], maintainers: [alice]}',
      false,
      [],
    ],
    [
      'critical with one live steward (dave disabled, gone departed)',
      '{name: C, critical: true, stewards: [Live, Ghosts]}',
      true,
      ['under-covered'],
    ],
    [
      'critical with two live stewards (away still counts)',
      '{name: C, critical: true, stewards: [Live, Away]}',
      true,
      [],
    ],
    [
      'critical, unlisted team counts as live',
      '{name: C, critical: true, stewards: [Live, Unlisted]}',
      false,
      [],
    ],
  ])('%s', (_label, component, withUsers, flags) => {
    const report = coverage(`${PEOPLE}components:\n  - ${component}\n`, withUsers);
    expect(report.components[0]!.flags).toEqual(flags);
  });

  it('summarises the example registry', () => {
    const report = coverageReport(exampleRegistry(), { users: new UserDirectory(users), now: SEEDED_AT });
    expect(report.components.map((c) => [c.name, c.flags])).toEqual([
      ['Authentication and Authorization', []],
      ['CentralAuth', ['unassigned', 'all-away', 'under-covered']],
      ['Echo', []],
      ['Security', ['under-covered']],
      ['Deployment tooling', []],
      ['Legacy notification digests', ['departed']],
      ['Gadgets', ['volunteer-only']],
    ]);
    expect(report.summary).toEqual({
      components: 7,
      owned: 6,
      unassigned: 1,
      criticalUnderCovered: 2,
      departed: 1,
      volunteerOnly: 1,
      conflicts: 0,
    });
  });
});
