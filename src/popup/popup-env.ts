// What the popup needs from the browser besides the worker: the clock, the user's time zone, and a way to
// open the options page. Tests pass their own; the extension uses the real ones.
import * as z from 'zod/mini';
import { openOptionsPage as openAtTop } from '../ui/page-runtime';
import { call } from '../ui/rpc';

export type OptionsSection = 'instances' | 'registry' | 'watch' | 'notifications';

export interface PopupEnv {
  /** Seconds since the Unix epoch. */
  now(): number;
  timeZone: string;
  openOptions(section: OptionsSection): void;
}

function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

async function openOptionsPage(section: OptionsSection): Promise<void> {
  const reply = await call({ type: 'ui/open-options', section }, z.unknown());
  // An older worker without the request: the page still opens, only at its top.
  if (!reply.ok) await openAtTop();
  window.close();
}

export const browserEnv: PopupEnv = {
  now: () => Math.floor(Date.now() / 1000),
  timeZone: localTimeZone(),
  openOptions: (section) => void openOptionsPage(section),
};
