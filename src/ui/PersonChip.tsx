// A person as every Steward view shows them: name, @username, and liveness as a dot plus words.
import { tIsolated } from './bidi';
import type { PersonView } from '../messages';
import { t } from './i18n';
import { livenessText } from './liveness-text';
import { safeHref } from '../shared/safe-href';

export interface PersonChipProps {
  person: PersonView;
  now: number;
  /** Instance origin: when given, the name links to the person's Phabricator profile. */
  instance?: string | null;
}

export function PersonChip({ person, now, instance }: PersonChipProps) {
  const profile =
    instance && person.phid !== null
      ? safeHref(`${instance}/p/${encodeURIComponent(person.username)}/`)
      : null;
  const name = person.realName && person.realName !== person.username ? person.realName : null;
  const state = person.liveness.state;
  const label = (
    <>
      {name !== null ? <bdi>{name}</bdi> : tIsolated('ui_person_username', person.username)}
      {name !== null && <span class="st-username"> {tIsolated('ui_person_username', person.username)}</span>}
    </>
  );
  return (
    <span class="st-person" data-liveness={state}>
      <span class={`st-dot st-dot-${state}`} aria-hidden="true" />
      {profile ? (
        <a class="st-person-name" href={profile} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      ) : (
        <span class="st-person-name">{label}</span>
      )}
      {state === 'active' ? (
        <span class="st-sr-only"> ({livenessText(person.liveness, now)})</span>
      ) : (
        <span class="st-liveness"> {livenessText(person.liveness, now)}</span>
      )}
      {person.phid === null && <span class="st-marker"> {t('ui_person_no_account')}</span>}
      {person.volunteer && <span class="st-marker"> {t('ui_person_volunteer')}</span>}
      {person.bot && <span class="st-marker"> {t('ui_person_bot')}</span>}
    </span>
  );
}
