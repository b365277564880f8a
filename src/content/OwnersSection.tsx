// Who owns the task's components: stewards (teams, with their contacts) and maintainers, with liveness
// and flags; the owner of last resort when no steward is live; tags no component claims.
import { isolatedList, tIsolated } from '../ui/bidi';
import type { ComponentView, OwnershipView, TeamView } from '../messages';
import { ContactLinks } from '../ui/ContactLinks';
import { FlagBadge } from '../ui/FlagBadge';
import { t } from '../ui/i18n';
import { PersonChip } from '../ui/PersonChip';

interface Shared {
  instance: string;
  now: number;
}

function Team({ team, instance, now }: { team: TeamView } & Shared) {
  return (
    <span class="st-team">
      <bdi class="st-team-name">{team.name}</bdi>
      {team.members.length > 0 && (
        <>
          {' ('}
          {team.members.map((member, i) => (
            <span key={member.username}>
              {i > 0 && ', '}
              <PersonChip person={member} now={now} instance={instance} />
            </span>
          ))}
          {')'}
        </>
      )}
      {team.manager && (
        <span class="st-team-manager">
          {' '}
          {t('banner_manager')} <PersonChip person={team.manager} now={now} instance={instance} />
        </span>
      )}{' '}
      <ContactLinks contacts={team.contacts} team={team.name} />
    </span>
  );
}

function Component({
  component,
  instance,
  now,
  compact,
}: { component: ComponentView; compact: boolean } & Shared) {
  const tagsDiffer = component.tags.length > 0 && component.tags.some((tag) => tag !== component.name);
  return (
    <li class="st-component" data-component={component.name}>
      <strong class="st-component-name">
        <bdi>{component.name}</bdi>
      </strong>
      {tagsDiffer && (
        <span class="st-muted"> {tIsolated('banner_from_tags', isolatedList(component.tags))}</span>
      )}
      {component.critical && <span class="st-marker"> {t('banner_component_critical')}</span>}{' '}
      {component.flags.map((flag) => (
        <FlagBadge key={flag} flag={flag} />
      ))}
      <span class={compact ? 'st-owner-group st-inline' : 'st-owner-group'}>
        <span class="st-owner-label">{t('banner_stewards')}</span>{' '}
        {component.stewards.length === 0 ? (
          <span class="st-muted">{t('banner_none')}</span>
        ) : (
          component.stewards.map((team, i) => (
            <span key={team.name}>
              {i > 0 && '; '}
              <Team team={team} instance={instance} now={now} />
            </span>
          ))
        )}
      </span>
      <span class={compact ? 'st-owner-group st-inline' : 'st-owner-group'}>
        <span class="st-owner-label">{t('banner_maintainers')}</span>{' '}
        {component.maintainers.length === 0 ? (
          <span class="st-muted">{t('banner_none')}</span>
        ) : (
          component.maintainers.map((person, i) => (
            <span key={person.username}>
              {i > 0 && ', '}
              <PersonChip person={person} now={now} instance={instance} />
            </span>
          ))
        )}
      </span>
      {component.source && <span class="st-source st-muted">{component.source}</span>}
    </li>
  );
}

export interface OwnersSectionProps extends Shared {
  ownership: OwnershipView;
  compact: boolean;
  onSetUpRegistry(): void;
}

export function OwnersSection({ ownership, instance, now, compact, onSetUpRegistry }: OwnersSectionProps) {
  if (!ownership.registry.configured) {
    return (
      <div class="st-owners" data-owners="no-registry">
        <p>
          {t('banner_registry_missing')}{' '}
          <button type="button" class="st-button" onClick={(e) => e.isTrusted && onSetUpRegistry()}>
            {t('banner_registry_setup')}
          </button>
        </p>
      </div>
    );
  }
  const noTags = ownership.components.length === 0 && ownership.unmatchedTags.length === 0;
  return (
    <div class="st-owners">
      <p class="st-owners-head">
        <strong>{t('banner_owners_label')}</strong>{' '}
        {ownership.needsSingleProcessOwner && <FlagBadge flag="single-process-owner" />}
        {noTags && <span>{t('banner_no_tags')}</span>}
      </p>
      {ownership.components.length > 0 && (
        <ul class="st-components">
          {ownership.components.map((component) => (
            <Component
              key={component.name}
              component={component}
              instance={instance}
              now={now}
              compact={compact}
            />
          ))}
        </ul>
      )}
      {ownership.lastResort && (
        <p class="st-last-resort">
          <strong>{t('banner_last_resort')}</strong>{' '}
          <Team team={ownership.lastResort} instance={instance} now={now} />
        </p>
      )}
      {ownership.unmatchedTags.length > 0 && (
        <p class="st-unmatched">
          {tIsolated('banner_unmatched_tags', isolatedList(ownership.unmatchedTags.map((tag) => tag.name)))}
        </p>
      )}
      {ownership.registry.sources
        .filter((source) => source.stale || source.error !== null)
        .map((source) => (
          <p key={source.name} class="st-muted st-registry-stale">
            {tIsolated('banner_registry_stale', source.name, source.error ?? '')}
          </p>
        ))}
    </div>
  );
}
