// "Unbreak Now! for 6 days", coloured and worded by the staleness rules, with how often it recurred.
import type { EscalationView, TaskView } from '../messages';
import { t } from '../ui/i18n';
import { TimeWithTooltip } from '../ui/TimeWithTooltip';
import { durationText, yearText } from '../ui/time-text';

export function EscalationLine({
  escalation,
  task,
  now,
}: {
  escalation: EscalationView;
  task: TaskView;
  now: number;
}) {
  const age = Math.max(0, now - escalation.escalatedAt);
  const severity = escalation.severity;
  // The priority name comes from the instance (it may be renamed); the duration carries the tooltip.
  const [before, after] = t('banner_escalation_age', task.priority.name, '\uE000').split('\uE000');
  return (
    <p class="st-escalation" data-severity={severity ?? 'none'}>
      <strong class="st-age">
        {before}
        <TimeWithTooltip at={escalation.escalatedAt}>{durationText(age)}</TimeWithTooltip>
        {after}
      </strong>
      {severity !== null && severity !== 'info' && ' '}
      {severity === 'warning' && <span class="st-badge st-badge-warn">{t('banner_severity_warning')}</span>}
      {severity === 'critical' && (
        <span class="st-badge st-badge-critical">{t('banner_severity_critical')}</span>
      )}
      {escalation.recurrence > 1 && ' '}
      {escalation.recurrence > 1 && (
        <span class="st-recurrence">
          {t('banner_recurrence', escalation.recurrence, yearText(escalation.firstEscalatedAt))}
        </span>
      )}
    </p>
  );
}
