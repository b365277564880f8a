// What task resolution keeps between lookups against one registry index and one user directory:
// each person's and team's view, each component's ownership with what a task answer takes from it,
// the parts of the answer for a component alone, and each tag list's answer, with the span of times
// over which it stays true. Liveness moves with the clock only where an away or busy period ends, so
// an entry is reused while `now` stays inside its span and rebuilt outside it. A new index (another
// object) starts afresh; directories are told apart by what they hold (their signature), since the
// worker builds one per evaluation. Both are read-only once built.
import type { Epoch, Phid } from '../model';
import type { RegistryIndex } from '../registry/registry-index';
import { componentKey, type RegistryComponent, type RegistryConflict } from '../registry/types';
import { componentOwnership } from './component-ownership';
import { personView, stateWindow, type UserDirectory } from './liveness';
import { memberViews, registryPerson, teamView, type OwnerContext, type TeamView } from './owner-views';
import {
  layOut,
  maintainerRole,
  offerOf,
  stewardRole,
  TIER,
  type CandidateGroup,
  type Offer,
  type Tier,
} from './suggestions';
import { tagTable, type TagComponents } from './tag-components';
import {
  TaskComposer,
  type ComponentEntry,
  type FallbackMembers,
  type TaskParts,
  type Timed,
} from './task-parts';
import type { ContactView, OwnerView, PersonView, TaskOwnership } from './types';

/** Task answers kept per directory, oldest dropped first: more than a large install watches. */
const MAX_TASKS = 2_000;

/** A kept person or team view, with what it offers the picker per tier, made when first asked. */
interface Offering<T> extends Timed<T> {
  offers: (Offer | undefined)[];
  /** Its number as a steward: teams even, people odd (see stewardSlot). */
  slot: number;
  /** A team's contacts as a task lists them; null for a person or a team with none. */
  contact: ContactView | null;
}

interface PersonEntry extends Offering<PersonView> {
  /** The view alone in a list, as a claim of that person lists its members. */
  alone: PersonView[];
}

export class ResolveCache {
  private readonly persons = new Map<string, PersonEntry>();
  private readonly teams = new Map<string, Offering<TeamView>>();
  private readonly components = new Map<RegistryComponent, ComponentEntry>();
  private readonly tasks = new Map<string, Timed<TaskOwnership>>();
  /** Tag lists asked for once, oldest first in a ring: an answer is kept from the second time on, so
   *  a sweep over many tasks seen once does not fill memory with answers nobody asks for again. */
  private readonly asked = new Set<string>();
  private readonly askedRing: string[] = [];
  private askedNext = 0;
  private fallbackMembers: FallbackMembers | null = null;
  /** Numbers for people and teams, so composing an answer reads no map. */
  private readonly personSlots = new Map<string, number>();
  private readonly teamSlots = new Map<string, number>();
  /** The span the entry being built depends on, narrowed by every person it reads. */
  private from = -Infinity;
  private to = Infinity;
  private now: Epoch = 0;
  private readonly ctx: OwnerContext & { minOwners: number; conflicts: RegistryConflict[] };
  readonly composer: TaskComposer;
  /** The index's tags with their components (shared by every directory's cache). */
  readonly tags: Map<Phid, TagComponents>;
  /** The registry's sources as every answer names them: one list, shared (answers are read-only). */
  readonly sources: TaskOwnership['sources'];

  constructor(
    readonly index: RegistryIndex,
    /** The directory of the call at hand; every directory this cache serves has one signature. */
    public users: UserDirectory,
    private readonly conflictsByComponent: Map<string, RegistryConflict[]>,
  ) {
    this.tags = tagTable(index);
    this.sources = index.registry.sources.map((s) => ({ label: s.label, revisionTime: s.revisionTime }));
    this.ctx = {
      people: index.people,
      teams: index.teams,
      users,
      now: 0,
      minOwners: index.registry.policy.minOwners,
      conflicts: [],
      person: (key) => this.person(key).value,
      personAlone: (key) => this.person(key).alone,
      team: (key) => this.team(key).value,
    };
    this.composer = new TaskComposer(index, (now) => this.fallback(now));
  }

  /** Opens a span for an entry about to be built at `now`. */
  private begin(now: Epoch): void {
    this.now = now;
    this.ctx.now = now;
    this.ctx.users = this.users;
    this.from = -Infinity;
    this.to = Infinity;
  }

  private narrow(from: number, to: number): void {
    if (from > this.from) this.from = from;
    if (to < this.to) this.to = to;
  }

  private person(key: string): PersonEntry {
    const now = this.now;
    let entry = this.persons.get(key);
    if (!entry || now < entry.from || now >= entry.to) {
      const person = registryPerson(key, this.index.people);
      const window = stateWindow(this.users.find(person), now);
      const value = personView(person, this.users, now);
      entry = {
        value,
        from: window.from,
        to: window.to,
        offers: [],
        slot: this.personSlot(key) * 2 + 1,
        contact: null,
        alone: [value],
      };
      this.persons.set(key, entry);
    }
    this.narrow(entry.from, entry.to);
    return entry;
  }

  /** A team's view, kept with its own span: the entry being built is narrowed by it. */
  private team(key: string): Offering<TeamView> {
    const now = this.now;
    let entry = this.teams.get(key);
    if (!entry || now < entry.from || now >= entry.to) {
      const from = this.from;
      const to = this.to;
      this.from = -Infinity;
      this.to = Infinity;
      const value = teamView(key, this.ctx);
      const contact =
        Object.keys(value.contacts).length > 0 ? { team: value.name, contacts: value.contacts } : null;
      entry = {
        value,
        from: this.from,
        to: this.to,
        offers: [],
        slot: slot(this.teamSlots, key) * 2,
        contact,
      };
      this.teams.set(key, entry);
      this.from = from;
      this.to = to;
    }
    this.narrow(entry.from, entry.to);
    return entry;
  }

  private readonly personSlot = (key: string): number => slot(this.personSlots, key);

  /** The kept view of an owner just viewed at `now` (so valid now). */
  private owner(owner: OwnerView): PersonEntry | Offering<TeamView> {
    return owner.kind === 'team' ? this.team(owner.key) : this.person(owner.key);
  }

  private offer(entry: Offering<unknown>, owner: OwnerView, tier: Tier): Offer {
    return (entry.offers[tier] ??= offerOf(owner.members, tier, this.personSlot));
  }

  /** The component's ownership with no matched tags, and the span it holds for. */
  component(component: RegistryComponent, now: Epoch): ComponentEntry {
    const entry = this.components.get(component);
    if (entry && now >= entry.from && now < entry.to) return entry;
    this.begin(now);
    this.ctx.conflicts = this.conflictsByComponent.get(component.key) ?? [];
    const value = componentOwnership(component, this.ctx);
    const stewardSlots: number[] = [];
    const stewardNames: string[] = [];
    const contacts: (ContactView | null)[] = [];
    const stewardGroups: CandidateGroup[] = [];
    for (const s of value.stewards) {
      const kept = this.owner(s);
      stewardSlots.push(kept.slot);
      stewardNames.push(s.name);
      contacts.push(kept.contact);
      if (s.members.length > 0) {
        stewardGroups.push([this.offer(kept, s, TIER.steward), stewardRole(s, value)]);
      }
    }
    const maintainerGroups: CandidateGroup[] = [];
    if (value.maintainers.length > 0) {
      const role = maintainerRole(value);
      for (const m of value.maintainers) {
        maintainerGroups.push([this.offer(this.owner(m), m, TIER.maintainer), role]);
      }
    }
    const built: ComponentEntry = {
      value,
      from: this.from,
      to: this.to,
      stewardSlots,
      stewardNames,
      contacts,
      candidates: layOut(stewardGroups, maintainerGroups),
      alone: null,
    };
    this.components.set(component, built);
    return built;
  }

  /** What a task of this component alone adds to it (see TaskComposer), kept with the component. */
  alone(entry: ComponentEntry, now: Epoch): Timed<TaskParts> {
    const kept = entry.alone;
    if (kept && now >= kept.from && now < kept.to) return kept;
    entry.alone = this.composer.compose([entry], [], now);
    return entry.alone;
  }

  /** The members of the owner of last resort. */
  private fallback(now: Epoch): FallbackMembers {
    const entry = this.fallbackMembers;
    if (entry && now >= entry.from && now < entry.to) return entry;
    this.begin(now);
    const value = memberViews(this.composer.fallbackTeam?.members ?? [], this.ctx);
    const role = `owner of last resort: ${this.composer.lastResortTeam}`;
    const candidates = layOut([], [[offerOf(value, TIER.lastResort, this.personSlot), role]]);
    this.fallbackMembers = { value, from: this.from, to: this.to, candidates };
    return this.fallbackMembers;
  }

  task(key: string, now: Epoch): TaskOwnership | null {
    const entry = this.tasks.get(key);
    return entry && now >= entry.from && now < entry.to ? entry.value : null;
  }

  keepTask(key: string, value: TaskOwnership, from: number, to: number): void {
    if (!this.asked.has(key)) {
      if (this.askedRing.length < MAX_TASKS) {
        this.askedRing.push(key);
      } else {
        this.asked.delete(this.askedRing[this.askedNext]!);
        this.askedRing[this.askedNext] = key;
        this.askedNext = (this.askedNext + 1) % MAX_TASKS;
      }
      this.asked.add(key);
      return;
    }
    // The oldest answer makes room (Maps keep insertion order).
    if (this.tasks.size >= MAX_TASKS) this.tasks.delete(this.tasks.keys().next().value!);
    this.tasks.set(key, { value, from, to });
  }
}

function slot(slots: Map<string, number>, key: string): number {
  let n = slots.get(key);
  if (n === undefined) {
    n = slots.size;
    slots.set(key, n);
  }
  return n;
}

/** Directories kept per index, by content: the worker builds a new one for every evaluation. */
const MAX_DIRECTORIES = 64;

const caches = new WeakMap<RegistryIndex, Map<string, ResolveCache>>();
const conflictMaps = new WeakMap<RegistryIndex, Map<string, RegistryConflict[]>>();

/** Component conflicts by component key, in registry order (what conflictsFor picks). */
function conflictsByComponent(index: RegistryIndex): Map<string, RegistryConflict[]> {
  let map = conflictMaps.get(index);
  if (!map) {
    map = new Map();
    for (const c of index.registry.conflicts) {
      if (c.subject !== 'component') continue;
      const key = componentKey(c.name);
      const list = map.get(key);
      if (list) list.push(c);
      else map.set(key, [c]);
    }
    conflictMaps.set(index, map);
  }
  return map;
}

/** The last call's cache: a worker evaluates many tasks in a row against one index and directory.
 *  Held weakly, so an index the worker has replaced is not kept alive by it. */
let last: WeakRef<ResolveCache> | null = null;

export function resolveCache(index: RegistryIndex, users: UserDirectory): ResolveCache {
  const previous = last?.deref();
  if (previous && previous.index === index && previous.users === users) return previous;
  let byUsers = caches.get(index);
  if (!byUsers) {
    byUsers = new Map();
    caches.set(index, byUsers);
  }
  const signature = users.signature;
  let cache = byUsers.get(signature);
  if (!cache) {
    if (byUsers.size >= MAX_DIRECTORIES) byUsers.delete(byUsers.keys().next().value!);
    cache = new ResolveCache(index, users, conflictsByComponent(index));
    byUsers.set(signature, cache);
  }
  // Directories with one signature answer alike; what is built now is built from the caller's.
  cache.users = users;
  last = new WeakRef(cache);
  return cache;
}
