// Every open UBN! as a row of the same timeline strip, on one time axis: where the red (no process
// owner) stretches are long, the review starts. The table beside it is the accessible form of the same.
import type { ReviewRow } from '../messages';
import { isolated } from '../ui/bidi';
import { TimelineChartRow, TimelineLegend, TimelinePatterns } from '../ui/EscalationTimeline';
import { t } from '../ui/i18n';
import { shortDateText } from '../ui/time-text';
import { Frozen, useProgressive } from './use-progressive';

const AXIS_MARKS = 5;

/** `order` changes identity when the sort or filters change (see useProgressive). */
export function ReviewChart({
  rows,
  now,
  order,
}: {
  rows: readonly ReviewRow[];
  now: number;
  order: unknown;
}) {
  const { chunks, shown, rowsShown } = useProgressive(rows, order);
  const starts = rows.flatMap((r) => (r.timeline ? [r.timeline.start] : []));
  const start = starts.length ? Math.min(...starts) : now - 86400;
  const range = { start, end: Math.max(now, start + 1) };
  const marks = Array.from(
    { length: AXIS_MARKS },
    (_, i) => start + ((range.end - start) * i) / (AXIS_MARKS - 1),
  );
  return (
    <figure class="chart" aria-label={t('review_chart_label')}>
      <TimelinePatterns />
      <TimelineLegend
        class="st-tl-chart-legend"
        thresholds={rows.find((r) => r.timeline)?.timeline?.thresholds.map((th) => th.label) ?? []}
      />
      <div class="chart-axis" aria-hidden="true">
        {marks.map((at, i) => (
          <span key={i} style={{ left: `${(i / (AXIS_MARKS - 1)) * 100}%` }}>
            {shortDateText(Math.round(at), now)}
          </span>
        ))}
      </div>
      <ol class="chart-rows">
        {chunks.slice(0, shown).map((chunk, i) => (
          <Frozen key={i} deps={[chunk, range.start, range.end]}>
            {() =>
              chunk.map((row) => (
                <li key={row.task.id} class="chart-row">
                  <a
                    class="chart-label"
                    href={row.task.url}
                    target="_blank"
                    rel="noreferrer"
                    title={isolated(row.task.title)}
                  >
                    T{row.task.id}
                  </a>
                  {row.timeline ? (
                    <TimelineChartRow timeline={row.timeline} range={range} />
                  ) : (
                    <span class="st-muted">{t('review_no_timeline')}</span>
                  )}
                </li>
              ))
            }
          </Frozen>
        ))}
      </ol>
      {rowsShown < rows.length && (
        <p class="st-muted" role="status">
          {t('review_drawing', rowsShown, rows.length)}
        </p>
      )}
    </figure>
  );
}
