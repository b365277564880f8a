// The kind of outage the banner says it is showing the last good state through (`data-outage`), or null
// while it shows a current answer. Run in the page, in either browser: `page.evaluate(readBannerOutage)`.
export function readBannerOutage(): string | null {
  return (
    document
      .getElementById('steward-banner-host')
      ?.shadowRoot?.querySelector('[data-outage]')
      ?.getAttribute('data-outage') ?? null
  );
}
