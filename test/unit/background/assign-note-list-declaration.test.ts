// An explanation that carries its own "Process owner:" line as any Remarkup list item ("1.", "#", "[ ]",
// not only "-") is refused, and nothing is posted: readers would see a second, later declaration that
// Steward did not count. The convention's parser reads list items as Remarkup does.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';

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
const { parseSettings } = await import('../../../src/shared/settings');

let site: Standin;

function settingsFor(origin: string) {
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: origin, authMode: 'token' }],
    watch: { allUbn: true },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.settings;
}

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});
afterAll(() => site.close());

describe('an explanation that carries its own Process owner line as a Remarkup list item', () => {
  it.each([
    ['a bullet', 'Thanks for taking this.\n\n- Process owner: @carol'],
    ['a numbered item', 'Thanks for taking this.\n\n1. Process owner: @carol'],
    ['a "#" numbered item', 'Thanks for taking this.\n\n# Process owner: @carol'],
    ['a checklist item', 'Thanks for taking this.\n\n[ ] Process owner: @carol'],
  ])('%s is refused, and nothing is posted', async (_, note) => {
    const settings = settingsFor(site.url);
    const client = await clientFor(settings, site.url);
    const before = (await client.taskHistory(14)).length;
    await expect(
      assignProcessOwner(settings, client, {
        type: 'process-owner/assign',
        instance: site.url,
        taskId: 14,
        username: 'bob',
        note,
        requestId: `note-list-${encodeURIComponent(note.slice(25, 29))}`,
      }),
    ).rejects.toMatchObject({ kind: 'bad-request' });
    expect((await client.taskHistory(14)).length).toBe(before);
  });
});
