// The one-click assign after a lost reply. maniphest.edit reached Phorge and was saved, but the
// reply never came back (timeout, dropped connection); the picker's "Try again" sends the same request id.
// The worker must recognise its own declaration and not post a second one.
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
});
afterAll(() => {
  vi.unstubAllGlobals();
  return site.close();
});

async function declarationsFor(settings: ReturnType<typeof tokenSettings>, taskId: number, who: string) {
  const client = await clientFor(settings, site.url);
  const history = await client.taskHistory(taskId);
  return history.filter((tx) => tx.comments.some((c) => c.content.raw.startsWith(`Process owner: @${who}`)))
    .length;
}

describe('assign: the edit was saved but its reply was lost', () => {
  it('a retry with the same request id does not post a second declaration when the browser clock runs 10 minutes fast', async () => {
    const settings = tokenSettings(site.url);
    // The user's laptop clock is 10 minutes ahead of Phorge's (the poll window is explicitly built to
    // not depend on the browser clock; the assign's duplicate check must not either).
    setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000) + 600);
    let dropEditReply = true;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const reply = await realFetch(input, init);
      if (dropEditReply && String(input).endsWith('/api/maniphest.edit')) {
        dropEditReply = false;
        await reply.text();
        // Phorge saved the comment; the connection drops before the reply arrives.
        throw new TypeError('fetch failed: socket hang up');
      }
      return reply;
    });
    const request = {
      type: 'process-owner/assign' as const,
      instance: site.url,
      taskId: 14,
      username: 'bob',
      note: 'Please drive this.',
      requestId: 'review-lost-reply-1',
    };
    const client = await clientFor(settings, site.url);
    await expect(assignProcessOwner(settings, client, request)).rejects.toMatchObject({ kind: 'network' });
    expect(await declarationsFor(settings, 14, 'bob')).toBe(1);
    // The picker keeps the intent's request id: "Try again" sends the same one.
    const retried = await assignProcessOwner(settings, await clientFor(settings, site.url), request);
    expect(retried.duplicate).toBe(true);
    // What the user sees on T14: one "Process owner: @bob" comment, not two.
    expect(await declarationsFor(settings, 14, 'bob')).toBe(1);
  });
});
