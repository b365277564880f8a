// What ownership resolution hands to the banner, popup and coverage report. Plain, serialisable
// data: it travels in extension messages.
import type { Epoch, Phid } from '../model';
import type { FormerOwnerNote, Provenance, RegistryConflict, TeamContacts } from '../registry/types';

/**
 * available/busy: reachable now; unknown: not seen in Phabricator but active in the registry;
 * away: live but not reachable until `until`; disabled/departed/bot: not an owner.
 */
export type OwnerState = 'available' | 'busy' | 'unknown' | 'away' | 'disabled' | 'departed' | 'bot';

export interface PersonView {
  key: string;
  username: string | null;
  name: string;
  phid: Phid | null;
  state: OwnerState;
  /** End of an away/busy period, when Phabricator gives one. */
  until: Epoch | null;
  volunteer: boolean;
}

export type TeamState = 'live' | 'away' | 'gone' | 'unknown';

export interface OwnerView {
  kind: 'team' | 'person';
  key: string;
  name: string;
  group: string | null;
  /** For a team: its members (empty when the source lists none). For a person: just them. */
  members: PersonView[];
  /** Team: live (someone reachable), away (everyone away), gone (all departed/disabled), unknown
   *  (no members listed). Person: mapped from their own state. */
  state: TeamState;
  contacts: TeamContacts;
  provenance: Provenance;
}

export type FlagId =
  'unassigned' | 'departed' | 'all-away' | 'volunteer-only' | 'under-covered' | 'needs-single-process-owner';

export interface OwnershipFlag {
  id: FlagId;
  /** Short text for the banner, as DESIGN.md words it. */
  label: string;
  /** The component it is about; null for task-level flags. */
  component: string | null;
  detail: string;
}

export interface ComponentOwnership {
  key: string;
  name: string;
  critical: boolean;
  description: string | null;
  /** The task tags that led to this component. */
  matchedTags: { phid: Phid; name: string | null }[];
  stewards: OwnerView[];
  maintainers: OwnerView[];
  consulted: OwnerView[];
  formerly: FormerOwnerNote[];
  liveStewards: number;
  flags: OwnershipFlag[];
  conflicts: RegistryConflict[];
  provenance: Provenance[];
}

export interface ContactView {
  team: string;
  contacts: TeamContacts;
}

export interface LastResortView {
  team: string;
  members: PersonView[];
  contacts: TeamContacts;
  /** Why the owner of last resort is named. */
  reason: string;
}

/** Who a person is, as the picker shows them, without the registry detail it does not need. */
export interface ProcessOwnerSuggestion extends Pick<
  PersonView,
  'key' | 'username' | 'name' | 'phid' | 'state' | 'until'
> {
  /** Why this person is suggested: "steward: Security Team (CentralAuth)", "maintainer (Echo)". */
  roles: string[];
  /** Away, disabled or departed: shown last and marked in the picker. */
  marked: boolean;
  /** Only people with a Phabricator username can be assigned. */
  assignable: boolean;
}

export interface TaskOwnership {
  components: ComponentOwnership[];
  /** Task tags no registry component claims. */
  unmappedTags: { phid: Phid; name: string | null }[];
  /** Distinct stewards across the task's components. */
  stewardCount: number;
  contacts: ContactView[];
  lastResort: LastResortView | null;
  flags: OwnershipFlag[];
  suggestions: ProcessOwnerSuggestion[];
  /** Registry sources and their age, so the banner can say where this came from. */
  sources: { label: string; revisionTime: Epoch | null }[];
}

export const FLAG_LABELS: Record<FlagId, string> = {
  unassigned: 'Unassigned',
  departed: 'Every steward departed or disabled',
  'all-away': 'Every reachable owner away',
  'volunteer-only': 'Volunteer only: slow for UBN!',
  'under-covered': 'Under-covered',
  'needs-single-process-owner': 'Needs a single process owner',
};
