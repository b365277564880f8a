// Who owns a task: from its project tags to components, stewards, maintainers, contacts and, when
// nobody live is on the hook, the owner of last resort; with the flags of DESIGN.md and the
// process-owner suggestions.
import type { Epoch, Phid } from '../model';
import type { RegistryIndex } from '../registry/registry-index';
import { DEFAULT_FALLBACK_TEAM, teamKey, type RegistryComponent } from '../registry/types';
import { noComponentFlag, singleProcessOwnerFlag } from './flags';
import type { UserDirectory } from './liveness';
import { resolveCache } from './resolve-cache';
import { processOwnerSuggestions } from './suggestions';
import type {
  ComponentOwnership,
  ContactView,
  LastResortView,
  OwnershipFlag,
  PersonView,
  TaskOwnership,
} from './types';

export interface ResolveInput {
  /** The task's project tags (maniphest.search attachment projects.projectPHIDs). */
  projectPHIDs: readonly Phid[];
  index: RegistryIndex;
  users: UserDirectory;
  now: Epoch;
}

function lastResortFor(index: RegistryIndex, members: PersonView[], reason: string): LastResortView {
  const team = index.teams.get(fallbackKey(index));
  return {
    team: team?.name ?? DEFAULT_FALLBACK_TEAM,
    members,
    contacts: { ...(team?.contacts ?? {}) },
    reason,
  };
}

function fallbackKey(index: RegistryIndex): string {
  return index.registry.fallback ?? teamKey(DEFAULT_FALLBACK_TEAM);
}

type Tag = { phid: Phid; name: string | null };

/** The kept component with this task's tags; spelled out, as a spread with an override is slow. */
function withTags(c: ComponentOwnership, matchedTags: Tag[]): ComponentOwnership {
  return {
    key: c.key,
    name: c.name,
    critical: c.critical,
    description: c.description,
    matchedTags,
    stewards: c.stewards,
    maintainers: c.maintainers,
    consulted: c.consulted,
    formerly: c.formerly,
    liveStewards: c.liveStewards,
    flags: c.flags,
    conflicts: c.conflicts,
    provenance: c.provenance,
  };
}

/**
 * Answers are kept per index and user directory (see resolve-cache.ts) and shared between calls:
 * treat the result as read-only.
 */
export function resolveTaskOwnership(input: ResolveInput): TaskOwnership {
  const { index, now } = input;
  const cache = resolveCache(index, input.users);
  const phids = input.projectPHIDs;
  // The answer depends on the distinct tags in first-seen order.
  const distinct = phids.length === 1 ? phids : [...new Set(phids)];
  const key = distinct.length === 1 ? distinct[0]! : distinct.join(' ');
  const known = cache.task(key, now);
  if (known) return known;

  let from = -Infinity;
  let to = Infinity;
  const tagName = (phid: Phid): string | null => index.projectsByPhid.get(phid)?.name ?? null;
  const matched = new Map<string, { component: RegistryComponent; tags: Tag[] }>();
  const unmappedTags: Tag[] = [];
  for (const phid of distinct) {
    const components = index.componentsByProject.get(phid);
    const name = tagName(phid);
    if (!components || components.length === 0) {
      unmappedTags.push({ phid, name });
      continue;
    }
    for (const component of components) {
      const entry = matched.get(component.key);
      if (entry) entry.tags.push({ phid, name });
      else matched.set(component.key, { component, tags: [{ phid, name }] });
    }
  }
  const components: ComponentOwnership[] = [];
  for (const { component, tags } of matched.values()) {
    const built = cache.component(component, now);
    if (built.from > from) from = built.from;
    if (built.to < to) to = built.to;
    components.push(withTags(built.value, tags));
  }
  const lastResortMembers = (): PersonView[] => {
    const built = cache.fallback(index.teams.get(fallbackKey(index))?.members ?? [], now);
    if (built.from > from) from = built.from;
    if (built.to < to) to = built.to;
    return built.value;
  };

  const flags: OwnershipFlag[] = components.flatMap((c) => c.flags);
  if (components.length === 0) flags.push(noComponentFlag(unmappedTags.map((t) => t.name ?? t.phid)));
  const stewards = new Map<string, string>();
  for (const c of components) for (const s of c.stewards) stewards.set(`${s.kind}:${s.key}`, s.name);
  const single = singleProcessOwnerFlag([...stewards.values()]);
  if (single) flags.push(single);

  const uncovered = components.filter((c) => c.liveStewards === 0).map((c) => c.name);
  const lastResort =
    components.length === 0
      ? lastResortFor(index, lastResortMembers(), 'no registry component covers this task')
      : uncovered.length > 0
        ? lastResortFor(index, lastResortMembers(), `no live steward for ${uncovered.join(', ')}`)
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

  const result: TaskOwnership = {
    components,
    unmappedTags,
    stewardCount: stewards.size,
    contacts,
    lastResort,
    flags,
    suggestions: processOwnerSuggestions(components, lastResort),
    sources: cache.sources,
  };
  cache.keepTask(key, result, from, to);
  return result;
}
