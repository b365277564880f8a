// The banner, a page view, the popup and badge, the UBN! review page and `steward gate` / `report` agree on
// each task of tricky histories at one clock: open UBN!, escalation start, process owner, findings, gate.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import type { Scenario } from '../../standin/scenario';
import { editComment } from '../../standin/edits';
import type { FakeBrowser } from './fake-browser';
import * as views from './views-agree-support';
import { comment as c, created, raised } from './views-agree-support';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const many = Array.from({ length: 230 }, (_, i) => c('carol', `-${230 - i}m`, `status update ${i}`));

const SCENARIO: Scenario = {
  name: 'cross-view',
  now: '2026-11-26T12:00:00Z',
  users: [
    { username: 'alice', realName: 'Alice' },
    { username: 'bob', realName: 'Bob' },
    { username: 'carol', realName: 'Carol' },
    { username: 'dave', realName: 'Dave', roles: ['disabled'] },
    { username: 'erin', realName: 'Erin', availability: { value: 'away', until: '+2d' } },
  ],
  projects: [{ name: 'Payments', members: ['alice'] }],
  tasks: [
    {
      id: 1,
      author: 'alice',
      dateCreated: '-10d',
      history: [
        ...created('raised lowered raised', '-10d'),
        raised('alice', '-5d'),
        c('alice', '-5d', 'Process owner: @bob'),
        c('bob', '-5d', 'on it'),
        { type: 'priority', by: 'alice', at: '-4d', from: 'unbreak', to: 'high' },
        raised('alice', '-3h', 'high'),
      ],
    },
    {
      id: 2,
      author: 'alice',
      dateCreated: '-3d',
      history: [
        ...created('closed reopened', '-3d'),
        raised('alice', '-3d'),
        { type: 'status', by: 'alice', at: '-2d', from: 'open', to: 'resolved' },
        { type: 'status', by: 'alice', at: '-1h', from: 'resolved', to: 'open' },
      ],
    },
    {
      id: 3,
      author: 'alice',
      dateCreated: '-1d',
      history: [
        ...created('typo fixed', '-1d'),
        raised('alice', '-6h'),
        c('alice', '-5h', 'Process owner: @bob'),
        c('bob', '-4h', 'ack'),
      ],
    },
    {
      id: 4,
      author: 'alice',
      dateCreated: '-1d',
      history: [
        ...created('declaration removed', '-1d'),
        raised('alice', '-6h'),
        c('alice', '-5h', 'Process owner: @carol please'),
        c('carol', '-4h', 'ack'),
      ],
    },
    {
      id: 5,
      author: 'alice',
      dateCreated: '-1d',
      history: [
        ...created('disabled declared', '-1d'),
        raised('alice', '-6h'),
        c('alice', '-5h', 'Process owner: @dave'),
      ],
    },
    {
      id: 6,
      author: 'alice',
      dateCreated: '-1d',
      history: [
        ...created('ghost declared', '-1d'),
        raised('alice', '-6h'),
        c('alice', '-5h', 'Process owner: @ghost'),
      ],
    },
    {
      id: 7,
      author: 'alice',
      dateCreated: '-1d',
      history: [
        ...created('author self', '-1d'),
        raised('alice', '-6h'),
        c('alice', '-5h', 'Process owner: @alice'),
      ],
    },
    {
      id: 8,
      author: 'alice',
      dateCreated: '-1d',
      history: [
        ...created('hand-off', '-1d'),
        raised('alice', '-6h'),
        c('alice', '-5h', 'Process owner: @bob'),
        c('bob', '-3h', 'Handing over.\nProcess owner: @carol'),
      ],
    },
    {
      id: 9,
      author: 'alice',
      dateCreated: '-1d',
      history: [
        ...created('code and quote', '-1d'),
        raised('alice', '-6h'),
        c('alice', '-5h', '```\nProcess owner: @bob\n```\n> Process owner: @carol\n  Process owner: @erin'),
      ],
    },
    {
      id: 10,
      author: 'alice',
      dateCreated: '-1d',
      history: [...created('exactly 2h', '-1d'), raised('alice', '-2h')],
    },
    {
      id: 11,
      author: 'alice',
      dateCreated: '-5d',
      history: [
        ...created('exactly 3d', '-5d'),
        raised('alice', '-3d'),
        c('alice', '-3d', 'Process owner: @alice'),
      ],
    },
    {
      id: 12,
      author: 'alice',
      dateCreated: '-1d',
      history: [
        ...created('long history', '-1d'),
        raised('alice', '-5h'),
        c('alice', '-299m', 'Process owner: @bob'),
        c('bob', '-298m', 'ack'),
        ...many,
      ],
    },
    {
      id: 13,
      author: 'alice',
      dateCreated: '-1d',
      history: [
        ...created('away declared', '-1d'),
        raised('alice', '-6h'),
        c('alice', '-5h', 'Process owner: @erin'),
      ],
    },
    {
      id: 14,
      author: 'alice',
      dateCreated: '-1d',
      history: [
        ...created('assignee only', '-1d'),
        raised('alice', '-6h'),
        { type: 'owner', by: 'alice', at: '-5h', from: null, to: 'bob' },
      ],
    },
    {
      id: 15,
      author: 'alice',
      dateCreated: '-1d',
      history: [
        ...created('released', '-1d'),
        raised('alice', '-3h'),
        c('alice', '-150m', 'Process owner: @bob'),
        c('bob', '-1h', 'Process owner: none'),
      ],
    },
    {
      id: 16,
      author: 'alice',
      dateCreated: '-1d',
      history: [
        ...created('same second', '-1d'),
        c('alice', '-3h', 'Process owner: @bob'),
        raised('alice', '-3h'),
      ],
    },
  ],
};
const IDS = (SCENARIO.tasks ?? []).map((t) => t.id);

let site: Standin;
beforeAll(async () => {
  site = await startStandin({ port: 0, scenario: SCENARIO });
  // T3: the declaration's typo fixed an hour ago (a link added), same person; T4: the comment removed.
  const now = site.clock.now();
  site.clock.set(now - 3600);
  editComment(site, 3, 'Process owner: @bob', 'Process owner: @bob (see [[ https://wiki/po | role ]])');
  editComment(site, 4, 'Process owner: @carol please', null);
  site.clock.set(now);
  await views.connect(site, (o) => fake.current!.grant(o));
  await views.syncClock(site);
});
afterAll(() => site.close());

describe('every view of a task agrees at one clock, on tricky histories', () => {
  // Raised/lowered/raised (T1), closed then reopened (T2), a declaration's link added later (T3), a removed
  // declaration (T4), a disabled (T5) / unknown (T6) / self (T7) declared person, a hand-off (T8), lines in
  // code and quotes (T9), rule 1 exactly at 2 h (T10), age exactly 3 d (T11), 230+ transactions (T12), an
  // away owner (T13), assignee only (T14), a release (T15), a declaration in the escalation's second (T16).
  it('agrees with a cold poll first (legacy batch read), then banner, page view, review page and CLI', async () => {
    const settings = await views.settingsFor(site.url);
    const r = await views.compareAll(site, settings, IDS);
    expect(r.differences).toEqual({});
    expect(r.gateCount).toBe(8);
    expect(r.cliBlocked).toBe(true);
  });
  it('agrees again with the banner first and the cache answering the rest, 5 h later', async () => {
    site.clock.advance(5 * 3600);
    const settings = await views.settingsFor(site.url);
    const r = await views.compareAll(site, settings, IDS, [
      'banner',
      'page',
      'reviewCached',
      'popup',
      'review',
      'cli',
    ]);
    expect(r.differences).toEqual({});
  });
});
