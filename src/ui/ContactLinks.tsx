// A team's contacts (list, channel, tag). Only http(s) and mailto addresses become links; anything else
// the registry says is shown as plain text.
import { isolated } from './bidi';
import type { ContactView } from '../messages';
import { t } from './i18n';
import { safeHref } from '../shared/safe-href';

const KIND_KEYS: Record<ContactView['kind'], string> = {
  list: 'ui_contact_list',
  channel: 'ui_contact_channel',
  tag: 'ui_contact_tag',
  url: 'ui_contact_url',
};

export function ContactLinks({ contacts, team }: { contacts: ContactView[]; team: string }) {
  if (contacts.length === 0) return null;
  return (
    <ul class="st-contacts" aria-label={t('ui_contacts_label', isolated(team))}>
      {contacts.map((contact, index) => {
        const href = safeHref(contact.href);
        return (
          <li key={index} data-kind={contact.kind}>
            <span class="st-contact-kind">{t(KIND_KEYS[contact.kind])}: </span>
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer">
                <bdi>{contact.label}</bdi>
              </a>
            ) : (
              <bdi>{contact.label}</bdi>
            )}
          </li>
        );
      })}
    </ul>
  );
}
