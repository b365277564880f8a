// The timeline strip's CSS, kept apart from UI_CSS so that only the hosts that draw it carry it.
// Fixed heights: the strip takes its space before and after data arrives (no layout shift).
// Colours are the palette's, so both themes and their contrast checks apply. Each state also has its own
// shape, so the strip reads without colour: nobody = a solid full bar, declared = a dashed bar,
// acknowledged = a thin bar, released = diagonal stripes. Legend keys (.st-tl-key) share the look.
export const TIMELINE_CSS = `
.st-tl { position: relative; height: 40px; margin: 4px 0 6px; }
.st-tl-strip { position: absolute; inset: 0 6px; }
.st-tl-seg { position: absolute; top: 12px; height: 10px; }
.st-tl-seg, .st-tl-key[data-kind] { background: var(--st-critical-border); }
.st-tl-seg[data-kind="declared"], .st-tl-key[data-kind="declared"] {
  background: repeating-linear-gradient(90deg, var(--st-warning-border) 0 5px, transparent 5px 7px);
}
.st-tl-seg[data-kind="acknowledged"], .st-tl-key[data-kind="acknowledged"] { background: var(--st-dot-active); }
.st-tl-seg[data-kind="acknowledged"] { top: 15px; height: 4px; }
.st-tl-key[data-kind="acknowledged"] { height: 4px; vertical-align: 1px; }
.st-tl-seg[data-kind="released"], .st-tl-key[data-kind="released"] {
  background: repeating-linear-gradient(135deg, var(--st-critical-border) 0 4px, var(--st-neutral-bg) 4px 6px);
}
.st-tl-legend { display: flex; flex-wrap: wrap; gap: 2px 10px; margin: 0; padding: 0; list-style: none; font-size: 11px; color: var(--st-muted); }
.st-tl-key { display: inline-block; width: 12px; height: 10px; margin-right: 4px; vertical-align: -1px; }
.st-tl-key-tick { width: 2px; background: var(--st-fg); }
.st-tl-key-threshold { width: 0; border-left: 2px dashed var(--st-fg); }
.st-tl-tick {
  position: absolute; top: 2px; width: 2px; height: 10px; margin-left: -1px; background: var(--st-fg);
  outline-offset: 1px;
}
.st-tl-tick[data-kind="edit"] { top: 6px; height: 6px; background: var(--st-muted); }
.st-tl-tick:focus-visible { outline: 2px solid var(--st-focus); }
.st-tl-tick:hover, .st-tl-tick:focus { width: 4px; margin-left: -2px; }
.st-tl-thr { position: absolute; top: 0; height: 26px; border-left: 2px dashed var(--st-fg); }
.st-tl-thr-label {
  position: absolute; top: 25px; left: -10px; width: 20px; text-align: center; font-size: 10px;
  line-height: 14px; color: var(--st-muted);
}
.st-tl-thr[data-severity="critical"] .st-tl-thr-label { color: var(--st-critical-fg); font-weight: bold; }
.st-tl-earlier {
  position: absolute; top: 24px; font-size: 10px; line-height: 14px; color: var(--st-muted); white-space: nowrap;
}
.st-tl-tip {
  position: absolute; top: 28px; z-index: 10; transform: translateX(-50%); white-space: nowrap;
  padding: 2px 6px; border-radius: 3px; font-size: 12px; background: var(--st-tooltip-bg); color: var(--st-tooltip-fg);
  pointer-events: none;
}
@media print { .st-tl-tip { display: none; } }
`;

/** The review chart's rows and legend: extension pages only, not the banner. */
export const TIMELINE_CHART_CSS = `
.st-tl-chart-legend { font-size: 12px; color: inherit; }
.st-tl-svg { position: absolute; inset: 0 6px; width: calc(100% - 12px); height: 26px; overflow: visible; }
.st-tl-rect { fill: var(--st-critical-border); }
.st-tl-rect[data-kind="declared"] { fill: url(#st-tl-declared); }
.st-tl-rect[data-kind="acknowledged"] { fill: var(--st-dot-active); }
.st-tl-rect[data-kind="released"] { fill: url(#st-tl-released); }
.st-tl-pattern-red { fill: var(--st-critical-border); }
.st-tl-pattern-amber { fill: var(--st-warning-border); }
.st-tl-pattern-bg { fill: var(--st-neutral-bg); }
.st-tl-ticks { stroke: var(--st-fg); stroke-width: 2px; vector-effect: non-scaling-stroke; fill: none; }
.st-tl-ticks[data-kind="edit"] { stroke: var(--st-muted); }
.st-tl-thresholds { stroke: var(--st-fg); stroke-width: 1px; stroke-dasharray: 3 2; vector-effect: non-scaling-stroke; }
.st-tl-chart .st-tl-tip { top: 26px; }
`;
