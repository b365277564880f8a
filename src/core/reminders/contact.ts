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
