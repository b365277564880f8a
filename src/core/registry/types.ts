// The normalised owners registry every source (native file, wiki page, merge of several) turns into.
// Plain data only: it is cached in IndexedDB and travels in extension messages.
import type { Epoch } from '../model';

/** Where one claim came from, so a reader can check it and judge its age. */
export interface Provenance {
  /** Human label of the source: a file name, a URL, "mediawiki.org Developers/Maintainers". */
  source: string;
  /** Where inside the source: "components[3]" or "table 2 (MediaWiki extensions), row 14". */
  location: string;
  /** Last edit of the source when known (wikitext revisions carry it; a parse reply does not). */
  revisionTime: Epoch | null;
  /** 1-based line in the source file when known (YAML, JSON, wikitext). */
  line?: number;
}

export type PersonStatus = 'active' | 'departed';
export type Affiliation = 'staff' | 'volunteer' | 'unknown';

export interface RegistryPerson {
  /** Lookup key: see personKey(). */
  key: string;
  /** Phabricator username (native registry) or wiki username (imported); null for a bare real name. */
  username: string | null;
  name: string;
  /** Other spellings the same person goes by (wiki username, real name), used when sources merge. */
  aliases: string[];
  status: PersonStatus;
  affiliation: Affiliation;
  /**
   * Set when the source did not state an affiliation and `affiliation` is the native format's
   * default: another source that does state one is then not contradicting it.
   */
  affiliationAssumed?: true;
  provenance: Provenance[];
}

export interface TeamContacts {
  /** Mailing list address. */
  list?: string;
  /** Chat channel, e.g. "#wikimedia-releng" on IRC or a Slack/Matrix room. */
  chat?: string;
  /** Phabricator tag to add to a task to reach the team. */
  tag?: string;
  /** A page describing how to reach the team (http(s) only). */
  url?: string;
}

export interface RegistryTeam {
  key: string;
  name: string;
  /** The organisational group a team belongs to ("MediaWiki Engineering" in "Group (Team)"). */
  group: string | null;
  /** Person keys. Empty when the source does not list members (the wiki page never does). */
  members: string[];
  contacts: TeamContacts;
  /** Person key of the manager to escalate to. */
  manager: string | null;
  provenance: Provenance[];
}

export interface OwnerClaim {
  kind: 'team' | 'person';
  /** Key into RegistryData.teams or RegistryData.people. */
  ref: string;
  provenance: Provenance;
}

/** A "formerly X" note: history the page keeps; never counted as an owner. */
export interface FormerOwnerNote {
  role: 'steward' | 'maintainer' | 'consulted';
  text: string;
  provenance: Provenance;
}

export interface RegistryComponent {
  key: string;
  name: string;
  description: string | null;
  /** File paths named in the description ("includes/api/"). */
  paths: string[];
  critical: boolean;
  /** Project names, slugs or PHIDs given explicitly by the source; empty means "map by name". */
  phabricatorProjects: string[];
  stewards: OwnerClaim[];
  maintainers: OwnerClaim[];
  consulted: OwnerClaim[];
  formerly: FormerOwnerNote[];
  provenance: Provenance[];
}

export interface RegistrySource {
  label: string;
  kind: 'native' | 'wiki-html' | 'wikitext' | 'merged';
  revisionTime: Epoch | null;
  revisionId?: number;
}

/** Two sources disagree; both answers are kept in the view and shown to the user. */
export interface RegistryConflict {
  subject: 'component' | 'person' | 'team' | 'registry';
  name: string;
  field: string;
  claims: { value: string; provenance: Provenance }[];
}

export interface RegistryData {
  sources: RegistrySource[];
  people: RegistryPerson[];
  teams: RegistryTeam[];
  components: RegistryComponent[];
  /** Team key of the owner of last resort, or null when no source names one. */
  fallback: string | null;
  policy: { minOwners: number };
  conflicts: RegistryConflict[];
}

export const DEFAULT_MIN_OWNERS = 2;
/** A native document's person without an `affiliation` is staff. */
export const DEFAULT_AFFILIATION = 'staff' satisfies Affiliation;
/** The owner of last resort when no source names one (DESIGN.md glossary). */
export const DEFAULT_FALLBACK_TEAM = 'Release Engineering';

const ALREADY_KEY = /^[a-z0-9.-]+$/;
// Every printable ASCII character but the space and "_", in words joined by single spaces.
const SPACED_ASCII = /^[!-^`-~]+(?: [!-^`-~]+)*$/;

/** One lookup key for names written differently across sources: case, underscores and spacing. */
export function personKey(nameOrUsername: string): string {
  // Most usernames are already keys; skip the Unicode work for them (hot in task resolution).
  if (ALREADY_KEY.test(nameOrUsername)) return nameOrUsername;
  // Printable ASCII words with single spaces and no underscore ("Team 12", "Component 7"): ASCII is
  // its own NFC form and there is nothing to fold, so only the case changes (thousands per registry).
  if (SPACED_ASCII.test(nameOrUsername)) return nameOrUsername.toLowerCase();
  return nameOrUsername
    .normalize('NFC')
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

export const teamKey = personKey;
export const componentKey = personKey;
