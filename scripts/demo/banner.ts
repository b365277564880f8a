// Reads Steward's banner from a task page: the element in the shadow root of #steward-banner-host carries
// data-steward="banner", data-state (loading, ready, not-configured, ...) and data-variant (ubn, compact,
// closed).
import type { Page } from 'playwright-core';

export interface BannerInfo {
  state: string | null;
  variant: string | null;
}

export function readBanner(): BannerInfo | null {
  const banner = document
    .getElementById('steward-banner-host')
    ?.shadowRoot?.querySelector('[data-steward="banner"]');
  return banner
    ? { state: banner.getAttribute('data-state'), variant: banner.getAttribute('data-variant') }
    : null;
}

/** Waits until the banner leaves "loading"; fails with what the page shows when it does not. */
export async function waitForSettledBanner(page: Page, timeoutMs = 20_000): Promise<BannerInfo> {
  try {
    await page.waitForFunction(
      () => {
        const state = document
          .getElementById('steward-banner-host')
          ?.shadowRoot?.querySelector('[data-steward="banner"]')
          ?.getAttribute('data-state');
        return state !== undefined && state !== null && state !== 'loading';
      },
      null,
      { timeout: timeoutMs, polling: 50 },
    );
  } catch {
    const seen = await page.evaluate(readBanner).catch(() => null);
    throw new Error(
      `no Steward banner settled on ${page.url()} within ${timeoutMs / 1000} s ` +
        `(banner: ${seen ? JSON.stringify(seen) : 'none'})`,
    );
  }
  const info = await page.evaluate(readBanner);
  if (!info) throw new Error(`the Steward banner vanished from ${page.url()}`);
  return info;
}
