// The popup's layout. Colours come only from the shared palette (--st-*), whose every text/background pair
// is held to WCAG AA by the palette's contrast test; the popup follows the browser's colour scheme.
import { installStyleSheet, themeCss, UI_CSS } from '../ui/ui-css';

const LAYOUT = `
html, body { margin: 0; background: var(--st-panel-bg); color: var(--st-fg); }
body { width: 420px; max-width: 100vw; }
.popup { font: 13px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  padding: 10px 12px 12px; box-sizing: border-box; }
.popup h1 { font-size: 15px; margin: 0; }
.popup-header { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 8px; }
/* The title wraps rather than a button's label: a two-line "UBN! review" button reads as two buttons. */
.popup-header h1 { min-width: 0; }
.header-actions { display: flex; gap: 6px; flex-shrink: 0; }
.header-actions .st-button { white-space: nowrap; }
.popup a { color: var(--st-link); }
.notice { background: var(--st-notice-bg); border-left: 4px solid var(--st-notice-border); padding: 8px 10px;
  margin: 0 0 10px; border-radius: 3px; }
.notice h2 { font-size: 14px; margin: 0 0 4px; color: var(--st-fg); }
.notice p { margin: 0 0 8px; color: var(--st-fg); }
.notice .detail { color: var(--st-muted); overflow-wrap: anywhere; }
.notice-actions { display: flex; flex-wrap: wrap; gap: 6px; }
a.st-button { display: inline-block; text-decoration: none; }
.popup a.st-button-primary { color: var(--st-primary-fg); }
.gate { background: var(--st-critical-bg); color: var(--st-critical-fg); border-left: 4px solid var(--st-critical-border);
  font-weight: bold; padding: 6px 10px; margin: 0 0 10px; border-radius: 3px; }
.error { background: var(--st-critical-bg); color: var(--st-critical-fg); padding: 4px 8px; margin: 6px 0;
  border-radius: 3px; overflow-wrap: anywhere; }
.field-error { color: var(--st-critical-fg); background: var(--st-critical-bg); padding: 2px 6px; margin: 4px 0 0;
  flex-basis: 100%; border-radius: 3px; }
.live:empty { display: none; }
.notice-line { margin: 0 0 8px; padding: 4px 8px; background: var(--st-neutral-bg); border-radius: 3px; }
.controls { display: flex; flex-direction: column; gap: 6px; margin-bottom: 8px; }
.filters { display: flex; gap: 4px; border: 0; margin: 0; padding: 0; }
.filter { border: 1px solid var(--st-button-border); border-radius: 3px; padding: 2px 8px; cursor: pointer;
  background: var(--st-button-bg); color: var(--st-button-fg); }
.filter.selected { background: var(--st-selected-bg); font-weight: bold; }
.filter input { margin: 0 4px 0 0; vertical-align: -1px; }
.filter:focus-within { outline: 2px solid var(--st-focus); outline-offset: 1px; }
.search, .popup input[type="datetime-local"] { font: inherit; color: var(--st-fg); background: var(--st-panel-bg);
  border: 1px solid var(--st-button-border); border-radius: 3px; padding: 4px 6px; box-sizing: border-box; }
.search { width: 100%; }
.rows { list-style: none; margin: 0; padding: 0; }
.row { border-left: 4px solid var(--st-neutral-border); background: var(--st-neutral-bg); padding: 6px 8px;
  margin-bottom: 8px; border-radius: 3px; }
.row[data-severity="critical"] { border-left-color: var(--st-critical-border); }
.row[data-severity="warning"] { border-left-color: var(--st-warning-border); }
.row[data-severity="info"] { border-left-color: var(--st-notice-border); }
.row-title { font-size: 13px; margin: 0 0 4px; overflow-wrap: anywhere; }
.row-title a { text-decoration: none; }
.row-title a:hover { text-decoration: underline; }
.task-id { font-weight: bold; }
.row-meta, .row-owner { margin: 0 0 2px; display: flex; flex-wrap: wrap; gap: 2px 10px; }
.row-owner { display: block; }
.label, .no-team, .owner-state, .recurrence, .snoozed-until { color: var(--st-muted); }
.owner-none, .owner-problem { font-weight: bold; }
.rules { margin: 2px 0 4px; padding-left: 18px; }
.row-actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.snoozed-until { margin: 2px 0; }
.panel { margin-top: 8px; padding: 8px; background: var(--st-panel-bg); border: 1px solid var(--st-button-border);
  border-radius: 3px; }
.panel p { margin: 0 0 6px; }
.panel-assign { padding: 0; }
.panel button[aria-disabled='true'] { opacity: 0.6; cursor: default; }
.panel-actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.snooze-custom { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 8px; }
.snooze-custom label { flex-basis: 100%; font-weight: bold; }
.empty { padding: 12px 0; }
.empty p { margin: 0 0 8px; }
.more { width: 100%; margin-bottom: 8px; }
.snoozed summary { cursor: pointer; margin: 4px 0 8px; font-weight: bold; }
.popup-footer { color: var(--st-muted); font-size: 12px; margin-top: 8px; }
.loading, .loading-more { color: var(--st-muted); }
.st-button.quiet { font-weight: normal; }
`;

export const POPUP_CSS = `${themeCss(':root', true)}\n${UI_CSS}\n${LAYOUT}`;

export function installPopupStyles(doc: Document = document): void {
  installStyleSheet(doc, 'steward-popup-css', POPUP_CSS);
}
