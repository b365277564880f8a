// The ordered list behind the banner's "assign process owner" picker: people of live stewards and
// maintainers first, then the owner of last resort; away, disabled and departed people last, marked.
import { isGone, isReachableNow, STATE_RANK } from './liveness';
import type { ComponentOwnership, LastResortView, PersonView, ProcessOwnerSuggestion } from './types';

interface Candidate {
  person: PersonView;
  tier: number;
  order: number;
  roles: string[];
  /** The picker's order but for `order`, as one number (see rankOf). */
  rank: number;
}

const group = (p: PersonView): number => (isReachableNow(p.state) ? 0 : p.state === 'away' ? 1 : 2);

/**
 * Reachable before away before gone, then steward before maintainer before last resort, then by
 * state, then people with a username first: each part below the next one's multiplier, so comparing
 * two ranks compares the parts in that order (one subtraction per comparison in the sort).
 */
function rankOf(c: Candidate): number {
  return (
    ((group(c.person) * 3 + c.tier) * 7 + STATE_RANK[c.person.state]) * 2 +
    (c.person.username === null ? 1 : 0)
  );
}

export function processOwnerSuggestions(
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
    byKey.set(person.key, { person, tier, order: order++, roles: [role], rank: 0 });
  };
  // One role text per steward, component or last resort, shared by everyone it names.
  for (const c of components) {
    for (const s of c.stewards) {
      if (s.members.length === 0) continue;
      const role = s.kind === 'team' ? `steward: ${s.name} (${c.name})` : `steward (${c.name})`;
      for (const m of s.members) add(m, 0, role);
    }
  }
  for (const c of components) {
    if (c.maintainers.length === 0) continue;
    const role = `maintainer (${c.name})`;
    for (const m of c.maintainers) for (const p of m.members) add(p, 1, role);
  }
  if (lastResort && lastResort.members.length > 0) {
    const role = `owner of last resort: ${lastResort.team}`;
    for (const m of lastResort.members) add(m, 2, role);
  }

  const candidates = [...byKey.values()];
  for (const c of candidates) c.rank = rankOf(c);
  return candidates
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
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
