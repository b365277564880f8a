// CSS text for the shared components, drawn from the palette's custom properties (--st-*). Hosts put it
// in their own <style>: the banner in its shadow root, the popup and assign pages in their document.
import { paletteDeclarations } from './palette';

/**
 * Custom properties for both themes. `scope` is the element carrying data-theme; pages with no theme
 * hint (the popup) follow the browser's colour scheme.
 */
export function themeCss(scope: string, followSystem: boolean): string {
  const dark = paletteDeclarations('dark');
  return [
    `${scope} { ${paletteDeclarations('light')} color-scheme: light; }`,
    `${scope}[data-theme="dark"] { ${dark} color-scheme: dark; }`,
    followSystem
      ? `@media (prefers-color-scheme: dark) { ${scope}:not([data-theme="light"]) { ${dark} color-scheme: dark; } }`
      : '',
  ].join('\n');
}

export const UI_CSS = `
bdi { unicode-bidi: isolate; }
.st-person, .st-contacts { overflow-wrap: anywhere; }
.st-sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
.st-person { display: inline; white-space: normal; }
.st-person-name { font-weight: bold; color: var(--st-fg); }
a.st-person-name { color: var(--st-link); text-decoration: none; }
a.st-person-name:hover { text-decoration: underline; }
.st-username, .st-marker, .st-liveness { color: var(--st-muted); }
.st-username { font-weight: normal; }
.st-marker { font-style: italic; }
.st-dot {
  display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin: 0 4px 1px 0;
  vertical-align: middle; background: var(--st-dot-unknown);
}
.st-dot-active { background: var(--st-dot-active); }
.st-dot-busy { background: var(--st-dot-busy); }
.st-dot-away { background: var(--st-dot-away); }
.st-dot-disabled, .st-dot-departed { background: var(--st-dot-gone); }
.st-person[data-liveness="disabled"] .st-person-name,
.st-person[data-liveness="departed"] .st-person-name { text-decoration: line-through; }
.st-badge {
  display: inline-block; padding: 1px 6px; border-radius: 3px; font-size: 11px; font-weight: bold;
  line-height: 16px; margin: 0 4px 2px 0; white-space: nowrap;
}
.st-badge-info { background: var(--st-badge-info-bg); color: var(--st-badge-info-fg); }
.st-badge-warn { background: var(--st-badge-warn-bg); color: var(--st-badge-warn-fg); }
.st-badge-critical { background: var(--st-badge-critical-bg); color: var(--st-badge-critical-fg); }
.st-contacts { display: inline; list-style: none; margin: 0; padding: 0; }
.st-contacts li { display: inline; margin-right: 8px; }
.st-contact-kind { color: var(--st-muted); }
.st-contacts a, .st-link { color: var(--st-link); }
.st-tip { position: relative; display: inline-block; }
.st-tip-anchor { border-bottom: 1px dotted currentColor; cursor: help; }
.st-tooltip {
  display: none; position: absolute; left: 0; top: calc(100% + 4px); z-index: 10; min-width: max-content;
  padding: 4px 8px; border-radius: 3px; font-size: 12px; font-weight: normal;
  background: var(--st-tooltip-bg); color: var(--st-tooltip-fg);
}
.st-tip:hover .st-tooltip, .st-tip-anchor:focus + .st-tooltip { display: block; }
.st-tip.st-tip-dismissed .st-tooltip { display: none; }
:focus-visible { outline: 2px solid var(--st-focus); outline-offset: 2px; }
.st-button {
  font: inherit; font-size: 12px; font-weight: bold; padding: 3px 10px; border-radius: 3px; cursor: pointer;
  background: var(--st-button-bg); color: var(--st-button-fg); border: 1px solid var(--st-button-border);
}
.st-button-primary { background: var(--st-primary-bg); color: var(--st-primary-fg); border-color: var(--st-primary-bg); }
.st-button:disabled, .st-button[aria-disabled='true'] { opacity: 0.6; cursor: default; }
`;

/** Puts an extension page's stylesheet in its document once (tests call it too, so they see what users see). */
export function installStyleSheet(doc: Document, id: string, css: string): void {
  if (doc.getElementById(id)) return;
  const style = doc.createElement('style');
  style.id = id;
  style.textContent = css;
  doc.head.append(style);
}
