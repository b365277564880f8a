// The team a reminder names, as ownership resolution hands it over. A reminder names a team's
// shared channel rather than a lone person, who may be the one on vacation.

export type ContactKind = 'list' | 'channel' | 'tag';

export interface TeamContact {
  team: string;
  contacts: { kind: ContactKind; value: string }[];
}

const KIND_WORDS: Record<ContactKind, string> = { list: 'mailing list', channel: 'channel', tag: 'tag' };

/** "Release Engineering (mailing list releng@lists.example.org, channel #releng)" */
export function describeContact(contact: TeamContact): string {
  if (contact.contacts.length === 0) return contact.team;
  const ways = contact.contacts.map((c) => `${KIND_WORDS[c.kind]} ${c.value}`).join(', ');
  return `${contact.team} (${ways})`;
}

/** The shape ownership resolution produces for a team's contacts (registry TeamContacts). */
export interface RegistryContactView {
  team: string;
  contacts: { list?: string; chat?: string; tag?: string };
}

/**
 * The first team ownership resolution names for a task (stewards first, then the owner of last
 * resort), as the contact a reminder names; null when no team has a way to be reached.
 */
export function teamContactFrom(views: readonly RegistryContactView[]): TeamContact | null {
  for (const view of views) {
    const contact = toTeamContact(view);
    if (contact.contacts.length > 0) return contact;
  }
  return null;
}

/** One team's registry contacts as the list, channel and tag a reminder names. */
export function toTeamContact(view: RegistryContactView): TeamContact {
  const contacts: TeamContact['contacts'] = [];
  if (view.contacts.list) contacts.push({ kind: 'list', value: view.contacts.list });
  if (view.contacts.chat) contacts.push({ kind: 'channel', value: view.contacts.chat });
  if (view.contacts.tag) contacts.push({ kind: 'tag', value: view.contacts.tag });
  return { team: view.team, contacts };
}
