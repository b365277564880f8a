// Reminders as browser notifications: what is wrong, for how long, and which team to reach. The
// notification id carries the task, so a click opens it even after the worker was restarted.
import { stripBidiControls } from '../shared/bidi-controls';
import browser, { type Notifications } from 'webextension-polyfill';
import type { Reminder } from '../core/reminders/policy';
import { reminderMessage } from './stale-text';

const PREFIX = 'steward|';

/** The last notifications shown by this worker, newest last: read by the demo and e2e tests. */
export const recentNotifications: { id: string; title: string; message: string; at: number }[] = [];

function remember(id: string, title: string, message: string): void {
  recentNotifications.push({ id, title, message, at: Date.now() });
  if (recentNotifications.length > 20) recentNotifications.shift();
}

export function notificationId(origin: string, taskId: number, key: string): string {
  return `${PREFIX}${origin}|${taskId}|${key}`;
}

/** The web origin a notification id names, or null for anything that is not an http(s) address. */
function webOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

export function parseNotificationId(id: string): { origin: string; taskId: number } | null {
  if (!id.startsWith(PREFIX)) return null;
  const [named, task] = id.slice(PREFIX.length).split('|');
  const taskId = Number(task);
  if (!named || !Number.isInteger(taskId) || taskId <= 0) return null;
  const origin = webOrigin(named);
  return origin === null ? null : { origin, taskId };
}

/** Longer titles are cut: a notification shows a line or two of its title. */
const TITLE_MAX = 120;

/** At most `max` UTF-16 units, cut between characters (never inside a surrogate pair), marked with "…". */
function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

// C0 and C1 controls and the Unicode line and paragraph separators. A title or team name carrying them
// (a pasted newline, a YAML block scalar) would break a one-line notification into lines or show tofu.
// eslint-disable-next-line no-control-regex
const LINE_BREAKING = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;

/** Text from a task or the registry as a notification shows it: one line, nothing reordering it. */
function plainLine(text: string): string {
  // A notification cannot isolate the task title inside its own line: bidi controls are dropped.
  return stripBidiControls(text).replace(LINE_BREAKING, ' ').trim();
}

export function reminderText(reminder: Reminder): { title: string; message: string } {
  // Each part is cleaned where it is set in the sentence too, so a title or team name that starts or
  // ends with a newline leaves no stray space beside the words around it.
  const contact = reminder.contact && {
    team: plainLine(reminder.contact.team),
    contacts: reminder.contact.contacts.map((c) => ({ ...c, value: plainLine(c.value) })),
  };
  return {
    title: shortened(plainLine(`T${reminder.taskId}: ${plainLine(reminder.title)}`), TITLE_MAX),
    message: plainLine(reminderMessage({ ...reminder, contact })),
  };
}

// Firefox's notifications have no buttons; clicking the notification opens the task there.
const supportsButtons =
  typeof (globalThis as { chrome?: { runtime?: { getURL?: unknown } } }).chrome !== 'undefined' &&
  !('getBrowserInfo' in browser.runtime);

export async function showReminder(origin: string, reminder: Reminder): Promise<string> {
  const { title, message } = reminderText(reminder);
  const id = notificationId(origin, reminder.taskId, reminder.keys[0] ?? 'reminder');
  const options: Notifications.CreateNotificationOptions & {
    buttons?: { title: string }[];
    priority?: number;
  } = {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/128.png'),
    title,
    message,
  };
  if (supportsButtons) {
    options.buttons = [
      { title: browser.i18n.getMessage('notification_open') || 'Open task' },
      { title: browser.i18n.getMessage('notification_snooze') || 'Snooze 1 hour' },
    ];
    options.priority = reminder.severity === 'critical' ? 2 : 1;
  }
  remember(id, title, message);
  // The same id replaces rather than duplicates: a reminder shown again after a crash is still one.
  return browser.notifications.create(id, options);
}

const DIGEST = `${PREFIX}digest|`;

/** The instance a digest notification is about (its click opens that instance's review page), or null. */
export function parseDigestId(id: string): string | null {
  return id.startsWith(DIGEST) ? webOrigin(id.slice(DIGEST.length)) : null;
}

export async function showDigest(origin: string, digest: string): Promise<void> {
  const text = plainLine(digest);
  const id = `${DIGEST}${origin}`;
  remember(id, 'Steward', text);
  await browser.notifications.create(id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/128.png'),
    title: 'Steward',
    message: text,
  });
}
