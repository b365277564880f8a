// Host access to an instance, asked for at runtime (optional_host_permissions). Behind a small adapter so
// tests can fake the browser's prompt. `request` must be called straight from a click handler: browsers
// only show the prompt for a user gesture, and only on extension pages.
import browser from 'webextension-polyfill';
import { hostPermissionPattern } from '../shared/host-pattern';

export interface HostPermissions {
  contains(origin: string): Promise<boolean>;
  request(origin: string): Promise<boolean>;
  /** Gives the access back (an instance removed from Steward); false when the browser keeps it. */
  remove(origin: string): Promise<boolean>;
  /**
   * `listener` runs whenever the extension's permissions change, whoever changed them (the browser's
   * site-access menu, another options tab). Returns the call that stops it.
   */
  onChanged(listener: () => void): () => void;
}

export const browserHostPermissions: HostPermissions = {
  contains: (origin) => browser.permissions.contains({ origins: [hostPermissionPattern(origin)] }),
  request: (origin) => browser.permissions.request({ origins: [hostPermissionPattern(origin)] }),
  remove: (origin) => browser.permissions.remove({ origins: [hostPermissionPattern(origin)] }),
  onChanged(listener) {
    // Which origins changed is not looked at: a pattern may cover the origin without naming it.
    const changed = () => listener();
    browser.permissions.onAdded.addListener(changed);
    browser.permissions.onRemoved.addListener(changed);
    return () => {
      browser.permissions.onAdded.removeListener(changed);
      browser.permissions.onRemoved.removeListener(changed);
    };
  },
};

let current: HostPermissions = browserHostPermissions;

export function hostPermissions(): HostPermissions {
  return current;
}

/** Tests install a fake; the options page uses the browser's. */
export function setHostPermissions(replacement: HostPermissions): void {
  current = replacement;
}
