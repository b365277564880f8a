// Whether the banner wears its stylesheet: banner.css, linked from the banner's shadow root to the
// extension's file, must load on a Phorge page under Phorge's CSP, in both browsers.
// Run in the page: `page.evaluate(readBannerStyling)`.
export function readBannerStyling(): { shown: boolean; cornerRadius: string | null } {
  const root = document.getElementById('steward-banner-host')?.shadowRoot;
  const box = root?.querySelector('.st-box');
  return {
    shown: root?.querySelector('.st-root[data-styled]') != null,
    // Only banner.css rounds the box's corners: the inline critical styles do not.
    cornerRadius: box ? getComputedStyle(box).borderTopRightRadius : null,
  };
}
