// Content scripts are registered at runtime for the sites the user granted: every Phabricator lives on its
// own domain, and the extension asks for no host until the user configures one. A grant of "all sites"
// puts the banner on configured instances only; a site granted but not (yet) configured gets the banner's
// "not set up" line.
import browser from 'webextension-polyfill';
import { CONTENT_SCRIPT_FILES } from '../shared/content-files';
import { hostPermissionPattern } from '../shared/host-pattern';
import { readSettings } from './settings-store';

const SCRIPT_ID = 'steward-task-page';
// The script is in place before the page is parsed and starts its banner at DOMContentLoaded itself, a
// moment before the browser would inject a document_end script; it also wakes the worker meanwhile.
const RUN_AT = 'document_start';

/** Match patterns of granted single sites and of configured instances the browser lets Steward read. */
export async function grantedInstancePatterns(): Promise<string[]> {
  const settings = await readSettings();
  const { origins = [] } = await browser.permissions.getAll();
  const singleSites = origins.filter(
    (pattern) => !pattern.startsWith('*://') && !/^https?:\/\/\*\//.test(pattern),
  );
  const instances = [...new Set(settings.instances.map((instance) => hostPermissionPattern(instance.url)))];
  const granted = await Promise.all(
    instances.map((pattern) => browser.permissions.contains({ origins: [pattern] })),
  );
  return [...new Set([...singleSites, ...instances.filter((_, i) => granted[i])])].sort();
}

let syncing: Promise<string[]> = Promise.resolve([]);

/**
 * Brings the registration in line with the settings and grants. Calls are queued (the worker may be woken
 * by several events at once) and nothing is touched when the registration is already right, so a page
 * loading while the worker wakes up is never left without its banner.
 */
export function syncContentScripts(): Promise<string[]> {
  syncing = syncing
    .catch(() => [])
    .then(async () => {
      const matches = await grantedInstancePatterns();
      const [existing] = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
      // An older release registered the script to run later, or without its stylesheet: that registration
      // is replaced too.
      if (
        existing &&
        existing.runAt === RUN_AT &&
        JSON.stringify(existing.js ?? []) === JSON.stringify(CONTENT_SCRIPT_FILES) &&
        JSON.stringify([...(existing.matches ?? [])].sort()) === JSON.stringify(matches)
      )
        return matches;
      if (existing) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
      if (matches.length === 0) return [];
      await browser.scripting.registerContentScripts([
        {
          id: SCRIPT_ID,
          js: [...CONTENT_SCRIPT_FILES],
          matches,
          runAt: RUN_AT,
          allFrames: false,
          persistAcrossSessions: true,
        },
      ]);
      return matches;
    });
  return syncing;
}
