// The open UBN!s as a sortable table: a header button per column, aria-sort on the sorted one.
import type { ReviewRow, Severity } from '../messages';
import { isolatedList } from '../ui/bidi';
import { FlagBadge } from '../ui/FlagBadge';
import { t } from '../ui/i18n';
import { TimeWithTooltip } from '../ui/TimeWithTooltip';
import { durationText, relativeText } from '../ui/time-text';
import { ageOf, flagsOf, ownerText, type Sort, type SortKey } from './review-model';
import { Frozen, useProgressive } from './use-progressive';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'task', label: 'review_col_task' },
  { key: 'age', label: 'review_col_age' },
  { key: 'owner', label: 'review_col_owner' },
  { key: 'activity', label: 'review_col_activity' },
  { key: 'components', label: 'review_col_components' },
  { key: 'flags', label: 'review_col_flags' },
];

// The badge's colour tells the severity to those who see it; the hidden words tell everyone else.
const BADGE: Record<Severity, { cls: string; key: string }> = {
  critical: { cls: 'st-badge-critical', key: 'review_severity_critical' },
  warning: { cls: 'st-badge-warn', key: 'review_severity_warning' },
  info: { cls: 'st-badge-info', key: 'review_severity_info' },
};

interface Props {
  rows: readonly ReviewRow[];
  now: number;
  sort: Sort;
  onSort(sort: Sort): void;
  /** Changes identity when the sort or filters change (see useProgressive). */
  order: unknown;
}

export function ReviewTable({ rows, now, sort, onSort, order }: Props) {
  const { chunks, shown } = useProgressive(rows, order);
  return (
    <table class="review-table">
      <caption class="st-sr-only">{t('review_table_caption', rows.length)}</caption>
      <thead>
        <tr>
          {COLUMNS.map((column) => {
            const active = sort.key === column.key;
            return (
              <th
                key={column.key}
                scope="col"
                aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
              >
                <button
                  type="button"
                  class="sort"
                  data-sort={column.key}
                  onClick={() =>
                    onSort({ key: column.key, descending: active ? !sort.descending : column.key !== 'task' })
                  }
                >
                  {t(column.label)}
                  <span aria-hidden="true">{active ? (sort.descending ? ' ▾' : ' ▴') : ''}</span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {chunks.slice(0, shown).map((chunk, i) => (
          <Frozen key={i} deps={[chunk, now]}>
            {() =>
              chunk.map((row) => (
                <tr key={row.task.id} data-task={row.task.id} data-severity={row.severity ?? 'none'}>
                  <th scope="row">
                    <a href={row.task.url} target="_blank" rel="noreferrer">
                      <span class="task-id">T{row.task.id}</span> <bdi>{row.task.title}</bdi>
                    </a>
                  </th>
                  <td>
                    {row.escalation ? (
                      <TimeWithTooltip at={row.escalation.escalatedAt}>
                        {durationText(ageOf(row, now))}
                      </TimeWithTooltip>
                    ) : (
                      ''
                    )}
                    {row.escalation && row.escalation.recurrence > 1 && (
                      <span class="st-muted"> · {t('review_recurrence', row.escalation.recurrence)}</span>
                    )}
                  </td>
                  <td data-owner={row.processOwner?.state ?? 'none'}>{ownerText(row.processOwner)}</td>
                  <td>
                    {row.lastActivityAt !== null && (
                      <TimeWithTooltip at={row.lastActivityAt}>
                        {relativeText(row.lastActivityAt, now)}
                      </TimeWithTooltip>
                    )}
                  </td>
                  <td>
                    {row.components.length === 0 && <span class="st-muted">{t('review_no_component')}</span>}
                    {row.components.map((c) => (
                      <div key={c.name}>
                        <strong>
                          <bdi>{c.name}</bdi>
                        </strong>{' '}
                        <span class="st-muted">
                          {c.stewards.length ? isolatedList(c.stewards) : t('review_no_steward')}
                        </span>
                      </div>
                    ))}
                  </td>
                  <td>
                    {row.stale.map((s) => (
                      <span key={s.rule} class={`st-badge ${BADGE[s.severity].cls}`} title={s.text}>
                        <span class="st-sr-only">{t(BADGE[s.severity].key)} </span>
                        {t(`review_rule_${s.rule.replace(/-/g, '_')}`)}
                      </span>
                    ))}
                    {flagsOf(row).map((f) => (
                      <FlagBadge key={f} flag={f} />
                    ))}
                  </td>
                </tr>
              ))
            }
          </Frozen>
        ))}
      </tbody>
    </table>
  );
}
