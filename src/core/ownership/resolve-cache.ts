// What task resolution keeps between lookups against one registry index and one user directory:
// each person's view, each component's ownership and each tag list's answer, with the span of
// times over which it stays true. Liveness moves with the clock only where an away or busy period
// ends, so an entry is reused while `now` stays inside its span and rebuilt outside it. A new index
// (another object) starts afresh; directories are told apart by what they hold (their signature),
// since the worker builds one per evaluation. Both are read-only once built.
import type { Epoch } from '../model';
import type { RegistryIndex } from '../registry/registry-index';
import { componentKey, type RegistryComponent, type RegistryConflict } from '../registry/types';
import { componentOwnership } from './component-ownership';
import { personView, stateWindow, type UserDirectory } from './liveness';
import { memberViews, registryPerson, type OwnerContext } from './owner-views';
import type { ComponentOwnership, PersonView, TaskOwnership } from './types';

interface Timed<T> {
  value: T;
  from: number;
  to: number;
}

/** Task answers kept per directory, oldest dropped first: more than a large install watches. */
const MAX_TASKS = 2_000;

export class ResolveCache {
  private readonly persons = new Map<string, Timed<PersonView>>();
  private readonly components = new Map<string, Timed<ComponentOwnership>>();
  private readonly tasks = new Map<string, Timed<TaskOwnership>>();
  /** Tag lists asked for once: an answer is kept from the second time on, so a sweep over many
   *  tasks seen once does not fill memory with answers nobody asks for again. */
  private readonly asked = new Set<string>();
  private fallbackMembers: Timed<PersonView[]> | null = null;
  /** The span the entry being built depends on, narrowed by every person it reads. */
  private from = -Infinity;
  private to = Infinity;
  private now: Epoch = 0;
  private readonly ctx: OwnerContext & { minOwners: number; conflicts: RegistryConflict[] };
  /** The registry's sources as every answer names them: one list, shared (answers are read-only). */
  readonly sources: TaskOwnership['sources'];

  constructor(
    private readonly index: RegistryIndex,
    /** The directory of the call at hand; every directory this cache serves has one signature. */
    public users: UserDirectory,
    private readonly conflictsByComponent: Map<string, RegistryConflict[]>,
  ) {
    this.sources = index.registry.sources.map((s) => ({ label: s.label, revisionTime: s.revisionTime }));
    this.ctx = {
      people: index.people,
      teams: index.teams,
      users,
      now: 0,
      minOwners: index.registry.policy.minOwners,
      conflicts: [],
      person: (key) => this.person(key),
    };
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

  private person(key: string): PersonView {
    const now = this.now;
    let entry = this.persons.get(key);
    if (!entry || now < entry.from || now >= entry.to) {
      const person = registryPerson(key, this.index.people);
      const window = stateWindow(this.users.find(person), now);
      entry = { value: personView(person, this.users, now), ...window };
      this.persons.set(key, entry);
    }
    this.narrow(entry.from, entry.to);
    return entry.value;
  }

  /** The component's ownership with no matched tags, and the span it holds for. */
  component(component: RegistryComponent, now: Epoch): Timed<ComponentOwnership> {
    const entry = this.components.get(component.key);
    if (entry && now >= entry.from && now < entry.to) return entry;
    this.begin(now);
    this.ctx.conflicts = this.conflictsByComponent.get(component.key) ?? [];
    const value = componentOwnership(component, this.ctx);
    const built = { value, from: this.from, to: this.to };
    this.components.set(component.key, built);
    return built;
  }

  /** The members of the owner of last resort. */
  fallback(keys: string[], now: Epoch): Timed<PersonView[]> {
    const entry = this.fallbackMembers;
    if (entry && now >= entry.from && now < entry.to) return entry;
    this.begin(now);
    const value = memberViews(keys, this.ctx);
    this.fallbackMembers = { value, from: this.from, to: this.to };
    return this.fallbackMembers;
  }

  task(key: string, now: Epoch): TaskOwnership | null {
    const entry = this.tasks.get(key);
    return entry && now >= entry.from && now < entry.to ? entry.value : null;
  }

  keepTask(key: string, value: TaskOwnership, from: number, to: number): void {
    if (!this.asked.has(key)) {
      if (this.asked.size >= MAX_TASKS) this.asked.delete(this.asked.values().next().value!);
      this.asked.add(key);
      return;
    }
    // The oldest answer makes room (Maps keep insertion order).
    if (this.tasks.size >= MAX_TASKS) this.tasks.delete(this.tasks.keys().next().value!);
    this.tasks.set(key, { value, from, to });
  }
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

export function resolveCache(index: RegistryIndex, users: UserDirectory): ResolveCache {
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
  return cache;
}
