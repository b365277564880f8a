// Whether the banner wears its stylesheet on a Phorge page under Phorge's CSP, in both browsers, and how it
// came: banner.css read as text by the content script into a <style> ("text"), or linked from the
// extension when it could not be read ("link").
// Run in the page: `page.evaluate(readBannerStyling)`.
export function readBannerStyling(): {
  shown: boolean;
  cornerRadius: string | null;
  from: 'text' | 'link' | null;
} {
  const root = document.getElementById('steward-banner-host')?.shadowRoot;
  const box = root?.querySelector('.st-box');
  const linked = root?.querySelector('link[rel="stylesheet"]') != null;
  // The inline critical styles are one <style>; banner.css read as text is a second.
  const read = (root?.querySelectorAll('style').length ?? 0) > 1;
  return {
    shown: root?.querySelector('.st-root[data-styled]') != null,
    // Only banner.css rounds the box's corners: the inline critical styles do not.
    cornerRadius: box ? getComputedStyle(box).borderTopRightRadius : null,
    from: read ? 'text' : linked ? 'link' : null,
  };
}
