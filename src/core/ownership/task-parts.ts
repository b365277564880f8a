// What a task's answer adds to the ownership of its components: their flags and the task's own,
// the distinct stewards, the teams to contact, the owner of last resort when nobody live is on the
// hook, and the picker's suggestions. Composed from what each component keeps (ComponentEntry), so
// a tag list never seen before costs a merge of small lists, not a walk over people.
import type { Epoch, Phid } from '../model';
import type { RegistryIndex } from '../registry/registry-index';
import { DEFAULT_FALLBACK_TEAM, teamKey, type RegistryTeam, type TeamContacts } from '../registry/types';
import { noComponentFlag, singleProcessOwnerFlag } from './flags';
import { SuggestionMerger, type Candidates } from './suggestions';
import type {
  ComponentOwnership,
  ContactView,
  LastResortView,
  OwnershipFlag,
  PersonView,
  TaskOwnership,
} from './types';

export interface Timed<T> {
  value: T;
  from: number;
  to: number;
}

/** A component's ownership (no matched tags) with what a task answer takes from it, built once. */
export interface ComponentEntry extends Timed<ComponentOwnership> {
  /** Each steward's number (ResolveCache) and name, in the order of value.stewards. */
  stewardSlots: number[];
  stewardNames: string[];
  /** Each steward's contacts when it is a team with some, in the order of value.stewards. */
  contacts: (ContactView | null)[];
  /** What the component offers the picker: its stewards' people, then its maintainers'. */
  candidates: Candidates;
  /** The parts for a task of this component alone, once asked; valid while the entry is. */
  alone: Timed<TaskParts> | null;
}

export type TaskParts = Pick<
  TaskOwnership,
  'stewardCount' | 'contacts' | 'lastResort' | 'flags' | 'suggestions'
>;

export interface FallbackMembers extends Timed<PersonView[]> {
  /** The members as the picker is offered them, under the last-resort role. */
  candidates: Candidates;
}

export class TaskComposer {
  readonly fallbackTeam: RegistryTeam | undefined;
  readonly lastResortTeam: string;
  private readonly lastResortContacts: TeamContacts;
  private readonly lastResortHasContacts: boolean;
  private readonly merger = new SuggestionMerger();
  /** Stewards seen by the composition at hand, by slot: marked with its number, never cleared. */
  private seen = new Int32Array(64);
  private stamp = 0;

  constructor(
    index: RegistryIndex,
    private readonly fallback: (now: Epoch) => FallbackMembers,
  ) {
    this.fallbackTeam = index.teams.get(index.registry.fallback ?? teamKey(DEFAULT_FALLBACK_TEAM));
    this.lastResortTeam = this.fallbackTeam?.name ?? DEFAULT_FALLBACK_TEAM;
    this.lastResortContacts = { ...(this.fallbackTeam?.contacts ?? {}) };
    this.lastResortHasContacts = Object.keys(this.lastResortContacts).length > 0;
  }

  /**
   * The parts for these components (in task order) and, with none, the tags no component claims;
   * the span is what the owner of last resort adds to the components' own.
   */
  compose(
    entries: readonly ComponentEntry[],
    unmapped: readonly { phid: Phid; name: string | null }[],
    now: Epoch,
  ): Timed<TaskParts> {
    let from = -Infinity;
    let to = Infinity;

    this.next();
    const stewardNames: string[] = [];
    for (const e of entries) {
      const slots = e.stewardSlots;
      for (let i = 0; i < slots.length; i++) if (this.mark(slots[i]!)) stewardNames.push(e.stewardNames[i]!);
    }
    const single = singleProcessOwnerFlag(stewardNames);
    let flags: OwnershipFlag[];
    if (entries.length === 1 && !single) {
      // The component's own flags, and nothing of the task's: the same list, shared (read-only).
      flags = entries[0]!.value.flags;
    } else {
      flags = [];
      for (const e of entries) for (const f of e.value.flags) flags.push(f);
      if (entries.length === 0) flags.push(noComponentFlag(unmapped.map((t) => t.name ?? t.phid)));
      if (single) flags.push(single);
    }

    let lastResort: LastResortView | null = null;
    let lastResortCandidates: Candidates | null = null;
    let uncovered: string[] | null = null;
    for (const e of entries) if (e.value.liveStewards === 0) (uncovered ??= []).push(e.value.name);
    if (entries.length === 0 || uncovered) {
      const members = this.fallback(now);
      if (members.from > from) from = members.from;
      if (members.to < to) to = members.to;
      lastResortCandidates = members.candidates;
      lastResort = {
        team: this.lastResortTeam,
        members: members.value,
        contacts: this.lastResortContacts,
        reason: uncovered
          ? `no live steward for ${uncovered.join(', ')}`
          : 'no registry component covers this task',
      };
    }

    this.next();
    const contacts: ContactView[] = [];
    for (const e of entries) {
      for (let i = 0; i < e.contacts.length; i++) {
        const contact = e.contacts[i];
        if (contact && this.mark(e.stewardSlots[i]!)) contacts.push(contact);
      }
    }
    if (lastResort && this.lastResortHasContacts && !contacts.some((c) => c.team === lastResort.team)) {
      contacts.push({ team: lastResort.team, contacts: lastResort.contacts });
    }

    const merger = this.merger;
    merger.begin();
    for (const e of entries) merger.add(e.candidates, 0, e.candidates.stewards);
    for (const e of entries) merger.add(e.candidates, e.candidates.stewards, e.candidates.alone.length);
    if (lastResortCandidates) merger.add(lastResortCandidates, 0, lastResortCandidates.alone.length);

    return {
      value: {
        stewardCount: stewardNames.length,
        contacts,
        lastResort,
        flags,
        suggestions: merger.finish(),
      },
      from,
      to,
    };
  }

  private next(): void {
    if (this.stamp === 0x7fffffff) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    this.stamp++;
  }

  /** Marks a steward as seen by the composition at hand; false when it already was. */
  private mark(slot: number): boolean {
    if (slot >= this.seen.length) {
      let size = this.seen.length;
      while (size <= slot) size *= 2;
      const seen = new Int32Array(size);
      seen.set(this.seen);
      this.seen = seen;
    }
    if (this.seen[slot] === this.stamp) return false;
    this.seen[slot] = this.stamp;
    return true;
  }
}
