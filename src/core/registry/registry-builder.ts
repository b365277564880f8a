// Accumulates people, teams and components under their lookup keys while a source is read, so
// the same person named in ten rows becomes one record with ten provenance entries.
import {
  DEFAULT_MIN_OWNERS,
  componentKey,
  personKey,
  teamKey,
  type Affiliation,
  type PersonStatus,
  type Provenance,
  type RegistryComponent,
  type RegistryData,
  type RegistryPerson,
  type RegistrySource,
  type RegistryTeam,
  type TeamContacts,
} from './types';

/** What a source states about a component besides its name. */
export type ComponentFields = Pick<
  RegistryComponent,
  'description' | 'paths' | 'critical' | 'phabricatorProjects' | 'stewards' | 'maintainers' | 'consulted'
>;

export class RegistryBuilder {
  private readonly people = new Map<string, RegistryPerson>();
  private readonly teams = new Map<string, RegistryTeam>();
  private readonly components = new Map<string, RegistryComponent>();

  /** Each person's aliases as a Set, in step with their list. */
  private readonly aliasSets = new Map<string, Set<string>>();

  constructor(private readonly source: RegistrySource) {}

  person(input: {
    username: string | null;
    name: string;
    aliases?: string[];
    status?: PersonStatus;
    affiliation?: Affiliation;
    affiliationAssumed?: boolean;
    provenance: Provenance;
  }): RegistryPerson {
    const key = personKey(input.username ?? input.name);
    const existing = this.people.get(key);
    if (existing) {
      existing.provenance.push(input.provenance);
      if (existing.affiliation === 'unknown' && input.affiliation) existing.affiliation = input.affiliation;
      // A Set beside the list: a page may name one person under thousands of link texts.
      const seen = this.aliasSets.get(key)!;
      if (input.name && input.name !== existing.name && !seen.has(input.name)) {
        seen.add(input.name);
        existing.aliases.push(input.name);
      }
      return existing;
    }
    const aliases = [...(input.aliases ?? [])];
    if (input.username && input.name !== input.username && !aliases.includes(input.name))
      aliases.push(input.name);
    this.aliasSets.set(key, new Set(aliases));
    const person: RegistryPerson = {
      key,
      username: input.username,
      name: input.username && !input.name ? input.username : input.name,
      aliases,
      status: input.status ?? 'active',
      affiliation: input.affiliation ?? 'unknown',
      provenance: [input.provenance],
    };
    if (input.affiliationAssumed) person.affiliationAssumed = true;
    this.people.set(key, person);
    return person;
  }

  team(input: {
    name: string;
    group?: string | null;
    members?: string[];
    contacts?: TeamContacts;
    manager?: string | null;
    provenance: Provenance;
  }): RegistryTeam {
    const key = teamKey(input.name);
    const existing = this.teams.get(key);
    if (existing) {
      existing.provenance.push(input.provenance);
      if (!existing.group && input.group) existing.group = input.group;
      return existing;
    }
    const team: RegistryTeam = {
      key,
      name: input.name,
      group: input.group ?? null,
      members: input.members ?? [],
      contacts: input.contacts ?? {},
      manager: input.manager ?? null,
      provenance: [input.provenance],
    };
    this.teams.set(key, team);
    return team;
  }

  /**
   * The component of that name, created on first mention; later rows add claims to it. `fields`,
   * when given, are set on it (a native document states each component whole, once).
   */
  component(name: string, provenance: Provenance, fields?: ComponentFields): RegistryComponent {
    const key = componentKey(name);
    const existing = this.components.get(key);
    if (existing) {
      existing.provenance.push(provenance);
      if (fields) Object.assign(existing, fields);
      return existing;
    }
    // Built in one go rather than filled in after: a registry has thousands, and every empty list
    // replaced later would be garbage.
    const component: RegistryComponent = {
      key,
      name,
      description: fields ? fields.description : null,
      paths: fields ? fields.paths : [],
      critical: fields ? fields.critical : false,
      phabricatorProjects: fields ? fields.phabricatorProjects : [],
      stewards: fields ? fields.stewards : [],
      maintainers: fields ? fields.maintainers : [],
      consulted: fields ? fields.consulted : [],
      formerly: [],
      provenance: [provenance],
    };
    this.components.set(key, component);
    return component;
  }

  hasComponent(name: string): boolean {
    return this.components.has(componentKey(name));
  }

  build(extra: { fallback?: string | null; minOwners?: number } = {}): RegistryData {
    return {
      sources: [this.source],
      people: [...this.people.values()],
      teams: [...this.teams.values()],
      components: [...this.components.values()],
      fallback: extra.fallback ?? null,
      policy: { minOwners: extra.minOwners ?? DEFAULT_MIN_OWNERS },
      conflicts: [],
    };
  }
}
