// A notification cannot isolate part of its line: bidi controls from a task title or a team name are
// dropped, so "\u202E" in a title does not reverse the rest of the notification; control characters and
// line separators become one space, so a title or team name stays on one line.
import { describe, expect, it, vi } from 'vitest';
import type { StaleFinding } from '../../../src/core/escalation/staleness';
import type { Reminder } from '../../../src/core/reminders/policy';

vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: { getUILanguage: () => 'en', getMessage: () => '' },
    runtime: { getURL: (p: string) => p },
    notifications: { create: () => Promise.resolve('') },
  },
}));
const { notificationId, parseDigestId, parseNotificationId, recentNotifications, reminderText, showDigest } =
  await import('../../../src/background/notifications');

const headline: StaleFinding = {
  rule: 'escalation-age',
  severity: 'warning',
  threshold: '3d',
  supersedes: [],
  occurrence: 'escalated@1',
  firedAt: 1,
  message: { key: 'stale.escalationAge', params: { duration: 3 * 86400 } },
  text: 'Unbreak Now! for 3 days',
};

describe('notification text', () => {
  it('drops bidi controls from the title and the body', () => {
    const reminder = {
      taskId: 14,
      title: 'Login \u202Ebroken\u2066 everywhere',
      severity: 'warning',
      headline,
      findings: [headline],
      contact: { team: 'Auth \u202BTeam', contacts: [] },
      keys: [],
      message: { key: 'reminder.task', params: {} },
      text: '',
    } satisfies Reminder;
    const { title, message } = reminderText(reminder);
    expect(title).toBe('T14: Login broken everywhere');
    expect(message).toBe('Unbreak Now! for 3 days. Reach Auth Team.');
  });
});

describe('notification text with control characters', () => {
  // C0/C1 controls and the Unicode line and paragraph separators: each breaks a one-line notification
  // (a newline pushes the rest of the title below the fold) or shows as tofu.
  // eslint-disable-next-line no-control-regex
  const LINE_BREAKING = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

  function reminder(title: string, team = 'Auth Team'): Reminder {
    return {
      taskId: 14,
      title,
      severity: 'warning',
      headline,
      findings: [headline],
      contact: { team, contacts: [] },
      keys: [],
      message: { key: 'reminder.task', params: {} },
      text: '',
    };
  }

  it('a title with newlines, a carriage return, a tab or NUL stays one line, each run one space', () => {
    const { title } = reminderText(reminder('Login fails\n\nIgnore this: all fine\r\u0000\u0007\tnow'));
    expect(title).not.toMatch(LINE_BREAKING);
    expect(title).toBe('T14: Login fails Ignore this: all fine now');
  });

  it('a title with U+2028 (line separator) or U+2029 (paragraph separator) stays one line', () => {
    expect(reminderText(reminder('Login fails\u2028everywhere\u2029\u0085now')).title).toBe(
      'T14: Login fails everywhere now',
    );
  });

  it('a title ending in a newline leaves no trailing space', () => {
    expect(reminderText(reminder('Login fails\n')).title).toBe('T14: Login fails');
  });

  it('a long title of control characters is cleaned before it is cut', () => {
    const { title } = reminderText(reminder(`${'\n'.repeat(200)}Login fails`));
    expect(title).toBe('T14: Login fails');
  });

  it('a team name with a newline (a YAML block scalar) does not break the message into lines', () => {
    const { message } = reminderText(reminder('Login fails', 'Auth\nTeam\n'));
    expect(message).not.toMatch(LINE_BREAKING);
    expect(message).toBe('Unbreak Now! for 3 days. Reach Auth Team.');
  });

  it('the digest is one line too', async () => {
    await showDigest('https://phab.example.org', '4 watched UBN! tasks\r\nneed attention\u2028');
    expect(recentNotifications.at(-1)?.message).toBe('4 watched UBN! tasks need attention');
  });
});

describe('a long task title in a notification', () => {
  it('is cut between characters, never inside one, and marked as cut', () => {
    const reminder = {
      taskId: 14,
      // A title of emoji (each two UTF-16 units): cutting at an odd unit would split one in half (shown as �).
      title: '🔥'.repeat(100),
      severity: 'warning',
      headline,
      findings: [headline],
      contact: null,
      keys: [],
      message: { key: 'reminder.task', params: {} },
      text: '',
    } satisfies Reminder;
    const { title } = reminderText(reminder);
    expect(title.startsWith('T14: 🔥')).toBe(true);
    expect(title.endsWith('🔥…')).toBe(true);
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe('notification ids', () => {
  it("a digest names its instance (its click opens that instance's review page), a reminder its task", () => {
    expect(parseDigestId('steward|digest|https://phab.example.org')).toBe('https://phab.example.org');
    expect(parseNotificationId('steward|digest|https://phab.example.org')).toBeNull();
    const id = notificationId('https://phab.example.org', 14, 'T14|rule-1');
    expect(parseNotificationId(id)).toEqual({ origin: 'https://phab.example.org', taskId: 14 });
    expect(parseDigestId(id)).toBeNull();
    for (const bad of ['steward|digest|javascript:alert(1)', 'steward|digest|', 'other|digest|https://x.org'])
      expect(parseDigestId(bad)).toBeNull();
  });
});
