// The one decision about the cache: may it answer a banner, and must Phabricator be asked afterwards.
import { describe, expect, it } from 'vitest';
import type { TaskTransaction } from '../../../src/core/model';
import type { TaskEntry } from '../../../src/background/db';
import type { KnownUserEntry } from '../../../src/background/users';
import { pageHeldBy } from '../../../src/shared/page-freshness';
import {
  cachedBasis,
  judge,
  peopleDue,
  PEOPLE_RECHECK_SECONDS,
  type CachedFacts,
} from '../../../src/background/freshness';
import type { PageFacts } from '../../../src/messages';

const NOW = 1_800_000_000;

const tx = (id: number): TaskTransaction => ({
  id,
  phid: `PHID-XACT-TASK-${id}`,
  type: 'comment',
  authorPHID: 'PHID-USER-alice',
  objectPHID: 'PHID-TASK-14',
  dateCreated: NOW - 1000 + id,
  dateModified: NOW - 1000 + id,
  comments: [],
  fields: {},
});

const entry = (over: Partial<TaskEntry['snapshot']> = {}): TaskEntry => ({
  origin: 'https://phab.example',
  id: 14,
  snapshot: {
    id: 14,
    phid: 'PHID-TASK-14',
    title: 'Login broken',
    status: { value: 'open', name: 'Open' },
    priority: { value: 100, name: 'Unbreak Now!' },
    ownerPHID: 'PHID-USER-bob',
    authorPHID: 'PHID-USER-alice',
    dateCreated: NOW - 5000,
    dateModified: NOW - 100,
    dateClosed: null,
    projectPHIDs: ['PHID-PROJ-ca'],
    subscriberPHIDs: [],
    ...over,
  },
  history: [tx(150), tx(155)],
  historyModified: NOW - 100,
  fetchedAt: NOW - 3600,
});

const user = (phid: string, username: string, fetchedAt = NOW - 60): KnownUserEntry => ({
  origin: 'https://phab.example',
  phid,
  fetchedAt,
  user: { phid, username, realName: username, roles: [], availability: { value: 'available', until: null } },
});

const known: CachedFacts = {
  vocabulary: {
    priorities: [{ value: 100, name: 'Unbreak Now!', keywords: ['unbreak'] }],
    statuses: [
      { value: 'open', name: 'Open', closed: false },
      { value: 'resolved', name: 'Resolved', closed: true },
    ],
  },
  projects: [
    { phid: 'PHID-PROJ-ca', name: 'CentralAuth', slug: 'centralauth' } as CachedFacts['projects'][number],
  ],
  users: [user('PHID-USER-bob', 'bob')],
  viewerKnown: true,
};

const page = (over: Partial<PageFacts> = {}): PageFacts => ({
  phid: 'PHID-TASK-14',
  title: 'Login broken',
  newestTransaction: 155,
  priority: 'Unbreak Now!',
  status: 'Open',
  closed: false,
  assignee: 'bob',
  tags: [{ name: 'CentralAuth', slug: 'centralauth' }],
  ...over,
});

describe('judge', () => {
  it('a page that shows nothing newer than the cached history: current, however old the cache', () => {
    expect(judge(entry(), page(), known, NOW)).toEqual({ kind: 'current' });
  });

  it('a page with a newer transaction: behind', () => {
    expect(judge(entry(), page({ newestTransaction: 156 }), known, NOW).kind).toBe('behind');
  });

  it('a page older than the cache (a poll saw more since): current, its header is the older one', () => {
    expect(judge(entry(), page({ newestTransaction: 150, assignee: null }), known, NOW)).toEqual({
      kind: 'current',
    });
  });

  it.each([
    ['priority', page({ priority: 'High' })],
    ['status', page({ status: 'Stalled' })],
    ['status', page({ closed: true, status: 'Closed, Resolved', priority: null })],
    ['assignee', page({ assignee: 'carol' })],
    ['assignee', page({ assignee: null })],
    ['tags', page({ tags: [] })],
    ['tags', page({ tags: [{ name: 'Security', slug: 'security' }] })],
  ])('a header that disagrees (%s) with no transaction id to compare: behind', (reason, facts) => {
    expect(judge(entry(), { ...facts, newestTransaction: null }, known, NOW)).toEqual({
      kind: 'behind',
      reason,
    });
  });

  it('a header that disagrees with the same newest transaction: answer and check, at most once a minute', () => {
    // Every change is a transaction: the difference is one of reading, not of news.
    expect(judge(entry(), page({ priority: 'High' }), known, NOW)).toEqual({ kind: 'check' });
    expect(judge({ ...entry(), fetchedAt: NOW - 10 }, page({ priority: 'High' }), known, NOW)).toEqual({
      kind: 'current',
    });
  });

  it('a milestone tag (no slug, shown under its parent) is matched by count', () => {
    expect(
      judge(entry(), page({ tags: [{ name: 'CentralAuth (Sprint 3)', slug: null }] }), known, NOW),
    ).toEqual({
      kind: 'current',
    });
  });

  it('no transaction to compare but an agreeing header: answer, then check', () => {
    expect(judge(entry(), page({ newestTransaction: null }), known, NOW)).toEqual({ kind: 'check' });
  });

  it('without the page: current for a minute after the task was read, then answer and check', () => {
    const fresh = { ...entry(), fetchedAt: NOW - 30 };
    expect(judge(fresh, undefined, known, NOW)).toEqual({ kind: 'current' });
    expect(judge(entry(), undefined, known, NOW)).toEqual({ kind: 'check' });
  });

  it('nothing cached, a history of an older version, or no vocabulary: unseen', () => {
    expect(judge(undefined, page(), known, NOW).kind).toBe('unseen');
    expect(judge({ ...entry(), historyModified: NOW - 200 }, page(), known, NOW).kind).toBe('unseen');
    expect(judge({ ...entry(), history: null }, page(), known, NOW).kind).toBe('unseen');
    expect(judge(entry(), page(), { ...known, vocabulary: null }, NOW).kind).toBe('unseen');
  });
});

describe('peopleDue', () => {
  it('reads people again once their availability is older than the recheck period, or never read', () => {
    expect(peopleDue([user('PHID-USER-bob', 'bob')], 0, NOW)).toBe(false);
    expect(peopleDue([user('PHID-USER-bob', 'bob', NOW - PEOPLE_RECHECK_SECONDS)], 0, NOW)).toBe(true);
    expect(peopleDue([], 1, NOW)).toBe(true);
  });
});

describe('before the page is read', () => {
  it('cachedBasis: the newest transaction of a current cached history', () => {
    expect(cachedBasis(entry(), known)).toBe(155);
  });

  it('cachedBasis: nothing to stand on without a current history, a vocabulary or any transaction', () => {
    expect(cachedBasis(undefined, known)).toBeNull();
    expect(cachedBasis({ ...entry(), historyModified: NOW - 500 }, known)).toBeNull();
    expect(cachedBasis({ ...entry(), history: null }, known)).toBeNull();
    expect(cachedBasis({ ...entry(), history: [] }, known)).toBeNull();
    expect(cachedBasis(entry(), { ...known, vocabulary: null })).toBeNull();
  });

  it('pageHeldBy: the page may show the cached answer when its newest transaction is one the cache holds', () => {
    expect(pageHeldBy(155, 155)).toBe(true);
    expect(pageHeldBy(150, 155)).toBe(true);
    expect(pageHeldBy(156, 155)).toBe(false);
    // A page whose timeline could not be read proves nothing.
    expect(pageHeldBy(null, 155)).toBe(false);
    expect(pageHeldBy(1, 0)).toBe(false);
  });

  it('judge and the page agree: where the page shows the early answer, the worker answers from the cache', () => {
    for (const newest of [140, 150, 155, 156, 200]) {
      const shown = pageHeldBy(newest, cachedBasis(entry(), known)!);
      const verdict = judge(entry(), page({ newestTransaction: newest }), known, NOW).kind;
      expect(shown).toBe(verdict === 'current' || verdict === 'check');
    }
  });
});

// Phorge draws one author's transactions less than 2 minutes apart as one timeline group, named by its
// strongest transaction (the captured T14 page: anchor #155, a priority change, shows comment #156 too).
describe('a timeline group named by a transaction that is not its newest', () => {
  // #150 is an hour older; #155 raised the task at NOW - 845, and the cache read the history `after`
  // seconds later.
  const readSoonAfter = (after: number): TaskEntry => ({
    ...entry(),
    history: [{ ...tx(150), dateCreated: NOW - 4000 }, tx(155)],
    historyReadAt: NOW - 845 + after,
  });

  it('a history read within 2 minutes of the anchor does not hold a page showing that anchor', () => {
    // A comment posted a minute after the raise is in #155's group, and this history may lack it.
    expect(judge(readSoonAfter(30), page({ newestTransaction: 155 }), known, NOW)).toEqual({
      kind: 'behind',
      reason: 'newest group read too soon',
    });
    // Nor may the page draw the early answer whole: its basis stops before the anchor.
    expect(cachedBasis(readSoonAfter(30), known)).toBe(150);
    expect(pageHeldBy(155, cachedBasis(readSoonAfter(30), known)!)).toBe(false);
  });

  it('a history read more than 2 minutes after the anchor holds everything its group can show', () => {
    expect(judge(readSoonAfter(121), page({ newestTransaction: 155 }), known, NOW)).toEqual({
      kind: 'current',
    });
    expect(cachedBasis(readSoonAfter(121), known)).toBe(155);
  });

  it('a group that ends in a comment is closed: a history read right after it holds it', () => {
    const commented = readSoonAfter(30);
    commented.history = [
      commented.history![0]!,
      {
        ...tx(155),
        comments: [
          {
            id: 1,
            version: 1,
            authorPHID: 'PHID-USER-alice',
            dateCreated: NOW - 845,
            dateModified: NOW - 845,
            removed: false,
            content: { raw: 'Process owner: @alice' },
          },
        ],
      },
    ];
    expect(judge(commented, page({ newestTransaction: 155 }), known, NOW)).toEqual({ kind: 'current' });
    expect(cachedBasis(commented, known)).toBe(155);
  });

  it('an older anchor is held by a history read soon after a newer one', () => {
    expect(judge(readSoonAfter(30), page({ newestTransaction: 150 }), known, NOW)).toEqual({
      kind: 'current',
    });
  });
});
