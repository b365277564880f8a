// Usernames Phorge allows that end in '-' or '__' ("@ops-", "@ops__") are read back whole from a
// declaration, so the owner shown is the one assigned and a retry recognises its own comment.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
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

const ALICE_TOKEN = 'api-aaaaaaaaaaaaaaaaaaaaaaaaaaaa';
let site: Standin;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  site = await startStandin({
    port: 0,
    scenario: {
      name: 'trailing hyphen',
      now: '2026-11-26T12:00:00Z',
      users: [
        { username: 'alice', realName: 'Alice Anderson', apiToken: ALICE_TOKEN },
        { username: 'ops-', realName: 'Ops Rotation' },
        { username: 'ops', realName: 'Someone Else' },
        { username: 'ops__', realName: 'Ops Double Underscore' },
      ],
      projects: [],
      tasks: [
        {
          id: 123,
          author: 'alice',
          dateCreated: '-3d',
          history: [
            { type: 'create', by: 'alice', at: '-3d' },
            { type: 'title', by: 'alice', at: '-3d', to: 'Global login broken' },
            { type: 'priority', by: 'alice', at: '-1h', from: 'triage', to: 'unbreak' },
          ],
        },
        {
          id: 124,
          author: 'alice',
          dateCreated: '-3d',
          history: [
            { type: 'create', by: 'alice', at: '-3d' },
            { type: 'title', by: 'alice', at: '-3d', to: 'Second outage' },
            { type: 'priority', by: 'alice', at: '-1h', from: 'triage', to: 'unbreak' },
          ],
        },
        {
          id: 125,
          author: 'alice',
          dateCreated: '-3d',
          history: [
            { type: 'create', by: 'alice', at: '-3d' },
            { type: 'title', by: 'alice', at: '-3d', to: 'Third outage' },
            { type: 'priority', by: 'alice', at: '-1h', from: 'triage', to: 'unbreak' },
          ],
        },
      ],
    } as never,
  });
  fake.current!.grant(site.url);
  await writeToken(site.url, ALICE_TOKEN);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});
afterAll(() => {
  vi.unstubAllGlobals();
  return site.close();
});

async function declarationComments(taskId: number): Promise<number> {
  const client = await clientFor(tokenSettings(site.url), site.url);
  const history = await client.taskHistory(taskId);
  return history.filter((tx) => tx.comments.some((c) => c.content.raw.startsWith('Process owner: @'))).length;
}

describe('assigning a user whose name ends with "-"', () => {
  it('the context read right after the assign names @ops- as the process owner, not @ops', async () => {
    const settings = tokenSettings(site.url);
    const reply = await assignProcessOwner(settings, await clientFor(settings, site.url), {
      type: 'process-owner/assign',
      instance: site.url,
      taskId: 124,
      username: 'ops-',
      note: '',
      requestId: 'trailing-hyphen-context',
    });
    // The banner and popup show who was just assigned.
    expect(reply.context.processOwner?.person?.username).toBe('ops-');
  });

  it('a retry after a lost reply does not post a second declaration', async () => {
    const settings = tokenSettings(site.url);
    let dropEditReply = true;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const reply = await realFetch(input, init);
      if (dropEditReply && String(input).endsWith('/api/maniphest.edit')) {
        dropEditReply = false;
        await reply.text();
        throw new TypeError('fetch failed: socket hang up');
      }
      return reply;
    });
    const request = {
      type: 'process-owner/assign' as const,
      instance: site.url,
      taskId: 123,
      username: 'ops-',
      note: 'Please drive this.',
      requestId: 'trailing-hyphen-retry',
    };
    await expect(
      assignProcessOwner(settings, await clientFor(settings, site.url), request),
    ).rejects.toMatchObject({ kind: 'network' });
    expect(await declarationComments(123)).toBe(1);
    // "Try again" in the panel: the same request id.
    await assignProcessOwner(settings, await clientFor(settings, site.url), request).catch(() => undefined);
    expect(await declarationComments(123)).toBe(1);
  });

  it('a username ending with "__" (valid in Phabricator) is read back whole, not as @ops', async () => {
    const settings = tokenSettings(site.url);
    const reply = await assignProcessOwner(settings, await clientFor(settings, site.url), {
      type: 'process-owner/assign',
      instance: site.url,
      taskId: 125,
      username: 'ops__',
      note: '',
      requestId: 'trailing-underscore-context',
    });
    expect(reply.context.processOwner?.person?.username).toBe('ops__');
  });
});
