// The process-owner column: who drives the task and how far the declaration got. Away, disabled and
// departed show on the person chip; "silent" has no liveness state, so it is said here.
import { tIsolated } from '../ui/bidi';
import type { ProcessOwnerView } from '../messages';
import { PersonChip } from '../ui/PersonChip';
import { t } from '../ui/i18n';
import { relativeText } from '../ui/time-text';

const stateKeys = {
  'assignee-not-declared': 'popup_owner_assignee_not_declared',
  declared: 'popup_owner_declared',
  acknowledged: 'popup_owner_acknowledged',
} as const;

const problemKeys = {
  away: 'popup_owner_problem_away',
  disabled: 'popup_owner_problem_disabled',
  departed: 'popup_owner_problem_departed',
} as const;

interface Props {
  owner: ProcessOwnerView | null;
  instance: string | null;
  now: number;
}

export function ProcessOwnerCell({ owner, instance, now }: Props) {
  // A released role is no process owner: say who let go and when, so the gate line adds up.
  const released = owner?.released ? (
    <span class="owner-released" data-released="">
      {' · '}
      {tIsolated('popup_owner_released', `@${owner.released.by}`, relativeText(owner.released.at, now))}
    </span>
  ) : null;
  if (owner === null || owner.state === 'none' || owner.person === null) {
    return (
      <span>
        <span class="owner-none">{t('popup_owner_none')}</span>
        {released}
      </span>
    );
  }
  const { person, problem } = owner;
  let problemText: string | null = null;
  if (problem === 'silent') {
    problemText =
      owner.lastActivityAt !== null
        ? t('popup_owner_silent_since', relativeText(owner.lastActivityAt, now))
        : t('popup_owner_silent');
  } else if (problem !== null && problem !== person.liveness.state) {
    problemText = t(problemKeys[problem]);
  }
  return (
    <span>
      <PersonChip person={person} now={now} instance={instance} />
      <span class="owner-state"> · {t(stateKeys[owner.state])}</span>
      {problemText && <span class="owner-problem"> · {problemText}</span>}
      {released}
    </span>
  );
}
