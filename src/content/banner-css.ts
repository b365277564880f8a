// The banner's look, after Phorge's phui-info-view: a tinted box with a strong left border. Colours
// come from the palette's custom properties, set per theme on .st-root. This text ships as banner.css
// (src/content/banner-stylesheet.ts), not in the content script; the rules that size the banner are
// inline (banner-critical-css.ts), so it takes its place before the sheet loads.
export const BANNER_CSS = `
/* In line with the task title and the description: the side padding of Phorge's header and content
   column (phui-two-column-view.css), 12px once Phorge lays the page out for a tablet or phone (920px).
   The main column has that padding already. */
:host { padding: 0 32px; }
@media (max-width: 920px) { :host { padding: 0 12px; } }
:host([data-steward-host="main-column"]) { padding: 0; }
.st-root { color: var(--st-fg); text-align: left; }
/* A long unbroken name or title wraps inside the banner instead of pushing past the page's column. */
.st-root { overflow-wrap: anywhere; min-width: 0; max-width: 100%; }
.st-po > p, .st-compact .st-owners { min-width: 0; }
bdi { unicode-bidi: isolate; }
.st-banner:focus { outline: none; }
.st-box { border-color: var(--st-neutral-border); border-radius: 3px; background: var(--st-neutral-bg); }
.st-banner[data-tone="notice"] .st-box { background: var(--st-notice-bg); border-color: var(--st-notice-border); }
.st-banner[data-tone="warning"] .st-box { background: var(--st-warning-bg); border-color: var(--st-warning-border); }
.st-banner[data-tone="critical"] .st-box { background: var(--st-critical-bg); border-color: var(--st-critical-border); }
.st-box p { margin: 0 0 4px; }
.st-box p:last-child { margin-bottom: 0; }
.st-line { margin: 0; }
.st-muted { color: var(--st-muted); }
.st-escalation { font-size: 14px; }
.st-escalation .st-badge { margin-left: 6px; vertical-align: 1px; }
.st-age { font-weight: bold; color: var(--st-notice-fg); }
.st-escalation[data-severity="warning"] .st-age { color: var(--st-warning-fg); }
.st-escalation[data-severity="critical"] .st-age { color: var(--st-critical-fg); }
.st-recurrence { color: var(--st-muted); margin-left: 8px; }
.st-po { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 12px; margin: 2px 0 6px; }
.st-po > p { margin: 0; flex: 1 1 24em; }
.st-po-loud { font-weight: bold; }
.st-po-none .st-po-loud, .st-po-problem .st-po-loud { color: var(--st-critical-fg); }
.st-actions { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.st-compact { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; justify-content: space-between; }
.st-compact .st-owners { flex: 1 1 30em; }
.st-owners { margin-top: 2px; }
.st-owners-head { display: inline; margin: 0 6px 0 0; }
.st-components { display: inline; list-style: none; margin: 0; padding: 0; }
.st-ubn .st-components { display: block; margin: 2px 0 0; }
.st-component { margin: 0 0 3px; }
.st-compact .st-component { display: inline; margin-right: 12px; }
.st-owner-group { display: block; padding-left: 12px; }
.st-owner-group.st-inline { display: inline; padding-left: 6px; }
.st-owner-label { color: var(--st-muted); }
.st-team-name { font-weight: bold; }
.st-source { display: block; padding-left: 12px; font-size: 11px; }
.st-compact .st-source { display: none; }
.st-error-text { color: var(--st-critical-fg); }
.st-assign-frame { margin: 6px 0 8px; }
.st-assign-frame iframe {
  display: block; width: 100%; max-width: 640px; height: 470px; border: 1px solid var(--st-button-border);
  border-radius: 3px; background: var(--st-panel-bg);
}
`;
