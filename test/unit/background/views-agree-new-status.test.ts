// Every view agrees when the instance changes under the worker's day-old knowledge of it, and when a
// declaration is touched up later. Views compared at one clock (Date.now frozen at the stand-in's): the
// banner (the worker's answer to a Retry), the popup rows and the badge's gate count, the UBN! review page,
// and `steward gate` / `steward report` run in process.
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

const SCENARIO: Scenario = {
  name: 'views agree after the instance changed',
  now: '2026-11-26T12:00:00Z',
  users: [
    { username: 'alice', realName: 'Alice' },
    { username: 'bob', realName: 'Bob' },
  ],
  tasks: [
    // Escalated 6 h ago, nobody declared: past rule 1 in every view.
    {
      id: 1,
      author: 'alice',
      dateCreated: '-1d',
      history: [...created('moved to a new open status', '-1d'), raised('alice', '-6h')],
    },
    {
      id: 2,
      author: 'alice',
      dateCreated: '-1d',
      history: [...created('closed with a new status', '-1d'), raised('alice', '-6h')],
    },
    // Declared 5 h ago, acknowledged 4 h ago; the declaration's comment gets a link added later.
    {
      id: 3,
      author: 'alice',
      dateCreated: '-1d',
      history: [
        ...created('typo fixed', '-1d'),
        raised('alice', '-6h'),
        c('alice', '-5h', 'Process owner: @bob'),
        c('bob', '-4h', 'On it.'),
      ],
    },
  ],
};

let site: Standin;
let start: number;
let settings: Awaited<ReturnType<typeof views.settingsFor>>;
beforeAll(async () => {
  site = await startStandin({ port: 0, scenario: SCENARIO });
  start = site.clock.now();
  await views.connect(site, (o) => fake.current!.grant(o));
  settings = await views.settingsFor(site.url);
  // Every view has seen the world once (the worker caches the instance's statuses for a day).
  const first = await views.compareAll(site, settings, [1, 2, 3]);
  expect(first.differences).toEqual({});
  expect(first.gateCount).toBe(2);
});
afterAll(() => site.close());

describe('a status the instance added after the worker cached its statuses', () => {
  // An administrator adds an open status "Investigating" and moves T1 (UBN!, nobody declared for 6 h) to
  // it. The worker's statuses are a day old: a status they do not list is read for at once, so the badge,
  // the popup and the review page keep T1 as `steward gate` does.
  it('T1 moved to a new open status: the badge, the popup and the review page keep it, as `steward gate` does', async () => {
    site.state.world.vocabulary.statuses.push({
      name: 'Investigating',
      value: 'investigating',
      closed: false,
    });
    site.clock.advance(60);
    await views.edit(site, 'alice', 'T1', [{ type: 'status', value: 'investigating' }]);
    site.clock.advance(60);
    const r = await views.compareAll(site, settings, [1, 2]);
    const cliGate = r.got.get('cli-gate')!;
    expect(cliGate.get(1)!.gate).toBe(true); // the CLI blocks the train on T1
    expect(r.got.get('banner')!.get(1)!.gate).toBe(true); // and so does the banner's finding
    const cliBlocking = [...cliGate.values()].filter((f) => f.gate).length; // T1 and T2
    expect(r.gateCount).toBe(cliBlocking);
    expect(r.got.get('popup')!.get(1)!.open).toBe(true);
    expect(r.got.get('review')!.get(1)!.open).toBe(true);
  });

  // T2 is closed with a closed status "Fixed upstream" added that morning: the banner no longer shows an
  // open UBN! past rule 1 on it, as `steward report` and the popup do not.
  it('T2 closed with a new closed status: the banner shows it closed, as the CLI and the popup do', async () => {
    site.state.world.vocabulary.statuses.push({
      name: 'Fixed upstream',
      value: 'fixedupstream',
      closed: true,
    });
    site.clock.advance(60);
    await views.edit(site, 'alice', 'T2', [{ type: 'status', value: 'fixedupstream' }]);
    site.clock.advance(60);
    const r = await views.compareAll(site, settings, [2]);
    expect(r.got.get('cli-report')!.get(2)!.open).toBe(false);
    expect(r.got.get('popup')!.get(2)!.open).toBe(false);
    expect(views.strip(r.got.get('banner')!.get(2)!)).toEqual(views.strip(r.got.get('cli-report')!.get(2)!));
  });
});

describe('the escalation timeline against the process-owner words', () => {
  // Alice added a link to her declaration an hour ago, after Bob had answered: the words say acknowledged
  // since it was posted 5 hours ago, and the timeline (the banner's strip, the review page's chart row)
  // shows the same, not "no process owner" until the edit.
  it('a link added to the declaration later: the timeline dates the role from the post, as the words do', async () => {
    const now = site.clock.now();
    site.clock.set(now - 3600);
    editComment(
      site,
      3,
      'Process owner: @bob',
      'Process owner: @bob (see [[ https://wiki.example/po | role ]])',
    );
    site.clock.set(now);
    await views.syncClock(site);
    const { answerContext } = await import('../../../src/background/context-answer');
    const { clientFor } = await import('../../../src/background/instance-client');
    const banner = await answerContext(settings, site.url, () => clientFor(settings, site.url), {
      taskId: 3,
      refresh: true,
      settle: true,
    });
    const declaredAt = banner.processOwner!.declaredAt!;
    expect(banner.processOwner?.state).toBe('acknowledged');
    expect(declaredAt).toBe(start - 5 * 3600); // when it was posted
    const review = await import('../../../src/background/review');
    const listed = await review.reviewOpen(settings, site.url, true);
    const rows = [...listed.rows, ...(await review.reviewFetch(settings, site.url, listed.pending))];
    for (const timeline of [banner.timeline!, rows.find((r) => r.task.id === 3)!.timeline!]) {
      // Nobody in charge only until the declaration, as the words say.
      const none = timeline.segments.filter((s) => s.kind === 'none');
      expect(none.map((s) => [s.start, s.end])).toEqual([[timeline.start, declaredAt]]);
    }
  });
});
