// Who drives the task: nobody (loud), an undeclared assignee, declared but silent, acknowledged, or a
// process owner who cannot drive it (away, disabled, departed, silent).
import { tIsolated } from '../ui/bidi';
import type { ComponentChildren } from 'preact';
import type { ProcessOwnerView } from '../messages';
import { t } from '../ui/i18n';
import { PersonChip } from '../ui/PersonChip';
import { TimeWithTooltip } from '../ui/TimeWithTooltip';
import { relativeText } from '../ui/time-text';

export interface ProcessOwnerLineProps {
  processOwner: ProcessOwnerView | null;
  instance: string;
  now: number;
  /** The assign (or hand-off) button, placed where the status asks for it. */
  action: ComponentChildren;
}

function when(at: number, now: number) {
  return <TimeWithTooltip at={at}>{relativeText(at, now)}</TimeWithTooltip>;
}

/** "Released by @alice 69 minutes ago: needs a new process owner." */
function releasedLine(po: ProcessOwnerView | null, now: number) {
  const released = po?.released;
  if (!released) return null;
  return (
    <p class="st-po-loud" data-po-released="">
      {tIsolated('banner_po_released', `@${released.by}`, when(released.at, now))}
    </p>
  );
}

export function ProcessOwnerLine({ processOwner: po, instance, now, action }: ProcessOwnerLineProps) {
  if (po === null || po.state === 'none' || po.person === null) {
    return (
      <div class="st-po st-po-none" data-po="none">
        <p>
          <strong>{t('banner_po_label')}</strong> <strong class="st-po-loud">{t('banner_po_none')}</strong>
        </p>
        {releasedLine(po, now)}
        {action}
      </div>
    );
  }
  const chip = <PersonChip person={po.person} now={now} instance={instance} />;
  // An assignee is not a process owner: an away assignee is not a process owner to hand off from.
  const problemKey = po.problem
    ? po.state === 'assignee-not-declared'
      ? `banner_po_problem_assignee_${po.problem}`
      : `banner_po_problem_${po.problem}`
    : null;
  let detail: ComponentChildren;
  if (po.state === 'assignee-not-declared') {
    detail = (
      <>
        {t('banner_po_assignee')} {chip}
      </>
    );
  } else if (po.state === 'declared') {
    detail = (
      <>
        {chip}, {po.declaredAt !== null ? tIsolated('banner_po_declared', when(po.declaredAt, now)) : null}
      </>
    );
  } else {
    detail = (
      <>
        {chip}
        {po.declaredAt !== null && <>, {tIsolated('banner_po_acknowledged', when(po.declaredAt, now))}</>}
        {', '}
        {po.lastActivityAt !== null
          ? tIsolated('banner_po_last_activity', when(po.lastActivityAt, now))
          : t('banner_po_no_activity')}
      </>
    );
  }
  return (
    <div class={`st-po st-po-${po.state}${po.problem ? ' st-po-problem' : ''}`} data-po={po.state}>
      <p>
        <strong>{t('banner_po_label')}</strong> {detail}
      </p>
      {problemKey && <p class="st-po-loud">{t(problemKey)}</p>}
      {releasedLine(po, now)}
      {action}
    </div>
  );
}
