// The options page's layout. Colours come only from the shared palette (--st-*), held to WCAG AA by the
// palette's contrast test; the page follows the browser's colour scheme.
import { installStyleSheet, themeCss, UI_CSS } from '../ui/ui-css';

const LAYOUT = `
html, body { margin: 0; background: var(--st-panel-bg); color: var(--st-fg); }
.options { font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  max-width: 760px; margin: 0 auto; padding: 16px 20px 48px; box-sizing: border-box; }
.options h1 { font-size: 22px; margin: 0 0 8px; }
.options h2 { font-size: 18px; margin: 0 0 4px; }
.options h3 { font-size: 15px; margin: 16px 0 6px; }
.options a { color: var(--st-link); }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 0 0 16px; }
.section { border-top: 1px solid var(--st-neutral-border); padding: 16px 0; scroll-margin-top: 8px; }
.intro, .hint, .muted { color: var(--st-muted); }
.hint { font-size: 13px; margin: 2px 0 0; }
.card { border: 1px solid var(--st-button-border); border-radius: 4px; padding: 8px 12px 12px; margin: 0 0 12px;
  background: var(--st-neutral-bg); }
.card legend { font-weight: bold; padding: 0 4px; overflow-wrap: anywhere; }
.field { margin: 8px 0; }
.field > label { display: block; font-weight: bold; margin-bottom: 2px; }
.options input[type="text"], .options input[type="password"], .options input[type="time"], .options select,
.options textarea { font: inherit; color: var(--st-fg); background: var(--st-panel-bg);
  border: 1px solid var(--st-button-border); border-radius: 3px; padding: 4px 6px; box-sizing: border-box; }
.options input[type="text"], .options input[type="password"], .options textarea { width: 100%; }
.options input.number { width: 8em; }
.options textarea { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
.field.invalid input, .field.invalid textarea, input[aria-invalid="true"] { border: 2px solid var(--st-critical-border); }
.field-error { color: var(--st-critical-fg); background: var(--st-critical-bg); padding: 2px 6px; margin: 4px 0 0;
  border-radius: 3px; white-space: pre-line; overflow-wrap: anywhere; }
.field-warning { color: var(--st-warning-fg); background: var(--st-warning-bg); padding: 4px 8px; margin: 4px 0 0;
  border-radius: 3px; }
.field-warning p { margin: 0 0 4px; }
.choices { border: 0; padding: 0; margin: 8px 0; }
.choices legend { font-weight: bold; padding: 0; margin-bottom: 2px; }
.choices label, .check { display: block; margin: 2px 0; }
.choices input, .check input { margin-right: 6px; }
.row-buttons { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.row-buttons input { flex: 1 1 16em; }
.save-bar { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin-top: 12px; }
.save-status[data-status="saved"] { color: var(--st-fg); font-weight: bold; }
.save-errors { flex-basis: 100%; background: var(--st-critical-bg); color: var(--st-critical-fg);
  border-left: 4px solid var(--st-critical-border); padding: 6px 10px; border-radius: 3px; }
.save-errors p, .save-errors ul { margin: 0; }
.access p, .connection-test p, .token p { margin: 4px 0; }
.access[data-access="granted"] p { color: var(--st-fg); }
.test-result[data-result="failed"] { color: var(--st-critical-fg); background: var(--st-critical-bg); padding: 2px 6px; }
.test-result:empty { display: none; }
.token-stored { font-weight: bold; }
.source-status { border-left: 3px solid var(--st-neutral-border); padding-left: 8px; margin: 8px 0; }
.source-status p { margin: 2px 0; }
.source-status[data-stale="true"] { border-left-color: var(--st-warning-border); }
.problems ul { margin: 2px 0; padding-left: 20px; }
.overrides table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }
.overrides th { text-align: left; font-size: 13px; }
.overrides td { padding: 2px 4px 2px 0; vertical-align: top; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 0 16px; }
.coverage dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; margin: 0 0 8px; }
.coverage dt { color: var(--st-muted); }
.coverage dd { margin: 0; font-weight: bold; }
.columns { columns: 2; }
.st-button { font-size: 13px; }
.st-button.quiet { font-weight: normal; }
a.st-button { display: inline-block; text-decoration: none; }
.options a.st-button-primary { color: var(--st-primary-fg); }
.ok { font-weight: bold; }
`;

export const OPTIONS_CSS = `${themeCss(':root', true)}\n${UI_CSS}\n${LAYOUT}`;

export function installOptionsStyles(doc: Document = document): void {
  installStyleSheet(doc, 'steward-options-css', OPTIONS_CSS);
}
