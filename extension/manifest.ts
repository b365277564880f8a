// The one manifest source. Chrome and Firefox get separate manifests because each rejects the other's
// background key in some tool (web-ext lint fails on a Chrome-only manifest; Chrome warns on `scripts`).

import { BANNER_STYLESHEET_PATH } from '../src/shared/content-files';

export type TargetBrowser = 'chrome' | 'firefox';

export interface ManifestOptions {
  browser: TargetBrowser;
  version: string;
  /** Origins granted at install time. Empty for store builds: every Phabricator is asked for at runtime. */
  extraHostPermissions?: string[];
  /**
   * Test builds only: let pages of these origins open the options page and popup, because Firefox's
   * WebDriver BiDi refuses to navigate a tab to moz-extension:// directly.
   */
  exposePagesTo?: string[];
  /** The assign page's own script and style files (from the build's import graph), exposed with it. */
  assignFiles?: string[];
}

export const GECKO_ID = 'steward@steward-extension.org';

// One CSP covers every extension page, and a manifest cannot give one page its own frame-ancestors (a
// <meta> CSP ignores that directive). Only the assign picker is web-accessible, so it is the only page a
// web page can frame; the popup and options pages also refuse to run inside a frame (src/ui/unframed.ts).
// The picker itself acts only when its parent is the top-level page of the instance it writes to
// (src/assign/framing.ts), and the worker checks that top-level page (src/background/sender.ts).
const CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self' https: http:";

export function buildManifest({
  browser,
  version,
  extraHostPermissions = [],
  exposePagesTo = [],
  assignFiles = [],
}: ManifestOptions) {
  // The assign picker is framed inside the banner on Phabricator pages: an extension page the page's
  // scripts cannot reach, which is what lets it write to Phabricator on the user's behalf.
  const assignFrame = {
    // The picker and the files it loads, and the banner's stylesheet (linked from the banner's shadow
    // root), nothing else: not the popup's or options page's bundles.
    resources: ['assign/assign.html', ...assignFiles, BANNER_STYLESHEET_PATH],
    matches: ['https://*/*', 'http://*/*'],
    ...(browser === 'chrome' ? { use_dynamic_url: true } : {}),
  };
  const testPages = exposePagesTo.length
    ? [
        {
          resources: ['options/options.html', 'popup/popup.html', 'review/review.html'],
          matches: exposePagesTo,
        },
      ]
    : [];
  const common = {
    manifest_version: 3,
    name: '__MSG_extName__',
    short_name: 'Steward',
    description: '__MSG_extDescription__',
    version,
    default_locale: 'en',
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    action: {
      default_title: '__MSG_actionTitle__',
      default_popup: 'popup/popup.html',
      default_icon: { 16: 'icons/16.png', 32: 'icons/32.png' },
    },
    options_ui: { page: 'options/options.html', open_in_tab: true },
    permissions: ['storage', 'alarms', 'notifications', 'scripting'],
    host_permissions: extraHostPermissions,
    // Every Phabricator lives on its own domain: the user grants the one they configure, at runtime.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    content_security_policy: { extension_pages: CSP },
    web_accessible_resources: [assignFrame, ...testPages],
  };
  if (browser === 'chrome') {
    return { ...common, minimum_chrome_version: '121', background: { service_worker: 'background.js' } };
  }
  return {
    ...common,
    background: { scripts: ['background.js'] },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}
