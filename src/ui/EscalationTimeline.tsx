// The escalation timeline strip: who held the process owner role from the escalation to now, every
// comment and edit as a tick, today's thresholds where they fall. Shared by the banner (interactive:
// ticks are one tab stop with arrow keys between them) and the review page's chart (a row per task on a
// shared axis, where the table beside it is the accessible form). Plain CSS positions in percent: the
// strip has a fixed height whatever the data, so nothing moves when it arrives.
import { useRef, useState } from 'preact/hooks';
import type { TimelineView } from '../messages';
import { t } from './i18n';
import { durationText, exactText } from './time-text';

type Tick = TimelineView['ticks'][number];
type Segment = TimelineView['segments'][number];

export interface EscalationTimelineProps {
  timeline: TimelineView;
  /** The shared axis of a chart; the strip's own span when omitted. */
  range?: { start: number; end: number };
}

const KNOWN_TYPES = new Set(['priority', 'status', 'owner', 'create']);

export function tickText(tick: Tick): string {
  const when = exactText(tick.at);
  if (tick.kind === 'comment') return t('ui_timeline_tick_comment', tick.author, when);
  const type = tick.type !== null && KNOWN_TYPES.has(tick.type) ? tick.type : 'other';
  return t(`ui_timeline_tick_${type}`, tick.author, when);
}

function segmentText(segment: Segment): string {
  const length = durationText(segment.end - segment.start);
  return t(`ui_timeline_segment_${segment.kind}`, length, segment.who ?? '', exactText(segment.start));
}

/** The same as the picture, in words: what a screen reader announces for the strip. */
export function timelineText(timeline: TimelineView): string {
  const comments = timeline.ticks.filter((tick) => tick.kind === 'comment').length;
  const edits = timeline.ticks.length - comments;
  // The catalogs have no plural rules: one and several are separate messages.
  const counted = (key: string, n: number) => t(n === 1 ? `${key}_one` : key, n);
  const parts = [
    t('ui_timeline_text_start', exactText(timeline.start), durationText(timeline.end - timeline.start)),
    ...timeline.segments.map(segmentText),
    t(
      'ui_timeline_text_activity',
      counted('ui_timeline_count_comments', comments),
      counted('ui_timeline_count_edits', edits),
    ),
  ];
  // Older comments and edits the strip leaves out are not "other edits": they are said apart.
  if (timeline.omittedTicks > 0) parts.push(counted('ui_timeline_text_omitted', timeline.omittedTicks));
  const crossed = timeline.thresholds.filter((th) => th.reached);
  if (crossed.length > 0)
    parts.push(
      t('ui_timeline_text_thresholds', crossed.map((th) => `${th.label} (${exactText(th.at)})`).join(', ')),
    );
  if (timeline.earlier.length > 0)
    parts.push(
      t(
        timeline.earlier.length === 1 ? 'ui_timeline_text_earlier_one' : 'ui_timeline_text_earlier',
        timeline.earlier.length,
        timeline.earlier.map((e) => exactText(e.at)).join(', '),
      ),
    );
  return parts.join(' ');
}

/** Index of the tick nearest to `at` (ticks are oldest first). */
function nearestTick(ticks: readonly Tick[], at: number): number {
  let low = 0;
  let high = ticks.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((ticks[mid] as Tick).at < at) low = mid + 1;
    else high = mid;
  }
  const before = ticks[low - 1];
  return before !== undefined && at - before.at < (ticks[low] as Tick).at - at ? low - 1 : low;
}

const VIEW = 1000;

/**
 * What the strip's shapes mean, compact enough for the banner. The thresholds are the ones in force
 * (the options make them configurable), read from a timeline when there is one.
 */
export function TimelineLegend({
  thresholds,
  class: extra,
}: {
  thresholds: readonly string[];
  class?: string;
}) {
  const keys = ['none', 'declared', 'acknowledged', 'released'] as const;
  return (
    <ul class={`st-tl-legend${extra ? ` ${extra}` : ''}`}>
      {keys.map((kind) => (
        <li key={kind}>
          <span class="st-tl-key" data-kind={kind} aria-hidden="true" />
          {t(`ui_timeline_legend_${kind}`)}
        </li>
      ))}
      <li>
        <span class="st-tl-key st-tl-key-tick" aria-hidden="true" />
        {t('ui_timeline_legend_tick')}
      </li>
      <li>
        <span class="st-tl-key st-tl-key-threshold" aria-hidden="true" />
        {thresholds.length > 0
          ? t('ui_timeline_legend_threshold', thresholds.join(', '))
          : t('ui_timeline_legend_threshold_plain')}
      </li>
    </ul>
  );
}

/**
 * The fills the chart's SVG rows share (declared: dashes, released: stripes), the same looks as the
 * banner's strip and the legend. Drawn once per page; rows refer to them by id.
 */
export function TimelinePatterns() {
  return (
    <svg width="0" height="0" aria-hidden="true" style={{ position: 'absolute' }}>
      <defs>
        <pattern id="st-tl-declared" width="7" height="10" patternUnits="userSpaceOnUse">
          <rect class="st-tl-pattern-amber" width="5" height="10" />
        </pattern>
        <pattern
          id="st-tl-released"
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect class="st-tl-pattern-bg" width="6" height="6" />
          <rect class="st-tl-pattern-red" width="4" height="6" />
        </pattern>
      </defs>
    </svg>
  );
}

/**
 * A chart row (the table beside the chart is its accessible form): one SVG with a rectangle per segment and a single path for all ticks, a handful of
 * elements however busy the task, so a chart of 1,000 rows stays light. The pointer finds the nearest tick.
 */
export function TimelineChartRow({ timeline, range }: EscalationTimelineProps) {
  const axis = range ?? { start: timeline.start, end: timeline.end };
  const span = Math.max(1, axis.end - axis.start);
  const x = (at: number) => Math.min(VIEW, Math.max(0, ((at - axis.start) / span) * VIEW));
  const [shown, setShown] = useState<number | null>(null);
  const ticks = timeline.ticks;
  const path = (kind: Tick['kind'], top: number, height: number) =>
    ticks
      .filter((tick) => tick.kind === kind)
      .map((tick) => `M${x(tick.at).toFixed(1)} ${top}v${height}`)
      .join('');
  const thresholds = timeline.thresholds.filter((th) => th.at >= axis.start && th.at <= axis.end);
  const onMove = (event: MouseEvent) => {
    if (ticks.length === 0) return;
    const box = (event.currentTarget as SVGElement).getBoundingClientRect();
    const at = axis.start + ((event.clientX - box.left) / Math.max(1, box.width)) * span;
    const index = nearestTick(ticks, at);
    // Only a tick within a few pixels counts as pointed at.
    const distance = (Math.abs(x((ticks[index] as Tick).at) - x(at)) / VIEW) * box.width;
    setShown(distance <= 4 ? index : null);
  };
  const active = shown === null ? undefined : ticks[shown];
  return (
    <div class="st-tl st-tl-chart" data-running={timeline.running}>
      <svg
        class="st-tl-svg"
        viewBox={`0 0 ${VIEW} 26`}
        preserveAspectRatio="none"
        aria-hidden="true"
        onMouseMove={onMove}
        onMouseLeave={() => setShown(null)}
      >
        {timeline.segments.map((segment) => (
          <rect
            key={segment.start}
            class="st-tl-rect"
            data-kind={segment.kind}
            x={x(segment.start)}
            y={segment.kind === 'acknowledged' ? 15 : 12}
            width={Math.max(0, x(segment.end) - x(segment.start))}
            height={segment.kind === 'acknowledged' ? 4 : 10}
          />
        ))}
        <path class="st-tl-ticks" data-kind="comment" d={path('comment', 2, 10)} />
        <path class="st-tl-ticks" data-kind="edit" d={path('edit', 6, 6)} />
        <path class="st-tl-thresholds" d={thresholds.map((th) => `M${x(th.at).toFixed(1)} 0v26`).join('')} />
      </svg>
      {active !== undefined && (
        <span class="st-tl-tip" role="tooltip" style={{ left: `${(x(active.at) / VIEW) * 100}%` }}>
          {tickText(active)}
        </span>
      )}
    </div>
  );
}

/** The banner's strip: focusable ticks (one tab stop), a text alternative and a compact legend. */
export function EscalationTimeline({ timeline, range }: EscalationTimelineProps) {
  const axis = range ?? { start: timeline.start, end: timeline.end };
  const span = Math.max(1, axis.end - axis.start);
  const pct = (at: number) => `${(Math.min(1, Math.max(0, (at - axis.start) / span)) * 100).toFixed(3)}%`;
  const width = (from: number, to: number) =>
    `${((Math.max(0, Math.min(to, axis.end) - Math.max(from, axis.start)) / span) * 100).toFixed(3)}%`;
  const ticks = timeline.ticks;
  // Roving tabindex: one tab stop for the whole strip, the newest tick first. Kept within the ticks there
  // are now: with fewer ticks than before (a refresh), an index past the end would leave no tab stop.
  const [wanted, setFocus] = useState(ticks.length - 1);
  const focus = Math.max(0, Math.min(ticks.length - 1, wanted));
  const [shown, setShown] = useState<number | null>(null);
  const strip = useRef<HTMLDivElement>(null);
  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(ticks.length - 1, index));
    setFocus(next);
    setShown(next);
    // Focus follows the key at once; the tick becomes the one screen readers see before it takes focus
    // (the next render says the same).
    const elements = strip.current?.querySelectorAll<HTMLElement>('.st-tl-tick');
    const from = elements?.[focus];
    const to = elements?.[next];
    const tick = ticks[next];
    if (from && from !== to) {
      from.setAttribute('aria-hidden', 'true');
      from.removeAttribute('role');
      from.removeAttribute('aria-label');
    }
    if (to && tick) {
      to.removeAttribute('aria-hidden');
      to.setAttribute('role', 'img');
      to.setAttribute('aria-label', tickText(tick));
      to.focus();
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const keys: Record<string, number> = {
      ArrowRight: focus + 1,
      ArrowDown: focus + 1,
      ArrowLeft: focus - 1,
      ArrowUp: focus - 1,
      Home: 0,
      End: ticks.length - 1,
    };
    if (event.key === 'Escape' && shown !== null) {
      setShown(null);
      event.stopPropagation();
      return;
    }
    const target = keys[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };
  const active = shown === null ? undefined : ticks[shown];

  return (
    <>
      <div class="st-tl" data-running={timeline.running} onMouseLeave={() => setShown(null)}>
        <div
          ref={strip}
          class="st-tl-strip"
          role="group"
          aria-label={t('ui_timeline_label')}
          onKeyDown={onKeyDown}
        >
          {timeline.segments.map((segment) => (
            <span
              key={segment.start}
              class="st-tl-seg"
              data-kind={segment.kind}
              style={{ left: pct(segment.start), width: width(segment.start, segment.end) }}
            />
          ))}
          {timeline.thresholds
            .filter((th) => th.at >= axis.start && th.at <= axis.end)
            .map((th) => (
              <span
                key={th.label}
                class="st-tl-thr"
                data-severity={th.severity}
                style={{ left: pct(th.at) }}
                aria-hidden="true"
              >
                <span class="st-tl-thr-label">{th.label}</span>
              </span>
            ))}
          {timeline.earlier.length > 0 && (
            <span class="st-tl-earlier" style={{ left: pct(timeline.start) }} aria-hidden="true">
              {t('ui_timeline_earlier_mark', timeline.earlier.length + 1)}
            </span>
          )}
          {ticks.map((tick, index) => (
            <span
              key={`${tick.at}-${index}`}
              class="st-tl-tick"
              data-kind={tick.kind}
              style={{ left: pct(tick.at) }}
              tabIndex={index === focus ? 0 : -1}
              // One stop for screen readers too: the strip's text below says the rest, and 400 ticks
              // each read out would bury it.
              {...(index === focus
                ? { role: 'img', 'aria-label': tickText(tick) }
                : { 'aria-hidden': 'true' })}
              onMouseEnter={() => setShown(index)}
              onFocus={() => {
                setFocus(index);
                setShown(index);
              }}
              onBlur={() => setShown(null)}
            />
          ))}
          {active !== undefined && (
            <span class="st-tl-tip" role="tooltip" style={{ left: pct(active.at) }}>
              {tickText(active)}
            </span>
          )}
        </div>
        <p class="st-sr-only">{timelineText(timeline)}</p>
      </div>
      {/* For sighted readers: the text above already says everything to a screen reader. */}
      <div aria-hidden="true">
        <TimelineLegend thresholds={timeline.thresholds.map((th) => th.label)} />
      </div>
    </>
  );
}
