// The English wording of staleness findings, kept apart from the rules so the UI can render the
// same key and parameters in another language. Durations are seconds, moments epoch seconds.
import { formatDuration, formatExactTime } from '../time/durations';

export type MessageParams = Record<string, string | number>;

export interface Message {
  key: StaleMessageKey;
  params: MessageParams;
}

export type StaleMessageKey =
  | 'stale.noProcessOwner'
  | 'stale.noProcessOwner.assignee'
  | 'stale.noProcessOwner.released'
  | 'stale.noProcessOwner.unknownUser'
  | 'stale.notAcknowledged'
  | 'stale.ownerSilent'
  | 'stale.ownerUnavailable.disabled'
  | 'stale.ownerUnavailable.departed'
  | 'stale.ownerUnavailable.away'
  | 'stale.ownerUnavailable.awayUnknownEnd'
  | 'stale.escalationAge';

function text(params: MessageParams, name: string): string {
  const value = params[name];
  return value === undefined ? '?' : String(value);
}

function duration(params: MessageParams, name: string): string {
  const value = params[name];
  return typeof value === 'number' ? formatDuration(value, 'en') : '?';
}

function moment(params: MessageParams, name: string): string {
  const value = params[name];
  return typeof value === 'number' ? formatExactTime(value, 'en', 'UTC', { seconds: false }) : '?';
}

/**
 * Who the sentence is about: params.subject is 'processOwner' (declared) or 'assignee' (standing in
 * without a declaration), a select a translation can branch on.
 */
function subject(params: MessageParams): string {
  const who = `@${text(params, 'username')}`;
  return params['subject'] === 'assignee' ? `Assignee ${who} (not declared)` : `Process owner ${who}`;
}

const ENGLISH: Record<StaleMessageKey, (p: MessageParams) => string> = {
  'stale.noProcessOwner': (p) => `No process owner for ${duration(p, 'duration')} since escalation`,
  'stale.noProcessOwner.assignee': (p) =>
    `No process owner declared for ${duration(p, 'duration')} since escalation; assignee @${text(p, 'assignee')} is not declared`,
  'stale.noProcessOwner.released': (p) =>
    `No process owner for ${duration(p, 'duration')} since escalation; @${text(p, 'releasedBy')} released the role ${duration(p, 'releasedFor')} ago`,
  'stale.noProcessOwner.unknownUser': (p) =>
    `No process owner for ${duration(p, 'duration')} since escalation; the declared @${text(p, 'username')} is not an account on this instance`,
  'stale.notAcknowledged': (p) =>
    `Process owner @${text(p, 'username')} has not acknowledged in ${duration(p, 'duration')} since being declared`,
  'stale.ownerSilent': (p) => `${subject(p)} has written nothing on the task for ${duration(p, 'duration')}`,
  'stale.ownerUnavailable.disabled': (p) => `${subject(p)} has a disabled account`,
  'stale.ownerUnavailable.departed': (p) => `${subject(p)} has left, according to the owners registry`,
  'stale.ownerUnavailable.away': (p) => `${subject(p)} is away until ${moment(p, 'until')}`,
  'stale.ownerUnavailable.awayUnknownEnd': (p) => `${subject(p)} is away`,
  'stale.escalationAge': (p) => `Unbreak Now! for ${duration(p, 'duration')}`,
};

export function englishMessage(message: Message): string {
  return ENGLISH[message.key](message.params);
}
