// Content scripts are registered per granted origin at runtime: every Phabricator lives on its own domain,
// and the extension asks for no host until the user configures one.
import browser from 'webextension-polyfill';

const SCRIPT_ID = 'steward-task-page';

/** Host patterns the user granted that name one origin (the wildcard optional patterns are not grants). */
export async function grantedOrigins(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  return origins.filter((pattern) => !pattern.startsWith('*://') && !/^https?:\/\/\*\//.test(pattern));
}

export async function syncContentScripts(): Promise<string[]> {
  const matches = await grantedOrigins();
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (matches.length === 0) return [];
  await browser.scripting.registerContentScripts([
    {
      id: SCRIPT_ID,
      js: ['content.js'],
      matches,
      runAt: 'document_end',
      allFrames: false,
      persistAcrossSessions: true,
    },
  ]);
  return matches;
}
