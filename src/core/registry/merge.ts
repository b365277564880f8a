// Merges several registry sources (e.g. a team's own YAML and the wiki page) into one view.
// Sources are given in precedence order. Where they disagree, the view keeps every claim with its
// provenance and records a conflict for the user to see; nothing is dropped silently.
import {
  DEFAULT_MIN_OWNERS,
  personKey,
  type OwnerClaim,
  type Provenance,
  type RegistryComponent,
  type RegistryConflict,
  type RegistryData,
  type RegistryPerson,
  type RegistryTeam,
} from './types';

/** Native documents state status, affiliation and criticality; the wiki page never does. */
function asserts(registry: RegistryData): boolean {
  return registry.sources.some((s) => s.kind === 'native' || s.kind === 'merged');
}

function firstProvenance(list: Provenance[], fallbackSource: string): Provenance {
  return list[0] ?? { source: fallbackSource, location: '(unknown)', revisionTime: null };
}

function sameSet(a: string[], b: string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

/** Said by the source, rather than unknown (the wiki page) or the native format's default. */
function statesAffiliation(person: RegistryPerson): boolean {
  return person.affiliation !== 'unknown' && person.affiliationAssumed !== true;
}

/** Group names as lookups compare names: "MediaWiki Engineering" is "Mediawiki_engineering". */
function sameName(a: string, b: string): boolean {
  return personKey(a) === personKey(b);
}

function claimLabel(
  claim: OwnerClaim,
  view: { people: Map<string, RegistryPerson>; teams: Map<string, RegistryTeam> },
): string {
  if (claim.kind === 'team') return view.teams.get(claim.ref)?.name ?? claim.ref;
  return view.people.get(claim.ref)?.name ?? claim.ref;
}

export function mergeRegistries(registries: RegistryData[]): RegistryData {
  const people = new Map<string, RegistryPerson>();
  const alias = new Map<string, string>(); // any spelling → canonical person key
  const teams = new Map<string, RegistryTeam>();
  const components = new Map<string, RegistryComponent>();
  const stewardSets = new Map<string, { keys: string[]; provenance: Provenance; labels: string[] }[]>();
  const conflicts: RegistryConflict[] = registries.flatMap((r) => r.conflicts);
  const view = { people, teams };
  let fallback: { key: string; provenance: Provenance } | null = null;
  const statusAsserted = new Map<string, { value: string; provenance: Provenance | undefined }>();
  const criticalAsserted = new Map<string, { value: string; provenance: Provenance | undefined }>();
  const affiliationAsserted = new Map<string, { value: string; provenance: Provenance | undefined }>();
  const managerAsserted = new Map<string, { value: string; provenance: Provenance | undefined }>();
  const groupAsserted = new Map<string, { value: string; provenance: Provenance | undefined }>();
  /** Record the first assertion of a field; a later different one becomes a conflict. */
  const assertOnce = (
    seen: Map<string, { value: string; provenance: Provenance | undefined }>,
    key: string,
    value: string,
    provenance: Provenance[],
    subject: RegistryConflict['subject'],
    name: string,
    field: string,
    same: (a: string, b: string) => boolean = (a, b) => a === b,
  ): void => {
    const first = seen.get(key);
    if (!first) {
      seen.set(key, { value, provenance: provenance[0] });
      return;
    }
    if (same(first.value, value)) return;
    const fallbackProv = { source: '(unknown)', location: '(unknown)', revisionTime: null };
    conflicts.push({
      subject,
      name,
      field,
      claims: [
        { value: first.value, provenance: first.provenance ?? fallbackProv },
        { value, provenance: provenance[0] ?? fallbackProv },
      ],
    });
  };
  let minOwners: { value: number; provenance: Provenance } | null = null;

  for (const registry of registries) {
    const assertive = asserts(registry);
    const sourceLabel = registry.sources[0]?.label ?? '(unnamed source)';
    const remap = new Map<string, string>();
    for (const p of registry.people) {
      const spellings = [p.key, p.username, p.name, ...p.aliases]
        .filter((s): s is string => !!s)
        .map(personKey);
      const canonical = spellings.map((s) => alias.get(s)).find((k) => k !== undefined);
      const key = canonical ?? p.key;
      if (assertive) assertOnce(statusAsserted, key, p.status, p.provenance, 'person', p.name, 'status');
      // Any source may state an affiliation (the wiki page's "(volunteer)"); it decides the
      // "volunteer only" flag, so two sources that differ are shown, not settled by order.
      const statesIt = statesAffiliation(p);
      if (statesIt)
        assertOnce(affiliationAsserted, key, p.affiliation, p.provenance, 'person', p.name, 'affiliation');
      if (canonical === undefined) {
        const copy: RegistryPerson = { ...p, aliases: [...p.aliases], provenance: [...p.provenance] };
        people.set(p.key, copy);
        for (const s of spellings) if (!alias.has(s)) alias.set(s, p.key);
        remap.set(p.key, p.key);
        continue;
      }
      remap.set(p.key, canonical);
      const existing = people.get(canonical);
      if (!existing) continue;
      existing.provenance.push(...p.provenance);
      appendMissing(
        existing.aliases,
        [p.name, ...p.aliases].filter((name) => name && name !== existing.name),
      );
      if (!existing.username && p.username) existing.username = p.username;
      for (const s of spellings) if (!alias.has(s)) alias.set(s, canonical);
      // The first source that asserted a status keeps it; a disagreement is in the conflicts.
      if (assertive && statusAsserted.get(canonical)?.provenance === p.provenance[0])
        existing.status = p.status;
      // The first stated affiliation wins over an unknown or assumed one; later ones are conflicts.
      if (statesIt ? !statesAffiliation(existing) : existing.affiliation === 'unknown') {
        existing.affiliation = p.affiliation;
        if (p.affiliationAssumed) existing.affiliationAssumed = true;
        else delete existing.affiliationAssumed;
      }
    }
    const person = (key: string): string => remap.get(key) ?? alias.get(key) ?? key;

    for (const t of registry.teams) {
      const members = t.members.map(person);
      const manager = t.manager ? person(t.manager) : null;
      const existing = teams.get(t.key);
      const name = existing?.name ?? t.name;
      // Who to escalate to and which group a team is in: the first source to say wins, and a
      // source that says otherwise is shown beside it.
      if (manager) assertOnce(managerAsserted, t.key, manager, t.provenance, 'team', name, 'manager');
      if (t.group) assertOnce(groupAsserted, t.key, t.group, t.provenance, 'team', name, 'group', sameName);
      if (!existing) {
        teams.set(t.key, {
          ...t,
          members,
          contacts: { ...t.contacts },
          manager,
          provenance: [...t.provenance],
        });
        continue;
      }
      if (existing.members.length > 0 && members.length > 0 && !sameSet(existing.members, members)) {
        conflicts.push({
          subject: 'team',
          name: existing.name,
          field: 'members',
          claims: [
            {
              value: existing.members.join(', '),
              provenance: firstProvenance(existing.provenance, sourceLabel),
            },
            { value: members.join(', '), provenance: firstProvenance(t.provenance, sourceLabel) },
          ],
        });
      }
      appendMissing(existing.members, members);
      for (const [field, value] of Object.entries(t.contacts) as [keyof typeof t.contacts, string][]) {
        const current = existing.contacts[field];
        if (current === undefined) existing.contacts[field] = value;
        else if (current !== value) {
          conflicts.push({
            subject: 'team',
            name: existing.name,
            field: `contacts.${field}`,
            claims: [
              { value: current, provenance: firstProvenance(existing.provenance, sourceLabel) },
              { value, provenance: firstProvenance(t.provenance, sourceLabel) },
            ],
          });
        }
      }
      existing.group ??= t.group;
      existing.manager ??= manager;
      existing.provenance.push(...t.provenance);
    }

    for (const c of registry.components) {
      const mapClaim = (claim: OwnerClaim): OwnerClaim =>
        claim.kind === 'person' ? { ...claim, ref: person(claim.ref) } : { ...claim };
      const stewards = c.stewards.map(mapClaim);
      const record = {
        keys: stewards.map((s) => `${s.kind}:${s.ref}`),
        provenance: firstProvenance(c.provenance, sourceLabel),
        labels: stewards.map((s) => claimLabel(s, view)),
      };
      stewardSets.set(c.key, [...(stewardSets.get(c.key) ?? []), record]);
      if (assertive) {
        assertOnce(
          criticalAsserted,
          c.key,
          String(c.critical),
          c.provenance,
          'component',
          c.name,
          'critical',
        );
      }
      const existing = components.get(c.key);
      if (!existing) {
        components.set(c.key, {
          ...c,
          paths: [...c.paths],
          phabricatorProjects: [...c.phabricatorProjects],
          stewards,
          maintainers: c.maintainers.map(mapClaim),
          consulted: c.consulted.map(mapClaim),
          formerly: [...c.formerly],
          provenance: [...c.provenance],
          critical: assertive && c.critical,
        });
        continue;
      }
      const add = (list: OwnerClaim[], claims: OwnerClaim[]): void =>
        appendMissing(list, claims.map(mapClaim), (claim) => `${claim.kind}:${claim.ref}`);
      add(existing.stewards, c.stewards);
      add(existing.maintainers, c.maintainers);
      add(existing.consulted, c.consulted);
      existing.formerly.push(...c.formerly);
      appendMissing(existing.paths, c.paths);
      appendMissing(existing.phabricatorProjects, c.phabricatorProjects);
      existing.description ??= c.description;
      if (assertive) {
        // Critical wins: under-coverage must not be hidden by a source that forgot the flag.
        existing.critical = existing.critical || c.critical;
      }
      existing.provenance.push(...c.provenance);
    }

    if (registry.fallback) {
      const prov = {
        source: sourceLabel,
        location: 'fallback',
        revisionTime: registry.sources[0]?.revisionTime ?? null,
      };
      if (!fallback) fallback = { key: registry.fallback, provenance: prov };
      else if (fallback.key !== registry.fallback) {
        conflicts.push({
          subject: 'registry',
          name: 'fallback',
          field: 'fallback',
          claims: [
            { value: fallback.key, provenance: fallback.provenance },
            { value: registry.fallback, provenance: prov },
          ],
        });
      }
    }
    if (assertive) {
      const prov = {
        source: sourceLabel,
        location: 'policy.minOwners',
        revisionTime: registry.sources[0]?.revisionTime ?? null,
      };
      if (!minOwners) minOwners = { value: registry.policy.minOwners, provenance: prov };
      else if (minOwners.value !== registry.policy.minOwners) {
        conflicts.push({
          subject: 'registry',
          name: 'policy',
          field: 'policy.minOwners',
          claims: [
            { value: String(minOwners.value), provenance: minOwners.provenance },
            { value: String(registry.policy.minOwners), provenance: prov },
          ],
        });
      }
    }
  }

  // Stewards: sources that name different stewards (including one that says "Unassigned") disagree.
  for (const [key, sets] of stewardSets) {
    const distinct = sets.filter((s, i) => sets.findIndex((o) => sameSet(o.keys, s.keys)) === i);
    if (distinct.length < 2) continue;
    const component = components.get(key);
    conflicts.push({
      subject: 'component',
      name: component?.name ?? key,
      field: 'stewards',
      claims: distinct.map((s) => ({ value: s.labels.join(', ') || 'Unassigned', provenance: s.provenance })),
    });
  }

  return {
    sources: registries.flatMap((r) => r.sources),
    people: [...people.values()],
    teams: [...teams.values()],
    components: [...components.values()],
    fallback: fallback?.key ?? null,
    policy: { minOwners: minOwners?.value ?? DEFAULT_MIN_OWNERS },
    conflicts,
  };
}

/**
 * Appends the items the list lacks (by key), in order, once each: one pass with a Set, where an
 * `includes` per item made a merge of two large sources quadratic.
 */
function appendMissing<T>(
  list: T[],
  items: readonly T[],
  keyOf: (item: T) => unknown = (item) => item,
): void {
  if (items.length === 0) return;
  const seen = new Set(list.map(keyOf));
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    list.push(item);
  }
}
