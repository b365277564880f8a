// The coverage report for people who keep a registry: every component with its owners and flags,
// and totals. Without Phabricator data, liveness comes from the registry alone (departed, volunteer).
import type { Epoch } from '../model';
import type { RegistryData } from '../registry/types';
import { componentOwnership } from './component-ownership';
import { UserDirectory } from './liveness';
import type { FlagId, OwnerView } from './types';

export interface CoverageComponent {
  name: string;
  stewards: string[];
  maintainers: string[];
  flags: FlagId[];
}

export interface CoverageSummary {
  components: number;
  owned: number;
  unassigned: number;
  criticalUnderCovered: number;
  departed: number;
  volunteerOnly: number;
  conflicts: number;
}

export interface CoverageReport {
  components: CoverageComponent[];
  summary: CoverageSummary;
}

function label(owner: OwnerView): string {
  const note = owner.state === 'gone' ? ' (departed)' : '';
  if (owner.kind === 'team') return `${owner.name}${note}`;
  const person = owner.members[0];
  const username = person?.username && person.username !== owner.name ? ` (${person.username})` : '';
  return `${owner.name}${username}${note}`;
}

export function coverageReport(
  registry: RegistryData,
  options: { users?: UserDirectory; now?: Epoch } = {},
): CoverageReport {
  const ctx = {
    people: new Map(registry.people.map((p) => [p.key, p])),
    teams: new Map(registry.teams.map((t) => [t.key, t])),
    users: options.users ?? new UserDirectory(),
    now: options.now ?? 0,
    minOwners: registry.policy.minOwners,
    conflicts: registry.conflicts,
  };
  const components = registry.components.map((c) => componentOwnership(c, ctx));
  const has = (flags: { id: FlagId }[], id: FlagId): boolean => flags.some((f) => f.id === id);
  return {
    components: components.map((c) => ({
      name: c.name,
      stewards: c.stewards.map(label),
      maintainers: c.maintainers.map(label),
      flags: c.flags.map((f) => f.id),
    })),
    summary: {
      components: components.length,
      owned: components.filter((c) => c.stewards.length > 0).length,
      unassigned: components.filter((c) => has(c.flags, 'unassigned')).length,
      criticalUnderCovered: components.filter((c) => has(c.flags, 'under-covered')).length,
      departed: components.filter((c) => has(c.flags, 'departed')).length,
      volunteerOnly: components.filter((c) => has(c.flags, 'volunteer-only')).length,
      conflicts: registry.conflicts.length,
    },
  };
}
