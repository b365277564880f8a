// Whether a registry person can act as an owner right now, from the registry (departed,
// volunteer) and Phabricator (disabled, bot, away/busy until).
import type { Epoch, PhabUser } from '../model';
import { personKey, type RegistryPerson } from '../registry/types';
import type { OwnerState, PersonView } from './types';

/** Phabricator accounts by lookup key, so wiki spellings ("Foo_bar") find "foo bar". */
export class UserDirectory {
  private readonly byKey = new Map<string, PhabUser>();
  /** Everything an answer can read from these accounts, as one string: two directories with the
   *  same signature answer every question alike (the resolver keeps answers by it). */
  readonly signature: string;

  constructor(users: readonly PhabUser[] = []) {
    for (const u of users) this.byKey.set(personKey(u.username), u);
    this.signature = JSON.stringify(
      users.map((u) => [u.username, u.realName, u.phid, u.roles, u.availability.value, u.availability.until]),
    );
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The account for a registry person: by username first, then by any alias. */
  find(person: Pick<RegistryPerson, 'username' | 'aliases'>): PhabUser | null {
    if (person.username) {
      const user = this.byKey.get(personKey(person.username));
      if (user) return user;
    }
    for (const name of person.aliases) {
      const user = this.byKey.get(personKey(name));
      if (user) return user;
    }
    return null;
  }
}

export function stateOf(
  person: RegistryPerson,
  user: PhabUser | null,
  now: Epoch,
): { state: OwnerState; until: Epoch | null } {
  return accountState(user, person.status === 'departed', now);
}

/** The same verdict for an account alone, given whether the registry says its person has left. */
export function accountState(
  user: PhabUser | null,
  departed: boolean,
  now: Epoch,
): { state: OwnerState; until: Epoch | null } {
  if (departed) return { state: 'departed', until: null };
  if (!user) return { state: 'unknown', until: null };
  if (user.roles.includes('disabled') || user.availability.value === 'disabled')
    return { state: 'disabled', until: null };
  if (user.roles.includes('bot')) return { state: 'bot', until: null };
  const { value, until } = user.availability;
  // An availability whose end has passed is stale data, not a current absence.
  const current = until === null || until > now;
  if (value === 'away' && current) return { state: 'away', until };
  if (value === 'busy' && current) return { state: 'busy', until };
  if (value === 'unknown') return { state: 'unknown', until: null };
  return { state: 'available', until: null };
}

/**
 * The span of times [from, to) around `now` over which accountState gives the same verdict: only
 * an away or busy period with an end makes it depend on the clock, flipping at that end.
 */
export function stateWindow(user: PhabUser | null, now: Epoch): { from: number; to: number } {
  const value = user?.availability.value;
  const until = user?.availability.until ?? null;
  if (until === null || (value !== 'away' && value !== 'busy')) return { from: -Infinity, to: Infinity };
  return until > now ? { from: -Infinity, to: until } : { from: until, to: Infinity };
}

export function personView(person: RegistryPerson, users: UserDirectory, now: Epoch): PersonView {
  const user = users.find(person);
  const { state, until } = stateOf(person, user, now);
  return {
    key: person.key,
    username: user?.username ?? person.username,
    name: person.name || user?.realName || person.username || person.key,
    phid: user?.phid ?? null,
    state,
    until,
    volunteer: person.affiliation === 'volunteer',
  };
}

/** Not an owner at all: left, account disabled, or a bot. */
export function isGone(state: OwnerState): boolean {
  return state === 'departed' || state === 'disabled' || state === 'bot';
}

/** Can be reached now (unknown counts: absence of data is not absence of the person). */
export function isReachableNow(state: OwnerState): boolean {
  return state === 'available' || state === 'busy' || state === 'unknown';
}

/** Picker order: reachable first, then away, then gone. */
export const STATE_RANK: Record<OwnerState, number> = {
  available: 0,
  busy: 1,
  unknown: 2,
  away: 3,
  disabled: 4,
  departed: 5,
  bot: 6,
};
