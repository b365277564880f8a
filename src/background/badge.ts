// The toolbar badge: how many watched UBN! tasks are stale, coloured by the worst; a distinct state when
// the deploy gate is on ("block the train"), and another when Steward cannot reach Phabricator.
import { stripBidiControls } from '../shared/bidi-controls';
import browser from 'webextension-polyfill';
import type { ConnectionState, Severity } from '../messages';

export interface BadgeInput {
  configured: boolean;
  connection: ConnectionState;
  staleCount: number;
  worst: Severity | null;
  gateCount: number;
}

export interface BadgeLook {
  text: string;
  color: string;
  title: string;
}

const COLORS = {
  critical: '#b3261e',
  warning: '#8a4b00',
  info: '#1f5fa8',
  gate: '#5c0011',
  trouble: '#5f6368',
};

export function badgeLook(input: BadgeInput): BadgeLook {
  if (!input.configured)
    return { text: '', color: COLORS.trouble, title: 'Steward: set up your Phabricator in the options' };
  if (input.connection !== 'ok') {
    const why: Record<ConnectionState, string> = {
      ok: '',
      'not-configured': 'set up your Phabricator in the options',
      'no-permission': 'allow access to your Phabricator in the options',
      'signed-out': 'sign in to Phabricator',
      'invalid-token': 'the API token was refused; replace it in the options',
      unreachable: 'cannot reach Phabricator',
    };
    const text = input.connection === 'unreachable' ? '?' : '!';
    return { text, color: COLORS.trouble, title: `Steward: ${why[input.connection]}` };
  }
  if (input.gateCount > 0) {
    const tasks = input.gateCount === 1 ? '1 UBN! task has' : `${input.gateCount} UBN! tasks have`;
    return {
      text: `⛔${input.gateCount}`,
      color: COLORS.gate,
      title: `Steward: ${tasks} no process owner: block the train`,
    };
  }
  if (input.staleCount === 0)
    return { text: '', color: COLORS.info, title: 'Steward: no stale Unbreak Now! task' };
  return {
    text: String(input.staleCount),
    color: COLORS[input.worst ?? 'info'],
    title: `Steward: ${input.staleCount} stale Unbreak Now! task${input.staleCount === 1 ? '' : 's'}`,
  };
}

export async function showBadge(input: BadgeInput): Promise<BadgeLook> {
  const look = badgeLook(input);
  await browser.action.setBadgeText({ text: look.text });
  await browser.action.setBadgeBackgroundColor({ color: look.color });
  await browser.action.setTitle({ title: stripBidiControls(look.title) });
  return look;
}
