import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { contactViews, safeHref } = await import('../../../src/background/views');
const { parseNotificationId, notificationId } = await import('../../../src/background/notifications');

describe('links that reach the UI', () => {
  it('are http(s) or mailto only', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>')).toBeNull();
    expect(safeHref('https://lists.example.org/releng')).toBe('https://lists.example.org/releng');
    expect(safeHref('mailto:releng@example.org')).toBe('mailto:releng@example.org');
  });

  it('turn team contacts into labelled links, hostile ones into text', () => {
    expect(
      contactViews(
        {
          list: 'releng@lists.example.org',
          chat: 'javascript:alert(1)',
          tag: 'Release-Engineering-Team',
          url: 'https://wiki.example.org/RelEng',
        },
        'https://phabricator.example.org',
      ),
    ).toEqual([
      { kind: 'list', label: 'releng@lists.example.org', href: 'mailto:releng@lists.example.org' },
      { kind: 'channel', label: 'javascript:alert(1)', href: null },
      {
        kind: 'tag',
        label: '#release-engineering-team',
        href: 'https://phabricator.example.org/tag/release-engineering-team/',
      },
      { kind: 'url', label: 'https://wiki.example.org/RelEng', href: 'https://wiki.example.org/RelEng' },
    ]);
  });
});

describe("a team's contact links, kept per registry", () => {
  it('are worked out once per instance, and each instance gets its own tag link', () => {
    const contacts = { tag: 'Release-Engineering-Team', chat: 'javascript:alert(1)' };
    const first = contactViews(contacts, 'https://phab.one.example');
    // The same team again, as every task of a poll asks: the same answer, not parsed again.
    expect(contactViews(contacts, 'https://phab.one.example')).toBe(first);
    const other = contactViews(contacts, 'https://phab.two.example');
    expect(other.find((c) => c.kind === 'tag')?.href).toBe(
      'https://phab.two.example/tag/release-engineering-team/',
    );
    expect(first.find((c) => c.kind === 'tag')?.href).toBe(
      'https://phab.one.example/tag/release-engineering-team/',
    );
    // Kept or not, a hostile link stays text.
    expect(first.find((c) => c.kind === 'channel')?.href).toBeNull();
  });
});

describe('notification ids', () => {
  it('carry the task so a click opens it after a worker restart', () => {
    const id = notificationId('http://127.0.0.1:8081', 14, 'T14|no-process-owner|2h|escalated@1');
    expect(parseNotificationId(id)).toEqual({ origin: 'http://127.0.0.1:8081', taskId: 14 });
    expect(parseNotificationId('steward|javascript:x|1|k')).toBeNull();
    expect(parseNotificationId('other')).toBeNull();
  });
});
