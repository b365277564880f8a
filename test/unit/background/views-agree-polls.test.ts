// Every view of a task agrees through incremental polls: a cold poll first, then edits and a moving clock.
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

/** Escalated 6 h ago, bob declared 5 h ago and acknowledged an hour later. */
const acknowledgedByBob = (id: number, title: string) => ({
  id,
  author: 'alice',
  dateCreated: '-1d',
  history: [
    ...created(title, '-1d'),
    raised('alice', '-6h'),
    c('alice', '-5h', 'Process owner: @bob'),
    c('bob', '-4h', 'ack'),
  ],
});

const SCENARIO: Scenario = {
  name: 'cross-view dynamic',
  now: '2026-11-26T12:00:00Z',
  users: [
    { username: 'alice', realName: 'Alice' },
    { username: 'bob', realName: 'Bob' },
    { username: 'carol', realName: 'Carol' },
  ],
  projects: [{ name: 'Payments', members: ['alice'] }],
  tasks: [
    acknowledgedByBob(1, 'lower raise'),
    acknowledgedByBob(2, 'close reopen'),
    acknowledgedByBob(3, 'typo'),
    {
      id: 4,
      author: 'alice',
      dateCreated: '-1d',
      history: [...created('hand', '-1d'), raised('alice', '-90m')],
    },
  ],
};
const IDS = (SCENARIO.tasks ?? []).map((t) => t.id);

let site: Standin;
beforeAll(async () => {
  site = await startStandin({ port: 0, scenario: SCENARIO });
  await views.connect(site, (o) => fake.current!.grant(o));
});
afterAll(() => site.close());

describe('every view of a task agrees through incremental polls', () => {
  it('lowered and raised, closed and reopened, a link added to a declaration, a new declaration, 2 h and 5 h on', async () => {
    const settings = await views.settingsFor(site.url);
    const log: unknown[] = [];
    let r = await views.compareAll(site, settings, IDS);
    log.push(['t0', r.differences, r.gateCount, r.cliBlocked]);
    site.clock.advance(60);
    await views.edit(site, 'alice', 'T1', [{ type: 'priority', value: 'high' }]);
    site.clock.advance(60);
    await views.edit(site, 'alice', 'T1', [{ type: 'priority', value: 'unbreak' }]);
    await views.edit(site, 'alice', 'T2', [{ type: 'status', value: 'resolved' }]);
    site.clock.advance(60);
    await views.edit(site, 'alice', 'T2', [{ type: 'status', value: 'open' }]);
    editComment(site, 3, 'Process owner: @bob', 'Process owner: @bob (typo fixed)');
    await views.edit(site, 'alice', 'T4', [{ type: 'comment', value: 'Process owner: @carol' }]);
    site.clock.advance(60);
    r = await views.compareAll(site, settings, IDS);
    log.push(['t1', r.differences, r.gateCount, r.cliBlocked]);
    site.clock.advance(2 * 3600);
    r = await views.compareAll(site, settings, IDS, [
      'popup',
      'page',
      'reviewCached',
      'banner',
      'review',
      'cli',
    ]);
    log.push(['t2', r.differences, r.gateCount, r.cliBlocked]);
    site.clock.advance(3 * 3600);
    r = await views.compareAll(site, settings, IDS, [
      'popup',
      'page',
      'reviewCached',
      'banner',
      'review',
      'cli',
    ]);
    log.push(['t3', r.differences, r.gateCount, r.cliBlocked]);
    expect(log.filter((l) => Object.keys((l as unknown[])[1] as object).length > 0)).toEqual([]);
  });
});
