// The only styles the content script carries: what gives the banner its size, so that it takes its
// place in the page at once, and hides it until banner.css (everything else) has loaded, so it is never
// seen unstyled. Kept to what decides the layout; colours and the rest live in the stylesheet file.
export const CRITICAL_CSS = `
:host{display:block}
.st-root{font-size:13px;line-height:1.5;margin:4px 0 12px}
.st-root:not([data-styled]) .st-banner{visibility:hidden}
.st-box{border:1px solid;border-left-width:4px;padding:7px 12px;min-height:24px}
[data-expect=compact] .st-box{min-height:60px}
[data-expect=ubn] .st-box{min-height:220px}
`;
