// Today's resolver before memoisation, kept verbatim as the oracle for the differential test: the
// cached resolver must return exactly what this returns, for any tags, directory and time.
import type { Epoch, Phid } from '../../../src/core/model';
import type { RegistryIndex } from '../../../src/core/registry/registry-index';
import { DEFAULT_FALLBACK_TEAM, teamKey, type RegistryComponent } from '../../../src/core/registry/types';
import { componentOwnership } from '../../../src/core/ownership/component-ownership';
import { noComponentFlag, singleProcessOwnerFlag } from '../../../src/core/ownership/flags';
import type { UserDirectory } from '../../../src/core/ownership/liveness';
import { memberViews, type OwnerContext } from '../../../src/core/ownership/owner-views';
import { isGone, isReachableNow, STATE_RANK } from '../../../src/core/ownership/liveness';
import type {
  ComponentOwnership,
  ContactView,
  LastResortView,
  OwnershipFlag,
  PersonView,
  ProcessOwnerSuggestion,
  TaskOwnership,
} from '../../../src/core/ownership/types';

export interface ResolveInput {
  /** The task's project tags (maniphest.search attachment projects.projectPHIDs). */
  projectPHIDs: readonly Phid[];
  index: RegistryIndex;
  users: UserDirectory;
  now: Epoch;
}

function lastResortFor(index: RegistryIndex, ctx: OwnerContext, reason: string): LastResortView {
  const key = index.registry.fallback ?? teamKey(DEFAULT_FALLBACK_TEAM);
  const team = index.teams.get(key);
  return {
    team: team?.name ?? DEFAULT_FALLBACK_TEAM,
    members: memberViews(team?.members ?? [], ctx),
    contacts: { ...(team?.contacts ?? {}) },
    reason,
  };
}

export function referenceResolveTaskOwnership(input: ResolveInput): TaskOwnership {
  const { index } = input;
  const ctx = {
    people: index.people,
    teams: index.teams,
    users: input.users,
    now: input.now,
    minOwners: index.registry.policy.minOwners,
    conflicts: index.registry.conflicts,
  };
  const tagName = (phid: Phid): string | null => index.projectsByPhid.get(phid)?.name ?? null;
  const matched = new Map<
    string,
    { component: RegistryComponent; tags: { phid: Phid; name: string | null }[] }
  >();
  const unmappedTags: { phid: Phid; name: string | null }[] = [];
  for (const phid of new Set(input.projectPHIDs)) {
    const components = index.componentsByProject.get(phid);
    if (!components || components.length === 0) {
      unmappedTags.push({ phid, name: tagName(phid) });
      continue;
    }
    for (const component of components) {
      const entry = matched.get(component.key) ?? { component, tags: [] };
      entry.tags.push({ phid, name: tagName(phid) });
      matched.set(component.key, entry);
    }
  }
  const components: ComponentOwnership[] = [...matched.values()].map(({ component, tags }) =>
    componentOwnership(component, ctx, tags),
  );

  const flags: OwnershipFlag[] = components.flatMap((c) => c.flags);
  if (components.length === 0) flags.push(noComponentFlag(unmappedTags.map((t) => t.name ?? t.phid)));
  const stewards = new Map<string, string>();
  for (const c of components) for (const s of c.stewards) stewards.set(`${s.kind}:${s.key}`, s.name);
  const single = singleProcessOwnerFlag([...stewards.values()]);
  if (single) flags.push(single);

  const uncovered = components.filter((c) => c.liveStewards === 0).map((c) => c.name);
  const lastResort =
    components.length === 0
      ? lastResortFor(index, ctx, 'no registry component covers this task')
      : uncovered.length > 0
        ? lastResortFor(index, ctx, `no live steward for ${uncovered.join(', ')}`)
        : null;

  const contacts: ContactView[] = [];
  const seenTeams = new Set<string>();
  for (const c of components) {
    for (const s of c.stewards) {
      if (s.kind !== 'team' || seenTeams.has(s.key) || Object.keys(s.contacts).length === 0) continue;
      seenTeams.add(s.key);
      contacts.push({ team: s.name, contacts: s.contacts });
    }
  }
  if (
    lastResort &&
    Object.keys(lastResort.contacts).length > 0 &&
    !contacts.some((c) => c.team === lastResort.team)
  ) {
    contacts.push({ team: lastResort.team, contacts: lastResort.contacts });
  }

  return {
    components,
    unmappedTags,
    stewardCount: stewards.size,
    contacts,
    lastResort,
    flags,
    suggestions: processOwnerSuggestions(components, lastResort),
    sources: index.registry.sources.map((s) => ({ label: s.label, revisionTime: s.revisionTime })),
  };
}

interface Candidate {
  person: PersonView;
  tier: number;
  order: number;
  roles: string[];
}

/** The suggestion list as it was built before its sort took one rank per person: the oracle for it. */
function processOwnerSuggestions(
  components: ComponentOwnership[],
  lastResort: LastResortView | null,
): ProcessOwnerSuggestion[] {
  const byKey = new Map<string, Candidate>();
  let order = 0;
  const add = (person: PersonView, tier: number, role: string): void => {
    if (person.state === 'bot') return; // a bot cannot drive an incident
    const existing = byKey.get(person.key);
    if (existing) {
      existing.tier = Math.min(existing.tier, tier);
      if (!existing.roles.includes(role)) existing.roles.push(role);
      return;
    }
    byKey.set(person.key, { person, tier, order: order++, roles: [role] });
  };
  for (const c of components) {
    for (const s of c.stewards) {
      for (const m of s.members)
        add(m, 0, s.kind === 'team' ? `steward: ${s.name} (${c.name})` : `steward (${c.name})`);
    }
  }
  for (const c of components) {
    for (const m of c.maintainers) for (const p of m.members) add(p, 1, `maintainer (${c.name})`);
  }
  if (lastResort) for (const m of lastResort.members) add(m, 2, `owner of last resort: ${lastResort.team}`);

  const group = (p: PersonView): number => (isReachableNow(p.state) ? 0 : p.state === 'away' ? 1 : 2);
  return [...byKey.values()]
    .sort(
      (a, b) =>
        group(a.person) - group(b.person) ||
        a.tier - b.tier ||
        STATE_RANK[a.person.state] - STATE_RANK[b.person.state] ||
        Number(b.person.username !== null) - Number(a.person.username !== null) ||
        a.order - b.order,
    )
    .map(({ person, roles }) => ({
      key: person.key,
      username: person.username,
      name: person.name,
      phid: person.phid,
      state: person.state,
      until: person.until,
      roles,
      marked: person.state === 'away' || isGone(person.state),
      assignable: person.username !== null,
    }));
}
