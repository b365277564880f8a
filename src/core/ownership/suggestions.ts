// The ordered list behind the banner's "assign process owner" picker: people of live stewards and
// maintainers first, then the owner of last resort; away, disabled and departed people last, marked.
// Each component's candidates are worked out once when its ownership is built (see resolve-cache.ts),
// from offers kept per team and person, and laid out flat (Candidates): a task merges its components'
// lists, so a new tag list of known components costs a merge over a few small arrays.
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

/** Offers under one role text each; a team's offer is shared by every component it stewards. */
export type CandidateGroup = readonly [offer: Offer, role: string];

/**
 * One component's (or the last resort's) candidates laid out for merging: a merge over many
 * components reads these few arrays rather than each person, offer and role it was built from.
 */
export interface Candidates {
  /** Per candidate, its person's slot then its rank (small integers: a plain array stays on the
   *  engine's heap, where a typed array this size would need a buffer of its own). */
  slotRank: number[];
  /** The candidates offered as stewards come first: this many of them. */
  stewards: number;
  /** Each candidate's suggestion under its role alone (roles[0] is the role): most people are
   *  offered once per task, so most answers share these rather than build their own. Read-only. */
  alone: ProcessOwnerSuggestion[];
}

/** Lays out stewards' groups, then maintainers' (or the last resort's), for merging. */
export function layOut(
  stewards: readonly CandidateGroup[],
  others: readonly CandidateGroup[] = [],
): Candidates {
  let stewardCount = 0;
  for (const [offer] of stewards) stewardCount += offer.people.length;
  const out: Candidates = { slotRank: [], stewards: stewardCount, alone: [] };
  for (const groups of [stewards, others]) {
    for (const [offer, role] of groups) {
      // One list of that one role for everyone in the group (read-only, as answers are).
      const roles = [role];
      for (let i = 0; i < offer.people.length; i++) {
        out.slotRank.push(offer.slots[i]!, offer.ranks[i]!);
        out.alone.push(suggestion(offer.people[i]!, roles));
      }
    }
  }
  return out;
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
  /** Per person merged so far: the list and place of their first offer, every role when they have
   *  more than one, and their sort key. */
  private readonly lists: Candidates[] = [];
  private readonly places: number[] = [];
  private readonly roles: (string[] | null)[] = [];
  private readonly keys: number[] = [];

  begin(): void {
    if (this.stamp === 0x7fffffff) {
      this.mark.fill(0);
      this.stamp = 0;
    }
    this.stamp++;
    this.lists.length = 0;
    this.places.length = 0;
    this.roles.length = 0;
    this.keys.length = 0;
  }

  /** Adds the candidates [start, end) of a list: call for every list's stewards before any
   *  list's maintainers, and the last resort last, so first offers come in the picker's order. */
  add(list: Candidates, start: number, end: number): void {
    const slotRank = list.slotRank;
    for (let i = start; i < end; i++) {
      const slot = slotRank[2 * i]!;
      if (slot >= this.mark.length) this.grow(slot);
      if (this.mark[slot] === this.stamp) {
        const at = this.at[slot]!;
        const role = list.alone[i]!.roles[0]!;
        const first = this.lists[at]!.alone[this.places[at]!]!.roles[0]!;
        const roles = this.roles[at];
        if (!roles) {
          if (role !== first) this.roles[at] = [first, role];
        } else if (!roles.includes(role)) {
          roles.push(role);
        }
        continue;
      }
      const order = this.lists.length;
      this.mark[slot] = this.stamp;
      this.at[slot] = order;
      this.lists.push(list);
      this.places.push(i);
      this.roles.push(null);
      // Rank first, then first appearance; both small integers, so one exact number.
      this.keys.push(slotRank[2 * i + 1]! * 0x100000000 + order);
    }
  }

  finish(): ProcessOwnerSuggestion[] {
    const { lists, places, roles, keys } = this;
    const n = lists.length;
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
      const alone = lists[k]!.alone[places[k]!]!;
      const several = roles[k];
      out[i] = several ? { ...alone, roles: several } : alone;
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
