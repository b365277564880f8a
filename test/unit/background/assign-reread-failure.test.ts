// An assignment whose edit Phorge answered, but whose read of the task afterwards fails (the connection
// drops, the reads are rate-limited): the declaration is on the task once, and the failure says it was
// posted, rather than reading as a failed assignment to try again.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { assignProcessOwner } = await import('../../../src/background/assign');
const { clientFor } = await import('../../../src/background/instance-client');

let site: Standin;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});
afterAll(() => {
  vi.unstubAllGlobals();
  return site.close();
});

describe('the edit was saved and answered; only the read-back after it fails', () => {
  it('is reported as posted, not as a failed assignment', { timeout: 30_000 }, async () => {
    const settings = tokenSettings(site.url);
    let edited = false;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (edited && url.includes('/api/')) throw new TypeError('fetch failed: network changed');
      const reply = await realFetch(input, init);
      if (url.endsWith('/api/maniphest.edit')) edited = true;
      return reply;
    });
    const request = {
      type: 'process-owner/assign' as const,
      instance: site.url,
      taskId: 14,
      username: 'bob',
      note: 'Please drive this.',
      requestId: 'reread-failure-1',
    };
    const outcome = await assignProcessOwner(settings, await clientFor(settings, site.url), request).then(
      () => 'assigned',
      (error: { kind?: string; message?: string }) => `failed (${error.kind}): ${error.message}`,
    );
    vi.stubGlobal('fetch', realFetch);

    // Phorge has the declaration: the edit's reply said so.
    const history = await (await clientFor(settings, site.url)).taskHistory(14);
    const posted = history.filter((tx) =>
      tx.comments.some((c) => c.content.raw.startsWith('Process owner: @bob')),
    ).length;
    expect(posted).toBe(1);
    // ...and the user is told so, not that the assignment failed.
    expect(outcome).toMatch(
      /^failed \(network\): The process owner was posted on T14, but Steward could not read the task back/,
    );
  });
});
