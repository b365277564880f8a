// Finds the Debian browsers the e2e tests drive. Test tools never download a browser here.
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.STEWARD_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.STEWARD_FIREFOX ?? '/usr/bin/firefox-esr';

export function requireBrowser(path: string, debianPackage: string): string {
  if (!existsSync(path)) {
    throw new Error(
      `${path} not found: install it with "apt-get install ${debianPackage}" (as root) and run again.`,
    );
  }
  return path;
}
