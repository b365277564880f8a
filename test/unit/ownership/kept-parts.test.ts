// A component's ownership and what a task answer takes from it (team views, picker offers and
// suggestions, the answer for the component alone, the owner of last resort) are worked out once and
// kept, so a tag list never seen before is a composition of kept parts. These tests ask for such new
// tag lists after the clock or the user directory has moved on in a way that changes the answer, and
// check each against the resolver that keeps nothing (reference-resolve.ts).
import { describe, expect, it } from 'vitest';
import type { PhabUser, Phid } from '../../../src/core/model';
import { UserDirectory } from '../../../src/core/ownership/liveness';
import { resolveTaskOwnership } from '../../../src/core/ownership/resolve';
import type { TaskOwnership } from '../../../src/core/ownership/types';
import { buildRegistryIndex } from '../../../src/core/registry/registry-index';
import { exampleRegistry, projectPhid, projects, SEEDED_AT, users } from './captured-world';
import { referenceResolveTaskOwnership } from './reference-resolve';

/** Ends of the captured availability: carol away until, erin busy until (README §1 of the capture). */
const CAROL_BACK = 1796219100;
const ERIN_FREE = 1795707900;
const NOT_HERE = 'PHID-PROJ-notonthisinstance';

const central = projectPhid('CentralAuth');
const echo = projectPhid('Echo');
const auth = projectPhid('MediaWiki-Authentication');
const security = projectPhid('Security');

/** A project for the component whose stewards have all left (none on the captured instance). */
const legacy = 'PHID-PROJ-legacydigests';
const withLegacy = [...projects, { id: 99, phid: legacy, name: 'Legacy notification digests', slug: null }];

/** A fresh index per test, so nothing is kept from another test. */
function resolver(directory: UserDirectory) {
  const index = buildRegistryIndex(exampleRegistry(), { projects: withLegacy });
  return (tags: Phid[], now: number, users = directory): TaskOwnership => {
    const kept = resolveTaskOwnership({ projectPHIDs: tags, index, users, now });
    expect(kept).toStrictEqual(referenceResolveTaskOwnership({ projectPHIDs: tags, index, users, now }));
    return kept;
  };
}

const flagsOf = (o: TaskOwnership) => o.flags.map((f) => `${f.component ?? 'task'}: ${f.id}`);
const stateOf = (o: TaskOwnership, username: string) =>
  o.suggestions.find((s) => s.username === username)?.state;

describe('kept component parts', () => {
  it('follow the clock: a component kept while its maintainer was away answers a new tag list after her return', () => {
    const ask = resolver(new UserDirectory(users));
    // CentralAuth alone, asked twice so the answer itself is kept as well as its parts.
    const away = ask([central], SEEDED_AT);
    ask([central], SEEDED_AT);
    expect(flagsOf(away)).toContain('CentralAuth: all-away');
    expect(stateOf(away, 'carol')).toBe('away');
    expect(away.lastResort?.members.map((m) => m.state)).toEqual(['away', 'busy']);

    // A list never asked for, of the same component alone, once carol is back and erin free.
    const back = ask([central, NOT_HERE], CAROL_BACK);
    expect(flagsOf(back)).not.toContain('CentralAuth: all-away');
    expect(stateOf(back, 'carol')).toBe('available');
    expect(back.lastResort?.members.map((m) => m.state)).toEqual(['available', 'available']);

    // And back in time again: the parts kept at CAROL_BACK do not answer for an earlier time.
    const again = ask([NOT_HERE, central], SEEDED_AT + 1);
    expect(flagsOf(again)).toContain('CentralAuth: all-away');
  });

  it('follow the clock in the owner of last resort kept with a component whose own owners never change', () => {
    const ask = resolver(new UserDirectory(users));
    // Its stewards are disabled or departed for good; the last resort has carol and erin.
    const early = ask([legacy], SEEDED_AT);
    ask([legacy], SEEDED_AT);
    expect(early.lastResort?.members.map((m) => m.state)).toEqual(['away', 'busy']);
    const later = ask([legacy, NOT_HERE], ERIN_FREE);
    expect(later.lastResort?.members.map((m) => m.state)).toEqual(['away', 'available']);
    expect(stateOf(later, 'erin')).toBe('available');
  });

  it('follow the clock through a team view two components share', () => {
    const awayUntil = SEEDED_AT + 3_600;
    const aliceAway = users.map((u): PhabUser =>
      u.username === 'alice' ? { ...u, availability: { value: 'away', until: awayUntil } } : u,
    );
    const ask = resolver(new UserDirectory(aliceAway));
    // Security Team (alice alone) is kept from the Security component while alice is away.
    expect(flagsOf(ask([security], SEEDED_AT))).toContain('Security: all-away');

    // Authentication and Authorization also has the Security Team: first asked after alice is back.
    const authBack = ask([auth], awayUntil);
    const securityTeam = authBack.components[0]!.stewards.find((s) => s.name === 'Security Team')!;
    expect(securityTeam.state).toBe('live');
    // New lists of both components, after and before the end of alice's absence.
    expect(flagsOf(ask([security, auth, echo], awayUntil))).not.toContain('Security: all-away');
    expect(flagsOf(ask([echo, security], awayUntil - 1))).toContain('Security: all-away');
  });

  it('follow the directory: a steward disabled in a newer directory flags components kept under the older one', () => {
    const before = new UserDirectory(users);
    const ask = resolver(before);
    const live = ask([security, auth], SEEDED_AT);
    ask([security, auth], SEEDED_AT);
    expect(flagsOf(live)).not.toContain('Security: departed');

    const aliceGone = new UserDirectory(
      users.map((u): PhabUser => (u.username === 'alice' ? { ...u, roles: ['disabled'] } : u)),
    );
    const gone = ask([auth, security, NOT_HERE], SEEDED_AT, aliceGone);
    expect(flagsOf(gone)).toContain('Security: departed');
    expect(stateOf(gone, 'alice')).toBe('disabled');
    expect(gone.suggestions.find((s) => s.username === 'alice')?.marked).toBe(true);
    // The older directory still answers as it did.
    expect(flagsOf(ask([security, NOT_HERE], SEEDED_AT, before))).not.toContain('Security: departed');
  });

  it('never change an answer already handed out: a later time gets its own suggestions', () => {
    const ask = resolver(new UserDirectory(users));
    const busy = ask([echo], SEEDED_AT);
    const snapshot = JSON.stringify(busy);
    expect(stateOf(busy, 'erin')).toBe('busy');

    const free = ask([echo, NOT_HERE], ERIN_FREE);
    const freeSnapshot = JSON.stringify(free);
    expect(stateOf(free, 'erin')).toBe('available');
    // A task of two components merges their offers: erin now has a second role, in this answer only.
    const both = ask([echo, central], ERIN_FREE);
    expect(both.suggestions.find((s) => s.username === 'erin')?.roles).toEqual([
      'steward: Growth Team (Echo)',
      'owner of last resort: Release Engineering',
    ]);
    expect(JSON.stringify(free)).toBe(freeSnapshot);
    expect(JSON.stringify(busy)).toBe(snapshot);
  });
});
