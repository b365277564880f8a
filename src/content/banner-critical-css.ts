// The only styles the content script carries: what gives the banner its size, so that it takes its
// place in the page at once, and hides it until banner.css (everything else) has loaded, so it is never
// seen unstyled. The live region is visually hidden here too: a cached answer can be announced before
// the sheet arrives, and it must not show as text above the banner.
//
// The placeholder holds the height the banner will take, which grows as the page narrows: these are the
// captured tasks' banners measured at 1200px (desktop), 800px (Phorge's tablet layout, 920px and less)
// and 400px (phone, 512px and less), less the box's padding and borders. UBN!: T14 and T16, the fullest;
// compact: T13 and the closed T8. Errors keep the compact height, so a late error moves the page no
// more than the difference to a UBN! placeholder. A banner that is taller still moves the page by the
// difference; a shorter one keeps the space.
export const CRITICAL_CSS = `
:host{display:block}
.st-root{font-size:13px;line-height:1.5;margin:4px 0 12px}
.st-root:not([data-styled]) .st-banner{visibility:hidden}
.st-box{border:1px solid;border-left-width:4px;padding:7px 12px}
[data-expect=compact] .st-box{min-height:62px}
[data-expect=ubn] .st-box{min-height:238px}
@media(max-width:920px){[data-expect=compact] .st-box{min-height:82px}[data-expect=ubn] .st-box{min-height:272px}}
@media(max-width:512px){[data-expect=compact] .st-box{min-height:149px}[data-expect=ubn] .st-box{min-height:353px}}
.st-sr-only{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;
