// The review page's worker side in node against the stand-in's demo world: nothing from an empty cache,
// the open-UBN! list and then the missing histories, the first screenful from the cache without a single
// Conduit call, and the resolved weeks. IndexedDB is fake-indexeddb; the WebExtension APIs a fake.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { apiTokenFor } from '../../standin/ids';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { reviewFetch, reviewOpen, reviewResolved } = await import('../../../src/background/review');
const { resolvedWeeks } = await import('../../../src/core/escalation/resolved-weeks');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { parseSettings } = await import('../../../src/shared/settings');

const WORLD = resolve(import.meta.dirname, '../../standin/scenarios/demo.json');
const REGISTRY = readFileSync(
  resolve(import.meta.dirname, '../../standin/scenarios/demo-registry.yaml'),
  'utf8',
);
const OPEN_UBN = [1001, 1002, 1003, 1004, 1005];
const HOUR = 3600;

let site: Standin;
let settings: ReturnType<typeof settingsFor>;

function settingsFor(origin: string) {
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: origin, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'demo', name: 'Demo registry', text: REGISTRY }] },
    // Nothing watched: the review page shows every open UBN! all the same.
    watch: { allUbn: false, myComponents: false },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.settings;
}

beforeAll(async () => {
  site = await startStandin({ port: 0, scenario: WORLD });
  settings = settingsFor(site.url);
  fake.current!.grant(site.url);
  await writeToken(site.url, apiTokenFor('alice'));
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});

afterAll(() => site.close());

describe('review page data', () => {
  it('has nothing from an empty cache, then lists every open UBN! and fetches the missing histories', async () => {
    expect(await reviewOpen(settings, site.url, false)).toMatchObject({ rows: [], pending: [] });
    const listed = await reviewOpen(settings, site.url, true);
    expect(listed.rows).toEqual([]);
    expect([...listed.pending].sort()).toEqual(OPEN_UBN);
    const rows = await reviewFetch(settings, site.url, listed.pending);
    expect(rows.map((r) => r.task.id).sort()).toEqual(OPEN_UBN);
    const t1001 = rows.find((r) => r.task.id === 1001)!;
    expect(t1001.processOwner?.state).toBe('none');
    expect(t1001.components.map((c) => c.name)).toContain('CentralAuth');
    expect(t1001.teams.length).toBeGreaterThan(0);
    // Busy for nine days, nobody declared: one red stretch, a tick per comment, every threshold crossed.
    expect(t1001.timeline?.segments.map((s) => s.kind)).toEqual(['none']);
    expect(t1001.timeline?.ticks.filter((t) => t.kind === 'comment').length).toBeGreaterThanOrEqual(9);
    expect(t1001.timeline?.thresholds.map((t) => [t.label, t.reached])).toEqual([
      ['2h', true],
      ['3d', true],
      ['7d', true],
    ]);
    const t1005 = rows.find((r) => r.task.id === 1005)!;
    expect(t1005.timeline?.segments.at(-1)?.kind).toBe('acknowledged');
  });

  it('answers the first screenful from the cache, longest-running first, without calling Conduit', async () => {
    site.requests.clear();
    const first = await reviewOpen(settings, site.url, false, 2);
    expect(first.rows.map((r) => r.task.id)).toEqual([1001, 1002]);
    const all = await reviewOpen(settings, site.url, false);
    expect(all.rows).toHaveLength(5);
    expect(all.pending).toEqual([]);
    expect(site.requests.conduitCalls()).toEqual([]);
  });

  it('after a poll, reads only the histories of the first screenful, in the same order', async () => {
    const { pollInstance } = await import('../../../src/background/poll');
    await pollInstance(settings, site.url, { force: true });
    const reads: string[] = [];
    const original = { get: IDBObjectStore.prototype.get, getAll: IDBObjectStore.prototype.getAll };
    const get = vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['get']>
    ) {
      reads.push(`get ${this.name}`);
      return original.get.apply(this, args);
    });
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['getAll']>
    ) {
      reads.push(`getAll ${this.name}`);
      return original.getAll.apply(this, args);
    });
    let first;
    try {
      first = await reviewOpen(settings, site.url, false, 2);
    } finally {
      get.mockRestore();
      getAll.mockRestore();
    }
    expect(first.rows.map((r) => r.task.id)).toEqual([1001, 1002]);
    expect(reads.filter((r) => r.endsWith(' tasks'))).toEqual(['get tasks', 'get tasks']);
    const all = await reviewOpen(settings, site.url, false);
    expect(first.rows).toEqual(all.rows.filter((r) => r.task.id === 1001 || r.task.id === 1002));
  });

  it('measures the UBN!s resolved in the last 12 weeks, reading the missing histories by ids', async () => {
    const listed = await reviewResolved(settings, site.url);
    expect(listed.weeks).toBe(12);
    expect(listed.pending.length).toBeGreaterThan(0);
    const read = await reviewResolved(settings, site.url, listed.pending);
    expect(read.pending).toEqual([]);
    // Once read, the histories are in the cache: the list answers every task at once.
    const view = await reviewResolved(settings, site.url);
    expect(view.pending).toEqual([]);
    expect(view.tasks).toHaveLength(10);
    expect(new Set([...listed.tasks, ...read.tasks].map((t) => t.id))).toEqual(
      new Set(view.tasks.map((t) => t.id)),
    );
    expect(resolvedWeeks(view.tasks, view.now, view.weeks).reduce((n, w) => n + w.resolved, 0)).toBe(10);
    const byId = new Map(view.tasks.map((t) => [t.id, t]));
    expect(byId.get(1101)?.toFirstOwner).toBeNull();
    expect(byId.get(1102)?.toFirstOwner).toBe(50 * HOUR);
    expect(byId.get(1109)?.toFirstOwner).toBe(HOUR);
    expect(byId.get(1007)?.toResolution).toBe(2 * 24 * HOUR);
  });

  it('gives each resolved task the tags, components and steward teams the open rows carry', async () => {
    const view = await reviewResolved(settings, site.url);
    const open = await reviewOpen(settings, site.url, false);
    const openTeams = new Set(open.rows.flatMap((r) => r.teams));
    expect(view.tasks.every((t) => t.projects.length > 0)).toBe(true);
    expect(view.tasks.some((t) => t.components.length > 0)).toBe(true);
    const teams = new Set(view.tasks.flatMap((t) => t.teams));
    expect(teams.size).toBeGreaterThan(0);
    // Teams only, by the same names as the open view's filter: no tag PHIDs, no people.
    expect(view.tasks.flatMap((t) => t.projects).some((p) => p.startsWith('PHID-'))).toBe(false);
    expect(teams.has('frank')).toBe(false);
    expect([...teams].every((team) => /Team|Engineering|Reliability/.test(team))).toBe(true);
    expect([...teams].some((team) => openTeams.has(team))).toBe(true);
  });

  it('offers only teams in the team filter, not people named as stewards', async () => {
    const view = await reviewOpen(settings, site.url, false);
    const stewards = new Set(view.rows.flatMap((r) => r.components.flatMap((c) => c.stewards)));
    const teams = new Set(view.rows.flatMap((r) => r.teams));
    expect(teams.size).toBeGreaterThan(0);
    expect([...teams].every((team) => /Team|Engineering|Reliability/.test(team))).toBe(true);
    expect(teams.has('frank')).toBe(false);
    expect(stewards.size).toBeGreaterThanOrEqual(teams.size);
  });

  it('counts in the weeks shown exactly the tasks it lists, from the first Monday shown', async () => {
    for (const weeks of [1, 2, 12]) {
      const view = await reviewResolved(settings, site.url, undefined, weeks);
      const counted = resolvedWeeks(view.tasks, view.now, view.weeks);
      const firstMonday = counted[0]!.weekStart;
      expect(view.tasks.every((t) => t.resolvedAt >= firstMonday)).toBe(true);
      expect(counted.reduce((n, w) => n + w.resolved, 0)).toBe(view.tasks.length);
    }
  });

  // Last: it closes a task of the shared world.
  it('shows in the first screen what the last poll saw: a declared owner at once, a closed task no more', async () => {
    const { pollInstance } = await import('../../../src/background/poll');
    const edit = (task: string, transactions: unknown[]) =>
      fetch(`${site.url}/api/maniphest.edit`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: task, transactions, __conduit__: { token: apiTokenFor('alice') } }))}`,
      });
    const before = await reviewOpen(settings, site.url, false, 2);
    expect(before.rows.map((r) => r.task.id)).toEqual([1001, 1002]);
    expect(before.rows[1]!.processOwner?.person?.username).not.toBe('alice');
    await edit('T1002', [{ type: 'comment', value: 'Process owner: @alice' }]);
    await edit('T1001', [{ type: 'status', value: 'resolved' }]);
    site.clock.advance(2);
    setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
    await pollInstance(settings, site.url, { force: true });
    const after = await reviewOpen(settings, site.url, false, 2);
    expect(after.rows.map((r) => r.task.id)).not.toContain(1001);
    expect(after.rows[0]!.task.id).toBe(1002);
    // Declared in alice's own comment: declared and acknowledged at once.
    expect(after.rows[0]!.processOwner).toMatchObject({
      state: 'acknowledged',
      person: { username: 'alice' },
    });
    // The list read again from Phabricator, which replaces the first screen on the page, agrees with it.
    const fresh = await reviewOpen(settings, site.url, true);
    expect(fresh.rows.map((r) => r.task.id)).not.toContain(1001);
    expect(fresh.rows.find((r) => r.task.id === 1002)?.processOwner).toEqual(after.rows[0]!.processOwner);
    // With Phabricator out of reach the whole list comes from the cache: the task closed is not in it either.
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      body: JSON.stringify({ method: '*', kind: '500', times: 1000 }),
    });
    try {
      const cached = await reviewOpen(settings, site.url, true).catch(() =>
        reviewOpen(settings, site.url, false),
      );
      expect(cached.rows.map((r) => r.task.id)).toContain(1002);
      expect(cached.rows.map((r) => r.task.id)).not.toContain(1001);
    } finally {
      await fetch(`${site.url}/__standin/faults`, { method: 'POST', body: JSON.stringify({ clear: true }) });
    }
  });
});
