// The ordered list behind the banner's "assign process owner" picker: people of live stewards and
// maintainers first, then the owner of last resort; away, disabled and departed people last, marked.
import { isGone, isReachableNow, STATE_RANK } from './liveness';
import type { ComponentOwnership, LastResortView, PersonView, ProcessOwnerSuggestion } from './types';

interface Candidate {
  person: PersonView;
  tier: number;
  order: number;
  roles: string[];
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
