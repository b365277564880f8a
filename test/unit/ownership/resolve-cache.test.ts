// The resolver keeps answers per index, user directory and span of time. Keeping must never change
// an answer: every lookup, in any order of tags and times, equals what the resolver gave before it
// kept anything (reference-resolve.ts).
import { describe, expect, it } from 'vitest';
import type { PhabUser, Phid } from '../../../src/core/model';
import { UserDirectory } from '../../../src/core/ownership/liveness';
import { resolveTaskOwnership } from '../../../src/core/ownership/resolve';
import { buildRegistryIndex } from '../../../src/core/registry/registry-index';
import { exampleRegistry, projects, SEEDED_AT, tasks, users } from './captured-world';
import { referenceResolveTaskOwnership } from './reference-resolve';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const registry = exampleRegistry();
const index = buildRegistryIndex(registry, { projects });
const ends = users.flatMap((u) => (u.availability.until === null ? [] : [u.availability.until]));
// Each end of an away or busy period, a second either side, and times far before and after.
const times = [SEEDED_AT, 0, 4_000_000_000, ...ends.flatMap((t) => [t - 1, t, t + 1])];

/** The captured accounts with availability shuffled: other people away or busy, other ends. */
function shuffledUsers(random: () => number): PhabUser[] {
  const values = ['available', 'away', 'busy', 'unknown', 'disabled'] as const;
  return users.map((u) => {
    const value = values[Math.floor(random() * values.length)]!;
    const until = random() < 0.3 ? null : times[Math.floor(random() * times.length)]!;
    return { ...u, availability: { value, until } };
  });
}

function tagSets(random: () => number, count: number): Phid[][] {
  const pool = [...projects.map((p) => p.phid), 'PHID-PROJ-notonthisinstance'];
  const sets: Phid[][] = [...tasks.values()].map((t) => t.projectPHIDs);
  sets.push([]);
  for (let i = 0; i < count; i++) {
    const n = Math.floor(random() * 5);
    sets.push(Array.from({ length: n }, () => pool[Math.floor(random() * pool.length)]!));
  }
  return sets;
}

const same = (tags: Phid[], users: UserDirectory, now: number) => {
  const kept = resolveTaskOwnership({ projectPHIDs: tags, index, users, now });
  const reference = referenceResolveTaskOwnership({ projectPHIDs: tags, index, users, now });
  expect(kept).toStrictEqual(reference);
  // Same keys in the same order, as a message carries them.
  expect(JSON.stringify(kept)).toBe(JSON.stringify(reference));
};

describe('kept ownership answers', () => {
  it('equal the uncached resolver for the captured tasks and random tag sets at every time', () => {
    const random = rng(7);
    const directory = new UserDirectory(users);
    const sets = tagSets(random, 200);
    // The same directory throughout, so later lookups read what earlier ones kept.
    for (let round = 0; round < 3; round++) {
      for (const tags of sets) same(tags, directory, times[Math.floor(random() * times.length)]!);
    }
  });

  it('follow the clock forwards and backwards across the end of every away or busy period', () => {
    const directory = new UserDirectory(users);
    const sets = tagSets(rng(3), 20);
    const walk = [...times].sort((a, b) => a - b);
    for (const now of [...walk, ...walk.reverse()]) for (const tags of sets) same(tags, directory, now);
  });

  it('follow the directory: other availability gives other answers, never a kept one', () => {
    const random = rng(11);
    const sets = tagSets(random, 50);
    for (let d = 0; d < 30; d++) {
      const directory = new UserDirectory(shuffledUsers(random));
      for (const tags of sets) same(tags, directory, times[Math.floor(random() * times.length)]!);
    }
    same(sets[0]!, new UserDirectory(), SEEDED_AT);
  });

  it('follow the registry: another index answers for its own components', () => {
    const directory = new UserDirectory(users);
    const t14 = tasks.get(14)!.projectPHIDs;
    const before = resolveTaskOwnership({ projectPHIDs: t14, index, users: directory, now: SEEDED_AT });
    const bare = buildRegistryIndex({ ...registry, components: [] }, { projects });
    const after = resolveTaskOwnership({ projectPHIDs: t14, index: bare, users: directory, now: SEEDED_AT });
    expect(before.components.length).toBeGreaterThan(0);
    expect(after.components).toEqual([]);
  });

  it('are read back for a tag list asked for again, until the clock passes an away end', () => {
    const directory = new UserDirectory(users);
    const t11 = tasks.get(11)!.projectPHIDs; // carol away until 1796219100
    const ask = (now: number) => resolveTaskOwnership({ projectPHIDs: t11, index, users: directory, now });
    ask(SEEDED_AT);
    const kept = ask(SEEDED_AT);
    expect(ask(SEEDED_AT + 60)).toBe(kept);
    const back = ask(1796219100);
    expect(back).not.toBe(kept);
    expect(back).toStrictEqual(
      referenceResolveTaskOwnership({ projectPHIDs: t11, index, users: directory, now: 1796219100 }),
    );
  });

  it('are shared by directories holding the same accounts, as the worker builds one per evaluation', () => {
    const t16 = tasks.get(16)!.projectPHIDs;
    const ask = (list: typeof users) =>
      resolveTaskOwnership({ projectPHIDs: t16, index, users: new UserDirectory(list), now: SEEDED_AT });
    ask(users.map((u) => ({ ...u })));
    const kept = ask(users.map((u) => ({ ...u })));
    expect(ask(users.map((u) => ({ ...u, roles: [...u.roles] })))).toBe(kept);
    // erin no longer busy: another directory, another answer.
    const freed = users.map((u) =>
      u.username === 'erin' ? { ...u, availability: { value: 'available' as const, until: null } } : u,
    );
    const answer = ask(freed);
    expect(answer).not.toBe(kept);
    expect(answer).toStrictEqual(
      referenceResolveTaskOwnership({
        projectPHIDs: t16,
        index,
        users: new UserDirectory(freed),
        now: SEEDED_AT,
      }),
    );
  });

  it('answer the same whatever the order and repetition of the same tags', () => {
    const directory = new UserDirectory(users);
    const t16 = tasks.get(16)!.projectPHIDs;
    same([...t16, ...t16], directory, SEEDED_AT);
    same([...t16].reverse(), directory, SEEDED_AT);
  });
});
