import { describe, expect, it } from 'vitest';
import { UBN_PRIORITY } from '../../../src/core/model';
import { UserDirectory } from '../../../src/core/ownership/liveness';
import { resolveTaskOwnership } from '../../../src/core/ownership/resolve';
import type { TaskOwnership } from '../../../src/core/ownership/types';
import { buildRegistryIndex } from '../../../src/core/registry/registry-index';
import { exampleRegistry, projectPhid, projects, SEEDED_AT, tasks, users } from './captured-world';

const index = buildRegistryIndex(exampleRegistry(), { projects });
const directory = new UserDirectory(users);

function resolve(taskId: number, now = SEEDED_AT): TaskOwnership {
  const task = tasks.get(taskId)!;
  expect(task.priority).toBe(UBN_PRIORITY);
  return resolveTaskOwnership({ projectPHIDs: task.projectPHIDs, index, users: directory, now });
}

const flagsOf = (o: TaskOwnership) => o.flags.map((f) => `${f.component ?? 'task'}: ${f.id}`);
const picker = (o: TaskOwnership) =>
  o.suggestions.map((s) => `${s.username} ${s.state}${s.marked ? ' (marked)' : ''}`);

describe('resolving captured UBN! tasks against the example registry', () => {
  it('T14 (global login broken): CentralAuth has nobody, so the owner of last resort is named', () => {
    const o = resolve(14);
    expect(o.components.map((c) => c.name)).toEqual(['Authentication and Authorization', 'CentralAuth']);
    expect(o.components[0]!.matchedTags).toEqual([
      { phid: projectPhid('MediaWiki-Authentication'), name: 'MediaWiki-Authentication' },
    ]);
    expect(flagsOf(o)).toEqual([
      'CentralAuth: unassigned',
      'CentralAuth: all-away',
      'CentralAuth: under-covered',
      'task: needs-single-process-owner',
    ]);
    expect(o.flags.find((f) => f.id === 'all-away')!.detail).toBe(
      'everyone who owns CentralAuth is away: Carol Chen',
    );
    expect(o.flags.find((f) => f.id === 'under-covered')!.label).toBe('Under-covered');
    expect(o.stewardCount).toBe(2);
    expect(o.lastResort).toMatchObject({
      team: 'Release Engineering',
      reason: 'no live steward for CentralAuth',
    });
    expect(o.lastResort!.members.map((m) => [m.username, m.state, m.until])).toEqual([
      ['carol', 'away', 1796219100],
      ['erin', 'busy', 1795707900],
    ]);
    expect(o.contacts.map((c) => [c.team, c.contacts.list])).toEqual([
      ['Platform Team', 'platform@lists.example.org'],
      ['Security Team', 'security@lists.example.org'],
      ['Release Engineering', 'releng@lists.example.org'],
    ]);
    expect(picker(o)).toEqual(['alice available', 'bob available', 'erin busy', 'carol away (marked)']);
    expect(o.suggestions[0]!.roles).toEqual([
      'steward: Platform Team (Authentication and Authorization)',
      'steward: Security Team (Authentication and Authorization)',
      'maintainer (Authentication and Authorization)',
    ]);
    expect(o.suggestions[0]!.phid).toBe(users.find((u) => u.username === 'alice')!.phid);
  });

  it('T7 (stored XSS, owner dave disabled): two stewards, Security under-covered', () => {
    const o = resolve(7);
    expect(o.components.map((c) => c.name)).toEqual(['Security', 'Echo']);
    expect(flagsOf(o)).toEqual(['Security: under-covered', 'task: needs-single-process-owner']);
    expect(o.flags.at(-1)!.detail).toBe(
      'this task spans 2 stewards (Security Team, Growth Team): one person must drive it',
    );
    expect(o.lastResort).toBeNull();
    expect(picker(o)).toEqual(['alice available', 'bob available', 'erin busy', 'frank unknown']);
    expect(o.suggestions.find((s) => s.username === 'frank')!.roles).toEqual(['maintainer (Echo)']);
  });

  it('T11 (train blocked, owner carol away): release engineering is live through erin', () => {
    const o = resolve(11);
    expect(o.components.map((c) => c.name)).toEqual(['Deployment tooling']);
    expect(o.flags).toEqual([]);
    expect(o.components[0]!.stewards[0]).toMatchObject({ name: 'Release Engineering', state: 'live' });
    expect(picker(o)).toEqual(['erin busy', 'carol away (marked)']);
  });

  it('follows time: once erin is free and carol is back, nobody is marked', () => {
    const later = resolve(11, 1796219100 + 1);
    expect(picker(later)).toEqual(['carol available', 'erin available']);
    const duringBusy = resolve(16, 1795707900 - 1);
    expect(duringBusy.suggestions.find((s) => s.username === 'erin')!.state).toBe('busy');
  });

  it('T16 spans release engineering and Echo', () => {
    expect(flagsOf(resolve(16))).toEqual(['task: needs-single-process-owner']);
  });

  it('names the owner of last resort for a tag no component claims', () => {
    const o = resolveTaskOwnership({
      projectPHIDs: ['PHID-PROJ-unknown'],
      index,
      users: directory,
      now: SEEDED_AT,
    });
    expect(o.components).toEqual([]);
    expect(o.unmappedTags).toEqual([{ phid: 'PHID-PROJ-unknown', name: null }]);
    expect(o.flags.map((f) => [f.id, f.detail])).toEqual([
      ['unassigned', "no registry component covers this task's tags (PHID-PROJ-unknown)"],
    ]);
    expect(o.lastResort?.team).toBe('Release Engineering');
    expect(picker(o)).toEqual(['erin busy', 'carol away (marked)']);
  });

  it('produces plain data that survives a message round trip', () => {
    for (const id of [14, 7, 11, 16, 6]) {
      const o = resolveTaskOwnership({
        projectPHIDs: tasks.get(id)!.projectPHIDs,
        index,
        users: directory,
        now: SEEDED_AT,
      });
      expect(JSON.parse(JSON.stringify(o))).toEqual(o);
      expect(structuredClone(o)).toEqual(o);
    }
  });

  it('never suggests a bot and lists disabled or departed people last, marked', () => {
    const registry = exampleRegistry();
    registry.teams.push({
      key: 'mixed',
      name: 'Mixed',
      group: null,
      members: ['triage-bot', 'dave', 'gina', 'bob'],
      contacts: {},
      manager: null,
      provenance: [],
    });
    registry.people.push({
      key: 'triage-bot',
      username: 'triage-bot',
      name: 'Triage Bot',
      aliases: [],
      status: 'active',
      affiliation: 'staff',
      provenance: [],
    });
    registry.components.push({
      key: 'mixed',
      name: 'Mixed',
      description: null,
      paths: [],
      critical: false,
      phabricatorProjects: ['Echo'],
      stewards: [
        { kind: 'team', ref: 'mixed', provenance: { source: 't', location: 't', revisionTime: null } },
      ],
      maintainers: [],
      consulted: [],
      formerly: [],
      provenance: [],
    });
    const o = resolveTaskOwnership({
      projectPHIDs: [projectPhid('Echo')],
      index: buildRegistryIndex(registry, { projects }),
      users: directory,
      now: SEEDED_AT,
    });
    expect(picker(o)).toEqual([
      'bob available',
      'erin busy',
      'frank unknown',
      'dave disabled (marked)',
      'gina departed (marked)',
    ]);
  });
});
