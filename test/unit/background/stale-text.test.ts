// Every stale finding core can state has a string in _locales, and in English it reads exactly as core's
// own sentence: the popup and notifications say the same thing the report CLI says.
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { mergedCatalog } from '../../../scripts/locales';
import { englishMessage, type Message, type StaleMessageKey } from '../../../src/core/escalation/messages';

const catalog = mergedCatalog(resolve(import.meta.dirname, '../../..'));
vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: {
      getUILanguage: () => 'en',
      getMessage: (key: string, subs: string[] = []) =>
        (catalog[key]?.message ?? '').replace(/\$(\d)/g, (_: string, d: string) => subs[Number(d) - 1] ?? ''),
    },
  },
}));
const { findingText, reminderMessage } = await import('../../../src/background/stale-text');

const cases: Message[] = [
  { key: 'stale.noProcessOwner', params: { duration: 6 * 86400 } },
  { key: 'stale.noProcessOwner.assignee', params: { duration: 3 * 3600, assignee: 'carol' } },
  {
    key: 'stale.noProcessOwner.released',
    params: { duration: 25 * 3600, releasedBy: 'bob', releasedFor: 69 * 60 },
  },
  { key: 'stale.notAcknowledged', params: { username: 'bob', duration: 4 * 3600 } },
  { key: 'stale.noProcessOwner.unknownUser', params: { username: 'nobody', duration: 4 * 3600 } },
  ...(['processOwner', 'assignee'] as const).flatMap((subject): Message[] => [
    { key: 'stale.ownerSilent', params: { subject, username: 'erin', duration: 26 * 3600 } },
    { key: 'stale.ownerUnavailable.disabled', params: { subject, username: 'dave' } },
    { key: 'stale.ownerUnavailable.departed', params: { subject, username: 'gina' } },
    { key: 'stale.ownerUnavailable.away', params: { subject, username: 'carol', until: 1796212800 } },
    { key: 'stale.ownerUnavailable.awayUnknownEnd', params: { subject, username: 'carol' } },
  ]),
  { key: 'stale.escalationAge', params: { duration: 8 * 86400 } },
];

const finding = (message: Message) => ({ message, text: '(fallback)' }) as never;

describe('stale findings in _locales', () => {
  it('covers every message core can state', () => {
    const keys = new Set<StaleMessageKey>(cases.map((c) => c.key));
    expect(keys.size).toBe(11);
  });

  it.each(cases.map((c) => [`${c.key} ${String(c.params.subject ?? '')}`, c] as const))(
    '%s reads as core says it',
    (_, message) => {
      expect(findingText(finding(message))).toBe(englishMessage(message));
    },
  );

  it('words a reminder with the team to reach', () => {
    const reminder = {
      headline: finding({ key: 'stale.escalationAge', params: { duration: 8 * 86400 } }),
      contact: {
        team: 'Release Engineering',
        contacts: [
          { kind: 'list', value: 'releng@lists.example.org' },
          { kind: 'channel', value: '#releng' },
        ],
      },
    } as never;
    expect(reminderMessage(reminder)).toBe(
      'Unbreak Now! for 8 days. Reach Release Engineering (mailing list releng@lists.example.org, channel #releng).',
    );
    expect(reminderMessage({ ...(reminder as object), contact: null } as never)).toBe(
      'Unbreak Now! for 8 days. No team owns it: name one.',
    );
  });
});
