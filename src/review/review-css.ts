// The review page's layout and its print form. Colours are the shared palette's; the page follows the
// browser's colour scheme like the popup.
import { installStyleSheet, themeCss, UI_CSS } from '../ui/ui-css';
import { TIMELINE_CHART_CSS, TIMELINE_CSS } from '../ui/timeline-css';

const LAYOUT = `
html, body { margin: 0; background: var(--st-panel-bg); color: var(--st-fg); }
.review { font: 13px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  padding: 12px 20px 40px; max-width: 1400px; margin: 0 auto; }
.review h1 { font-size: 18px; margin: 0; }
.review h2 { font-size: 15px; margin: 12px 0 4px; }
.review a { color: var(--st-link); }
.review-header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; }
.review-header p { margin: 0; }
.views, .actions, .filters { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.actions { margin-left: auto; }
.st-button[aria-pressed="true"] { background: var(--st-selected-bg); }
.filter { display: inline-flex; gap: 4px; align-items: center; }
.filter select { font: inherit; color: var(--st-fg); background: var(--st-panel-bg); border: 1px solid var(--st-button-border);
  border-radius: 3px; padding: 2px 4px; max-width: 16em; }
.filters { margin: 6px 0 10px; gap: 6px 16px; }
/* Empty but not display: none, which would take the live region out of the accessibility tree and
   leave its next text unannounced. */
.live:empty { margin: 0; }
.live { margin: 6px 0; }
.manual-copy { width: 100%; height: 8em; font: 12px monospace; }
.progress progress { margin-left: 8px; width: 240px; vertical-align: middle; }
.error { background: var(--st-critical-bg); color: var(--st-critical-fg); padding: 4px 8px; border-radius: 3px; }
.empty { padding: 12px 0; }
.loading, .summary { color: var(--st-muted); }
.chart { margin: 0 0 16px; }
.chart-axis { position: relative; height: 16px; margin-left: 64px; margin-right: 6px; font-size: 11px; color: var(--st-muted); }
.chart-axis span { position: absolute; transform: translateX(-50%); white-space: nowrap; }
.chart-axis span:first-child { transform: none; }
.chart-axis span:last-child { transform: translateX(-100%); }
.chart-rows { list-style: none; margin: 0; padding: 0; }
.chart-row { display: flex; align-items: center; height: 40px; border-bottom: 1px solid var(--st-neutral-bg); }
.chart-label { flex: 0 0 58px; font-weight: bold; text-decoration: none; }
.chart-row .st-tl { flex: 1 1 auto; margin: 0; }
.review-table { border-collapse: collapse; width: 100%; }
.review-table caption { text-align: left; font-weight: bold; margin-bottom: 4px; }
.review-table th, .review-table td { text-align: left; vertical-align: top; padding: 4px 8px;
  border-bottom: 1px solid var(--st-neutral-border); }
.review-table thead th { position: sticky; top: 0; background: var(--st-panel-bg); }
.review-table tbody th { font-weight: normal; }
.review-table tr[data-severity="critical"] > th { border-left: 4px solid var(--st-critical-border); }
.review-table tr[data-severity="warning"] > th { border-left: 4px solid var(--st-warning-border); }
.sort { font: inherit; font-weight: bold; color: var(--st-fg); background: none; border: 0; padding: 0; cursor: pointer; }
.task-id { font-weight: bold; }
td[data-owner="none"] { color: var(--st-critical-fg); font-weight: bold; }
.bar-cell { min-width: 14em; }
.bar { display: block; height: 8px; margin-bottom: 2px; background: var(--st-notice-border); }
.bar-owner { background: var(--st-warning-border); }
@media print {
  html, body { background: #fff; color: #000; }
  .actions, .views, .filters, .progress, .live, .manual-copy, .sort span { display: none; }
  .review { padding: 0; max-width: none; }
  .review-table thead th { position: static; }
  .chart-row, .review-table tr { break-inside: avoid; }
  .review a { color: inherit; text-decoration: none; }
}
`;

export function installReviewStyles(): void {
  installStyleSheet(
    document,
    'steward-review',
    `${themeCss(':root', true)}\n${UI_CSS}\n${TIMELINE_CSS}\n${TIMELINE_CHART_CSS}\n${LAYOUT}`,
  );
}
