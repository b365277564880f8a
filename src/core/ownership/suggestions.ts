// The ordered list behind the banner's "assign process owner" picker: people of live stewards and
// maintainers first, then the owner of last resort; away, disabled and departed people last, marked.
// Each component's candidate groups are worked out once when its ownership is built (see
// resolve-cache.ts), from offers kept per team and person; a task merges its components' groups, so a new tag list of
// known components costs a merge.
import { isGone, isReachableNow, STATE_RANK } from './liveness';
import type { ComponentOwnership, OwnerView, PersonView, ProcessOwnerSuggestion } from './types';

/** People offered to the picker under one tier, bots left out (a bot cannot drive an incident). */
export interface Offer {
  people: PersonView[];
  /** Each person's number in the merger (see SuggestionMerger), so merging needs no map. */
  slots: number[];
  /** The picker's order but for first appearance, as one number (see rankOf). */
  ranks: number[];
}

/** An offer under one role text; a team's offer is shared by every component it stewards. */
export interface CandidateGroup {
  offer: Offer;
  role: string;
  /** Each person's suggestion with this role alone, made when first merged: most people are
   *  offered once per task, so most answers share these rather than build their own. */
  alone?: ProcessOwnerSuggestion[];
}

/** Steward, maintainer, owner of last resort: the order of roles in the picker. */
export const TIER = { steward: 0, maintainer: 1, lastResort: 2 } as const;
export type Tier = (typeof TIER)[keyof typeof TIER];

const group = (p: PersonView): number => (isReachableNow(p.state) ? 0 : p.state === 'away' ? 1 : 2);

/**
 * Reachable before away before gone, then steward before maintainer before last resort, then by
 * state, then people with a username first: each part below the next one's multiplier, so comparing
 * two ranks compares the parts in that order. A person keeps the tier of their first offer, which is
 * the lowest one since every group of a tier is merged before the next tier's.
 */
function rankOf(person: PersonView, tier: Tier): number {
  return ((group(person) * 3 + tier) * 7 + STATE_RANK[person.state]) * 2 + (person.username === null ? 1 : 0);
}

export function offerOf(people: readonly PersonView[], tier: Tier, slotOf: (key: string) => number): Offer {
  const offer: Offer = { people: [], slots: [], ranks: [] };
  for (const person of people) {
    if (person.state === 'bot') continue;
    offer.people.push(person);
    offer.slots.push(slotOf(person.key));
    offer.ranks.push(rankOf(person, tier));
  }
  return offer;
}

/** Why a steward's people are suggested for a task of this component. */
export function stewardRole(steward: OwnerView, component: ComponentOwnership): string {
  return steward.kind === 'team'
    ? `steward: ${steward.name} (${component.name})`
    : `steward (${component.name})`;
}

/** Why a maintainer's people are suggested: one text for every maintainer of the component. */
export function maintainerRole(component: ComponentOwnership): string {
  return `maintainer (${component.name})`;
}

/** Above this many candidates the merge sorts with the engine's sort rather than by insertion. */
const INSERTION_SORT_MAX = 32;

/**
 * Merges candidate lists into the picker's list: one suggestion per person, with every distinct
 * role they were offered under, in the picker's order. People are told apart by slot, marked with
 * the number of the merge at hand, so a merge reads no map and clears nothing. One merge at a time.
 */
export class SuggestionMerger {
  private mark = new Int32Array(64);
  private at = new Int32Array(64);
  private stamp = 0;
  /** Per person merged so far: the group and place of their first offer, every role when they
   *  have more than one, and their sort key. */
  private readonly groups: CandidateGroup[] = [];
  private readonly places: number[] = [];
  private readonly roles: (string[] | null)[] = [];
  private readonly keys: number[] = [];

  begin(): void {
    if (this.stamp === 0x7fffffff) {
      this.mark.fill(0);
      this.stamp = 0;
    }
    this.stamp++;
    this.groups.length = 0;
    this.places.length = 0;
    this.roles.length = 0;
    this.keys.length = 0;
  }

  add(groups: readonly CandidateGroup[]): void {
    for (const group of groups) {
      const { slots, ranks } = group.offer;
      const role = group.role;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!;
        if (slot >= this.mark.length) this.grow(slot);
        if (this.mark[slot] === this.stamp) {
          const at = this.at[slot]!;
          const first = this.groups[at]!.role;
          const roles = this.roles[at];
          if (!roles) {
            if (role !== first) this.roles[at] = [first, role];
          } else if (!roles.includes(role)) {
            roles.push(role);
          }
          continue;
        }
        const order = this.groups.length;
        this.mark[slot] = this.stamp;
        this.at[slot] = order;
        this.groups.push(group);
        this.places.push(i);
        this.roles.push(null);
        // Rank first, then first appearance; both small integers, so one exact number.
        this.keys.push(ranks[i]! * 0x100000000 + order);
      }
    }
  }

  finish(): ProcessOwnerSuggestion[] {
    const { groups, places, roles, keys } = this;
    const n = groups.length;
    const order: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (n <= INSERTION_SORT_MAX) {
      for (let i = 1; i < n; i++) {
        const item = order[i]!;
        const key = keys[item]!;
        let j = i - 1;
        while (j >= 0 && keys[order[j]!]! > key) {
          order[j + 1] = order[j]!;
          j--;
        }
        order[j + 1] = item;
      }
    } else {
      order.sort((a, b) => keys[a]! - keys[b]!);
    }
    const out: ProcessOwnerSuggestion[] = new Array<ProcessOwnerSuggestion>(n);
    for (let i = 0; i < n; i++) {
      const k = order[i]!;
      const group = groups[k]!;
      const place = places[k]!;
      const person = group.offer.people[place]!;
      const several = roles[k];
      if (several) {
        out[i] = suggestion(person, several);
      } else {
        const alone = (group.alone ??= new Array<ProcessOwnerSuggestion>(group.offer.people.length));
        out[i] = alone[place] ??= suggestion(person, [group.role]);
      }
    }
    return out;
  }

  private grow(slot: number): void {
    let size = this.mark.length;
    while (size <= slot) size *= 2;
    const mark = new Int32Array(size);
    mark.set(this.mark);
    const at = new Int32Array(size);
    at.set(this.at);
    this.mark = mark;
    this.at = at;
  }
}

function suggestion(person: PersonView, roles: string[]): ProcessOwnerSuggestion {
  return {
    key: person.key,
    username: person.username,
    name: person.name,
    phid: person.phid,
    state: person.state,
    until: person.until,
    roles,
    marked: person.state === 'away' || isGone(person.state),
    assignable: person.username !== null,
  };
}
