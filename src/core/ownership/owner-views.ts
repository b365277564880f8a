// Turns registry claims (team or person references) into views with live state.
import type { Epoch } from '../model';
import type { OwnerClaim, RegistryPerson, RegistryTeam, TeamContacts } from '../registry/types';
import { isGone, isReachableNow, personView, type UserDirectory } from './liveness';
import type { OwnerView, PersonView, TeamState } from './types';

export interface OwnerContext {
  people: Map<string, RegistryPerson>;
  teams: Map<string, RegistryTeam>;
  users: UserDirectory;
  now: Epoch;
  /** A person's view by key, when the caller keeps them (the resolver's cache); else built here. */
  person?: (key: string) => PersonView;
  /** A team's view by key, when the caller keeps them (the resolver's cache); else built here. */
  team?: (key: string) => TeamView;
  /** A person claim's members (that person alone), when the caller keeps them; else built here. */
  personAlone?: (key: string) => PersonView[];
}

/** What every claim of one team shows of it; read-only, so claims may share it. */
export interface TeamView {
  name: string;
  group: string | null;
  members: PersonView[];
  state: TeamState;
  contacts: TeamContacts;
}

/** A reference to someone the registry does not describe further: active, affiliation unknown. */
function placeholderPerson(key: string): RegistryPerson {
  return {
    key,
    username: null,
    name: key,
    aliases: [],
    status: 'active',
    affiliation: 'unknown',
    provenance: [],
  };
}

/** The person a claim or team member names, described by the registry or as a placeholder. */
export function registryPerson(key: string, people: Map<string, RegistryPerson>): RegistryPerson {
  return people.get(key) ?? placeholderPerson(key);
}

function viewOf(key: string, ctx: OwnerContext): PersonView {
  return ctx.person ? ctx.person(key) : personView(registryPerson(key, ctx.people), ctx.users, ctx.now);
}

export function memberViews(keys: string[], ctx: OwnerContext): PersonView[] {
  return keys.map((k) => viewOf(k, ctx));
}

export function teamState(members: PersonView[]): TeamState {
  if (members.length === 0) return 'unknown';
  if (members.some((m) => isReachableNow(m.state))) return 'live';
  if (members.some((m) => m.state === 'away')) return 'away';
  return 'gone';
}

/** The team a claim names, as the registry describes it (or by its key alone) with live members. */
export function teamView(key: string, ctx: OwnerContext): TeamView {
  const team = ctx.teams.get(key);
  const members = memberViews(team?.members ?? [], ctx);
  return {
    name: team?.name ?? key,
    group: team?.group ?? null,
    members,
    state: teamState(members),
    contacts: { ...(team?.contacts ?? {}) },
  };
}

export function ownerView(claim: OwnerClaim, ctx: OwnerContext): OwnerView {
  if (claim.kind === 'team') {
    const team = ctx.team ? ctx.team(claim.ref) : teamView(claim.ref, ctx);
    return {
      kind: 'team',
      key: claim.ref,
      name: team.name,
      group: team.group,
      members: team.members,
      state: team.state,
      contacts: team.contacts,
      provenance: claim.provenance,
    };
  }
  const members = ctx.personAlone ? ctx.personAlone(claim.ref) : [viewOf(claim.ref, ctx)];
  const person = members[0]!;
  const state: TeamState = isGone(person.state) ? 'gone' : person.state === 'away' ? 'away' : 'live';
  return {
    kind: 'person',
    key: claim.ref,
    name: person.name,
    group: null,
    members,
    state,
    contacts: {},
    provenance: claim.provenance,
  };
}

/** Live owner: not departed, disabled or a bot (away still counts; it is temporary). */
export function isLiveOwner(owner: OwnerView): boolean {
  return owner.state !== 'gone';
}

export function isVolunteerOwner(owner: OwnerView): boolean {
  let live = 0;
  for (const m of owner.members) {
    if (isGone(m.state)) continue;
    if (!m.volunteer) return false;
    live++;
  }
  return live > 0;
}
