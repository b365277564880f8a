// Host access to an instance, asked for at runtime (optional_host_permissions). Behind a small adapter so
// tests can fake the browser's prompt. `request` must be called straight from a click handler: browsers
// only show the prompt for a user gesture, and only on extension pages.
import browser from 'webextension-polyfill';
import { hostPermissionPattern } from '../shared/host-pattern';

export interface HostPermissions {
  contains(origin: string): Promise<boolean>;
  request(origin: string): Promise<boolean>;
}

const browserPermissions: HostPermissions = {
  contains: (origin) => browser.permissions.contains({ origins: [hostPermissionPattern(origin)] }),
  request: (origin) => browser.permissions.request({ origins: [hostPermissionPattern(origin)] }),
};

let current: HostPermissions = browserPermissions;

export function hostPermissions(): HostPermissions {
  return current;
}

/** Tests install a fake; the options page uses the browser's. */
export function setHostPermissions(replacement: HostPermissions): void {
  current = replacement;
}
