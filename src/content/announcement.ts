// The one sentence the polite live region speaks. It is derived from what matters (age, process owner),
// so a refresh that brings the same facts produces the same text and nothing is announced again.
import type { PersonView, TaskContext } from '../messages';
import { t } from '../ui/i18n';
import { durationText } from '../ui/time-text';
import { dataStateOf, type LoadState } from './banner-state';
import { variantOf } from './banner-state';

function nameOf(person: PersonView | null): string {
  if (person === null) return '?';
  return person.realName || person.username;
}

function processOwnerSummary(context: TaskContext): string {
  const po = context.processOwner;
  if (po === null || po.state === 'none') return t('banner_announce_po_none');
  if (po.problem !== null && po.problem !== 'silent')
    return po.state === 'assignee-not-declared'
      ? t('banner_announce_assignee_problem', nameOf(po.person))
      : t('banner_announce_po_problem', nameOf(po.person));
  switch (po.state) {
    case 'assignee-not-declared':
      return t('banner_announce_po_assignee', nameOf(po.person));
    case 'declared':
      return t('banner_announce_po_declared', nameOf(po.person));
    case 'acknowledged':
      return t('banner_announce_po_acknowledged', nameOf(po.person));
  }
}

export function announcementFor(state: LoadState, now: number, taskId: number): string {
  switch (dataStateOf(state)) {
    case 'loading':
    case 'partial':
      // Spoken once, when the banner is complete.
      return '';
    case 'ready': {
      if (state.kind !== 'ready') return '';
      const { context } = state;
      if (variantOf(context) !== 'ubn' || context.escalation === null) return t('banner_announce_compact');
      const age = durationText(Math.max(0, now - context.escalation.escalatedAt));
      return t('banner_announce_ubn', context.task.priority.name, age, processOwnerSummary(context));
    }
    case 'not-configured':
      return t('banner_not_configured');
    case 'no-permission':
      return t('banner_no_permission');
    case 'session-expired':
      return t('banner_session_expired');
    case 'invalid-token':
      return t('banner_invalid_token');
    case 'not-found':
      return t('banner_not_found', taskId);
    case 'error':
      return t('banner_error');
  }
}
