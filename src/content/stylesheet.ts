// The banner's stylesheet as the content script finds it: the text banner-style.js left in the content
// scripts' world, or, when that is missing, the address of banner.css to link (shared/content-files.ts).
// A <style> needs no request, so the page's load event waits for nothing of ours and the first frame
// shows the banner styled; a <link> is loaded after the banner is drawn, which hides it until then.
import { BANNER_STYLE_GLOBAL } from '../shared/content-files';

export interface BannerStylesheet {
  /** The sheet's text, or null when it must be linked. */
  readonly text: string | null;
  /** banner.css in the extension. */
  readonly url: string;
}

export function bannerStylesheet(url: string, scope: object = globalThis): BannerStylesheet {
  const text = (scope as Record<string, unknown>)[BANNER_STYLE_GLOBAL];
  return { text: typeof text === 'string' ? text : null, url };
}
