// How the worker answers a banner, in node against the stand-in: from its cache with no request when the
// page shows nothing newer, a partial answer then the whole one for a page newer than the cache, and the
// last good state marked with its age and the problem when Phabricator cannot be asked. Page facts are read
// from the stand-in's own task page with the content script's reader.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PageFacts } from '../../../src/messages';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import { pageFactsOf } from './page-facts-of';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  const fake = createFakeBrowser();
  (globalThis as { fakeBrowser?: unknown }).fakeBrowser = fake;
  return { default: fake.browser };
});

const { answerContext, cachedAnswer } = await import('../../../src/background/context-answer');
const { db } = await import('../../../src/background/db');
const { forgetCachedUsers } = await import('../../../src/background/users');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { clientFor } = await import('../../../src/background/instance-client');
const { parseSettings } = await import('../../../src/shared/settings');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');
const ALICE = TOKENS.alice;

let site: Standin;
let settings: Parameters<typeof answerContext>[0];

const pageOf = (task: number) => pageFactsOf(site, task);

const ask = (taskId: number, more: { page?: PageFacts; settle?: boolean; refresh?: boolean } = {}) =>
  answerContext(settings, site.url, () => clientFor(settings, site.url), {
    taskId,
    refresh: more.refresh ?? false,
    settle: more.settle ?? false,
    ...(more.page ? { page: more.page } : {}),
  });

/** A page view as the banner makes it: the first answer, then the settle request when it is pending. */
async function view(taskId: number) {
  const page = await pageOf(taskId);
  const first = await ask(taskId, { page });
  return first.pending ? ask(taskId, { page, settle: true }) : first;
}

async function comment(task: string, text: string): Promise<void> {
  await fetch(`${site.url}/api/maniphest.edit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `params=${encodeURIComponent(JSON.stringify({ objectIdentifier: task, transactions: [{ type: 'comment', value: text }], __conduit__: { token: ALICE } }))}`,
  });
}

const conduitCalls = () => site.requests.conduitCalls().map((r) => r.conduitMethod);

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  settings = parsed.settings;
  (globalThis as { fakeBrowser?: { grant(origin: string): void } }).fakeBrowser!.grant(site.url);
  await writeToken(site.url, ALICE);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});

afterAll(() => site.close());

beforeEach(async () => {
  await fetch(`${site.url}/__standin/faults`, { method: 'POST', body: JSON.stringify({ clear: true }) });
  site.requests.clear();
});

describe('a task the worker has seen', () => {
  it('is answered from the cache with no Conduit request when the page shows nothing newer', async () => {
    const first = await view(14);
    const page = await pageOf(14);
    expect(first.escalation).not.toBeNull();
    site.requests.clear();
    const again = await ask(14, { page });
    expect(conduitCalls()).toEqual([]);
    expect(again.pending).toBeUndefined();
    expect(again.processOwner).toEqual(first.processOwner);
    expect(again.escalation?.escalatedAt).toBe(first.escalation?.escalatedAt);
    // The banner answered from the cache still draws the escalation timeline of the UBN!.
    expect(first.timeline).toBeTruthy();
    // The same picture; a running strip ends at the worker's "now", which may have moved a second on.
    const still = (timeline: typeof first.timeline) =>
      timeline && { ...timeline, end: 0, segments: timeline.segments.map((seg) => ({ ...seg, end: 0 })) };
    expect(still(again.timeline)).toEqual(still(first.timeline));
  });

  it('never answers a page newer than the cache with the older state as current', async () => {
    const before = await view(14);
    expect(before.processOwner?.state).toBe('none');
    await comment('T14', 'Process owner: @bob\n\nBob drives this.');
    const page = await pageOf(14);
    site.requests.clear();
    const partial = await ask(14, { page });
    expect(partial.pending).toBe('history');
    expect(partial.processOwner).toBeNull();
    expect(partial.escalation).toBeNull();
    // What needs no history is there: the priority from the page, the owners of its tags from the cache.
    expect(partial.task.isUbn).toBe(true);
    expect(partial.ownership.components.map((c) => c.name)).toEqual(
      before.ownership.components.map((c) => c.name),
    );
    const settled = await ask(14, { page, settle: true });
    expect(settled.pending).toBeUndefined();
    expect(settled.processOwner?.state).toBe('declared');
    expect(settled.processOwner?.person?.username).toBe('bob');
    // One round of requests for the page view, shared by the first answer and the settle request.
    expect(conduitCalls().filter((m) => m === 'maniphest.search')).toHaveLength(1);
    site.requests.clear();
    expect((await ask(14, { page })).processOwner?.state).toBe('declared');
    expect(conduitCalls()).toEqual([]);
  });

  it('without the page (the assign frame) answers from the cache and checks when it is a minute old', async () => {
    await view(16);
    site.requests.clear();
    expect((await ask(16)).pending).toBeUndefined();
    expect(conduitCalls()).toEqual([]);
    site.clock.advance(120);
    setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
    const checked = await ask(16);
    expect(checked.pending).toBe('check');
    expect((await ask(16, { settle: true })).pending).toBeUndefined();
    expect(conduitCalls()).toContain('maniphest.search');
  });
});

describe('during an outage', () => {
  beforeAll(async () => {
    // Seen once while Phabricator answered.
    await view(11);
  });

  it('answers Retry with the last good state, marked with when it was read and the problem', async () => {
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      body: JSON.stringify({ method: '*', kind: '500', times: 100 }),
    });
    const answer = await ask(11, { refresh: true });
    expect(answer.outage?.kind).toBe('network');
    expect(answer.outage?.message).not.toBe('');
    expect(answer.outage?.readAt).toBeLessThanOrEqual(answer.fetchedAt);
    expect(answer.escalation).not.toBeNull();
    expect(answer.processOwner?.state).toBe('assignee-not-declared');
  });

  it('answers a page newer than the cache with the last good state, marked, after the partial answer', async () => {
    await comment('T11', 'Looking into it.');
    const page = await pageOf(11);
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      body: JSON.stringify({ method: '*', kind: 'drop', times: 100 }),
    });
    expect((await ask(11, { page })).pending).toBe('history');
    const settled = await ask(11, { page, settle: true });
    expect(settled.outage?.kind).toBe('network');
    expect(settled.pending).toBeUndefined();
  });

  it('still says "not found" for a task that cannot be read and was never seen', async () => {
    await expect(ask(99999, { refresh: true })).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('before the page can be read (task/cached)', () => {
  it('answers what is cached and the newest transaction it holds, asking nothing', async () => {
    const seen = await view(14);
    const page = await pageOf(14);
    site.requests.clear();
    const early = await cachedAnswer(settings, site.url, 14);
    expect(conduitCalls()).toEqual([]);
    expect(early?.newestTransaction).toBe(page.newestTransaction);
    expect(early?.context.processOwner).toEqual(seen.processOwner);
    expect(early?.context.pending).toBeUndefined();
  });

  it('answers nothing for a task never seen, and starts no request for it', async () => {
    expect(await cachedAnswer(settings, site.url, 13)).toBeNull();
    expect(conduitCalls()).toEqual([]);
  });
});

describe('a task never seen, whose page names its people', () => {
  it('reads the accounts the page names alongside the task, not after its history', async () => {
    const database = await db();
    await database.clear('users');
    forgetCachedUsers();
    await database.delete('tasks', [site.url, 13]);
    const page = await pageOf(13);
    expect(page.people?.length).toBeGreaterThan(0);
    // The history read is held until the test lets it go; account reads are noted with the moment.
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    let historyDone = false;
    const userReads: { after: boolean; usernames: string[] }[] = [];
    const connect = async () => {
      const client = await clientFor(settings, site.url);
      return new Proxy(client, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (key === 'taskHistory')
            return async (...args: unknown[]) => {
              const history = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
              await held;
              historyDone = true;
              return history;
            };
          if (key === 'searchUsers')
            return (query: { usernames?: string[] }) => {
              userReads.push({ after: historyDone, usernames: query.usernames ?? [] });
              return (value as (q: unknown) => Promise<unknown>).call(target, query);
            };
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };
    const askWith = (settle: boolean) =>
      answerContext(settings, site.url, connect, { taskId: 13, refresh: false, settle, page });
    expect((await askWith(false)).pending).toBe('history');
    await vi.waitFor(() => expect(userReads.length).toBeGreaterThan(0));
    expect(historyDone).toBe(false);
    const before = userReads.flatMap((read) => (read.after ? [] : read.usernames));
    expect(before.map((name) => name.toLowerCase())).toEqual(
      expect.arrayContaining(page.people!.map((name) => name.toLowerCase())),
    );
    release();
    const whole = await askWith(true);
    expect(whole.pending).toBeUndefined();
    expect(whole.task.id).toBe(13);
    // Everyone the history names was among them: no second round of account reads after the history.
    expect(userReads.filter((read) => read.after)).toEqual([]);
  });
});
