// UBN!s closed in the last 12 weeks: per week, the median time until someone took the process owner
// role and until the task was closed, as bars and as a table, so a team sees whether it improves.
import type { ResolvedWeek } from '../core/escalation/resolved-weeks';
import type { ResolvedView } from '../messages';
import { t } from '../ui/i18n';
import { durationText, shortDateText } from '../ui/time-text';

/** `weeks` and `tasks` are what the filters keep; `view` gives the instance and the time. */
export function ResolvedWeeks({
  view,
  weeks,
  tasks,
}: {
  view: ResolvedView;
  weeks: readonly ResolvedWeek[];
  tasks: ResolvedView['tasks'];
}) {
  const longest = Math.max(1, ...weeks.map((w) => w.medianToResolution ?? 0));
  const bar = (seconds: number | null, kind: string) =>
    seconds === null ? null : (
      <span
        class={`bar bar-${kind}`}
        style={{ width: `${Math.max(1, (seconds / longest) * 100)}%` }}
        aria-hidden="true"
      />
    );
  const total = weeks.reduce((n, w) => n + w.resolved, 0);
  if (total === 0) return <p class="empty">{t('review_resolved_empty')}</p>;
  return (
    <>
      <table class="review-table resolved-table">
        <caption>{t('review_resolved_caption', total)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('review_week')}</th>
            <th scope="col">{t('review_resolved_count')}</th>
            <th scope="col">{t('review_never_owned')}</th>
            <th scope="col">{t('review_median_first_owner')}</th>
            <th scope="col">{t('review_median_resolution')}</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.weekStart}>
              <th scope="row">{t('review_week_of', shortDateText(week.weekStart, view.now, 'UTC'))}</th>
              <td>{week.resolved}</td>
              <td>{week.resolved ? week.neverOwned : ''}</td>
              <td class="bar-cell">
                {bar(week.medianToFirstOwner, 'owner')}
                <span>{week.medianToFirstOwner === null ? '' : durationText(week.medianToFirstOwner)}</span>
              </td>
              <td class="bar-cell">
                {bar(week.medianToResolution, 'resolution')}
                <span>{week.medianToResolution === null ? '' : durationText(week.medianToResolution)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* The tasks behind the medians, newest first: what a team reads through in its review. */}
      <details class="resolved-tasks">
        <summary>
          {tasks.length === 1 ? t('review_resolved_tasks_one') : t('review_resolved_tasks', tasks.length)}
        </summary>
        <table class="review-table">
          <thead>
            <tr>
              <th scope="col">{t('review_col_task')}</th>
              <th scope="col">{t('review_resolved_at')}</th>
              <th scope="col">{t('review_first_owner_after')}</th>
              <th scope="col">{t('review_resolved_after')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <tr key={task.id} data-task={task.id}>
                <th scope="row">
                  <a href={`${view.instance}/T${task.id}`} target="_blank" rel="noreferrer">
                    <span class="task-id">T{task.id}</span> <bdi>{task.title}</bdi>
                  </a>
                </th>
                <td>{shortDateText(task.resolvedAt, view.now)}</td>
                <td>{task.toFirstOwner === null ? t('review_never') : durationText(task.toFirstOwner)}</td>
                <td>{durationText(task.toResolution)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
