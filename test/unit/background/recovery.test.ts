// Recovery after an answer outside a poll, in node against the stand-in: a review page's hundred fetch
// batches or a banner on every page view must not each run a full poll, and only an answer that disproves
// the poll's own reason for failing ends the backoff. Polls are counted as the maniphest.search calls
// they make; the "banner" calls are user.whoami through the worker's request client.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';
import { tokenSettings } from './token-settings';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { pollInstance, pollState } = await import('../../../src/background/poll');
const { recoverAfterAnswer } = await import('../../../src/background/recovery');
const { nowSeconds, setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { clientFor, onConduitAnswered } = await import('../../../src/background/instance-client');
const { writeSettings } = await import('../../../src/background/settings-store');

let site: Standin;
let settings: Awaited<ReturnType<typeof tokenSettings>>;
let offset = 0;

/** How the poll's own maniphest.search calls fail meanwhile; other calls go through. */
let pollFault: 'none' | 'network' | 'conduit' = 'none';
let polls = 0;
const realFetch = globalThis.fetch;

function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = String(input instanceof Request ? input.url : input);
  if (url.endsWith('/api/maniphest.search')) {
    polls += 1;
    if (pollFault === 'network') return Promise.reject(new TypeError('Failed to fetch'));
    if (pollFault === 'conduit') {
      const body = { result: null, error_code: 'ERR-CONDUIT-CORE', error_info: 'Query timed out.' };
      return Promise.resolve(
        new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
      );
    }
  }
  return realFetch(input, init);
}

/** The time moved forward on both clocks, as minutes pass between page views. */
function advance(seconds: number): void {
  offset += seconds;
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000) + offset);
}

/** One page's Conduit calls outside a poll, with the worker's recovery listener as index.ts wires it. */
async function answers(count: number): Promise<void> {
  const pending: Promise<void>[] = [];
  onConduitAnswered((origin) => pending.push(recoverAfterAnswer(origin)));
  const client = await clientFor(settings, site.url);
  for (let i = 0; i < count; i++) await client.call('user.whoami', {});
  await Promise.all(pending);
  onConduitAnswered(null);
}

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  settings = tokenSettings(site.url);
  await writeSettings(settings);
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  advance(0);
  vi.stubGlobal('fetch', fakeFetch);
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await site.close();
});

afterEach(() => {
  pollFault = 'none';
});

describe('recovery after an answer outside a poll', () => {
  it('a poll failing for its own reason is not polled again by banner and review answers', async () => {
    await pollInstance(settings, site.url, { force: true });
    pollFault = 'conduit';
    advance(400);
    const failed = (await pollInstance(settings, site.url)).state;
    expect(failed.connection).toBe('unreachable');
    expect(failed.failures).toBe(1);
    polls = 0;
    // A review page's 96 batches, then a banner on each of 20 page views a minute apart.
    await answers(96);
    for (let view = 0; view < 20; view++) {
      advance(60);
      await answers(3);
    }
    expect(polls).toBe(0);
    expect((await pollState(site.url)).failures).toBe(1);
  });

  it('an unreachable poll recovers once per backoff step, and a failed recovery climbs', async () => {
    pollFault = 'none';
    await pollInstance(settings, site.url, { force: true });
    pollFault = 'network';
    advance(400);
    polls = 0;
    expect((await pollInstance(settings, site.url)).state.failures).toBe(1);
    // The client retries a network failure: this many fetches are one failed poll.
    const perPoll = polls;
    polls = 0;
    // Phorge answers the review page while the poll's own calls still fail: one recovery poll, not 96.
    await answers(96);
    expect(polls).toBe(perPoll);
    const afterRecovery = await pollState(site.url);
    expect(afterRecovery.connection).toBe('unreachable');
    expect(afterRecovery.failures).toBe(2);
    // Later page views in the same step run nothing, however many.
    for (let view = 0; view < 10; view++) {
      advance(60);
      await answers(3);
    }
    expect(polls).toBe(perPoll);
    // The next scheduled poll fails: a new step, so the next answer may recover once more.
    advance(afterRecovery.notBefore - nowSeconds() + 1);
    await pollInstance(settings, site.url);
    expect((await pollState(site.url)).failures).toBe(3);
    polls = 0;
    pollFault = 'none';
    await answers(5);
    // One successful poll: its two searches (UBN! changed, other known tasks changed).
    expect(polls).toBe(2);
    const recovered = await pollState(site.url);
    expect(recovered.connection).toBe('ok');
    expect(recovered.failures).toBe(0);
    expect(recovered.notBefore).toBe(0);
    // Recovered: answers now run no poll at all.
    await answers(20);
    expect(polls).toBe(2);
  }, 30_000); // each failing poll waits out the client's own retries of a network failure
});
