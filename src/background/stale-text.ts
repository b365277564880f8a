// Stale findings and reminders in the user's language. Core states each finding as a message key with
// parameters (and an English sentence); here they are read through the extension's _locales, with the
// English sentence as the fallback where no catalog answers.
import browser from 'webextension-polyfill';
import type { Message } from '../core/escalation/messages';
import type { StaleFinding } from '../core/escalation/staleness';
import type { Reminder } from '../core/reminders/policy';
import type { TeamContact } from '../core/reminders/contact';
import { formatDuration, formatExactTime } from '../core/time/durations';

// The UI language and the time zone, for texts a poll writes for every task it evaluates: asked once a
// minute, not once per text (each ask builds an Intl formatter or crosses into the browser).
const ASK_AGAIN_MS = 60_000;
let asked: { at: number; locale: string; zone: string | undefined } | null = null;

function environment(): { locale: string; zone: string | undefined } {
  const now = Date.now();
  if (asked === null || now - asked.at > ASK_AGAIN_MS) {
    let locale = 'en';
    try {
      locale = browser.i18n.getUILanguage();
    } catch {
      // Outside the extension (tests of the texts alone): English.
    }
    asked = { at: now, locale, zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
  }
  return asked;
}

function locale(): string {
  return environment().locale;
}

function localised(key: string, substitutions: string[], fallback: string): string {
  try {
    return browser.i18n.getMessage(key, substitutions) || fallback;
  } catch {
    return fallback;
  }
}

function param(message: Message, name: string): string {
  const value = message.params[name];
  return value === undefined ? '?' : String(value);
}

function duration(message: Message, name = 'duration'): string {
  const value = message.params[name];
  return typeof value === 'number' ? formatDuration(value, locale()) : '?';
}

function moment(message: Message, name: string): string {
  const value = message.params[name];
  const { locale, zone } = environment();
  return typeof value === 'number' ? formatExactTime(value, locale, zone, { seconds: false }) : '?';
}

/** The catalog key and its substitutions for one of core's stale messages. */
function parts(message: Message): [string, string[]] {
  const who = message.params['subject'] === 'assignee' ? 'assignee' : 'processOwner';
  const key = message.key.replace(/\./g, '_');
  switch (message.key) {
    case 'stale.noProcessOwner':
    case 'stale.escalationAge':
      return [key, [duration(message)]];
    case 'stale.noProcessOwner.assignee':
      return [key, [duration(message), param(message, 'assignee')]];
    case 'stale.noProcessOwner.released':
      return [key, [duration(message), param(message, 'releasedBy'), duration(message, 'releasedFor')]];
    case 'stale.noProcessOwner.unknownUser':
      return [key, [duration(message), param(message, 'username')]];
    case 'stale.notAcknowledged':
      return [key, [param(message, 'username'), duration(message)]];
    case 'stale.ownerSilent':
      return [`${key}_${who}`, [param(message, 'username'), duration(message)]];
    case 'stale.ownerUnavailable.away':
      return [`${key}_${who}`, [param(message, 'username'), moment(message, 'until')]];
    default:
      return [`${key}_${who}`, [param(message, 'username')]];
  }
}

export function findingText(finding: StaleFinding): string {
  const [key, substitutions] = parts(finding.message);
  return localised(key, substitutions, finding.text);
}

function contactText(contact: TeamContact): string {
  if (contact.contacts.length === 0) return contact.team;
  const ways = contact.contacts
    .map((c) => localised(`notification_contact_${c.kind}`, [c.value], `${c.kind} ${c.value}`))
    .join(', ');
  return localised('notification_team_ways', [contact.team, ways], `${contact.team} (${ways})`);
}

/** "Unbreak Now! for 8 days. Reach Release Engineering (mailing list …, channel #…)." */
export function reminderMessage(reminder: Reminder): string {
  const headline = findingText(reminder.headline);
  return reminder.contact
    ? localised(
        'notification_reach',
        [headline, contactText(reminder.contact)],
        `${headline}. Reach ${contactText(reminder.contact)}.`,
      )
    : localised('notification_no_team', [headline], `${headline}. No team owns it: name one.`);
}
