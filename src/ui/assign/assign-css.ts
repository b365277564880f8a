// The assign panel's own layout; colours come from the palette's custom properties.
export const ASSIGN_CSS = `
.st-assign { font: 13px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--st-fg); background: var(--st-panel-bg); padding: 12px 14px; box-sizing: border-box; }
.st-assign h2 { font-size: 15px; margin: 0 0 2px; }
.st-assign-task { color: var(--st-muted); margin: 0 0 8px; overflow-wrap: anywhere; }
.st-assign p { margin: 0 0 8px; }
.st-assign-label { display: block; font-weight: bold; margin: 10px 0 4px; }
.st-assign-list { list-style: none; margin: 0; padding: 0; border: 1px solid var(--st-button-border); border-radius: 3px;
  max-height: 220px; overflow-y: auto; }
.st-assign-option { display: flex; flex-wrap: wrap; gap: 2px 8px; align-items: baseline; padding: 5px 8px; cursor: pointer; }
.st-assign-option + .st-assign-option { border-top: 1px solid var(--st-neutral-bg); }
.st-assign-option[aria-selected="true"] { background: var(--st-selected-bg); }
.st-assign-radio { width: 10px; height: 10px; border-radius: 50%; border: 1px solid var(--st-button-border); flex: none;
  align-self: center; }
.st-assign-option[aria-selected="true"] .st-assign-radio { background: var(--st-focus); border-color: var(--st-focus); }
.st-assign-reasons { color: var(--st-muted); font-size: 12px; flex-basis: 100%; padding-left: 18px; }
.st-assign-row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-top: 8px; }
.st-assign input[type="text"], .st-assign textarea { font: inherit; color: var(--st-fg); background: var(--st-panel-bg);
  border: 1px solid var(--st-button-border); border-radius: 3px; padding: 4px 6px; box-sizing: border-box; }
.st-assign input[type="text"] { width: 16em; }
.st-assign input[aria-invalid="true"] { border-color: var(--st-critical-border); }
.st-assign textarea { width: 100%; min-height: 5.5em; resize: vertical; }
.st-assign-preview { color: var(--st-muted); font-size: 12px; margin-top: 4px; }
.st-assign-error { margin-top: 10px; padding: 6px 10px; border-left: 4px solid var(--st-critical-border);
  background: var(--st-critical-bg); color: var(--st-fg); }
.st-assign-error p { margin: 0 0 4px; }
.st-assign-field-error { color: var(--st-critical-fg); margin: 4px 0 0; }
.st-assign-actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
`;
