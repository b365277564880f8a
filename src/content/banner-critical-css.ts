// The only styles the content script carries: what gives the banner its size, so that it takes its
// place in the page at once, and hides it until banner.css (everything else) has loaded, so it is never
// seen unstyled. The live region is visually hidden here too: a cached answer can be announced before
// the sheet arrives, and it must not show as text above the banner.
export const CRITICAL_CSS = `
:host{display:block}
.st-root{font-size:13px;line-height:1.5;margin:4px 0 12px}
.st-root:not([data-styled]) .st-banner{visibility:hidden}
.st-box{border:1px solid;border-left-width:4px;padding:7px 12px;min-height:24px}
[data-expect=compact] .st-box{min-height:60px}
[data-expect=ubn] .st-box{min-height:220px}
.st-sr-only{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;
