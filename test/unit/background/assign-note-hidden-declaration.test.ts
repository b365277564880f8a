// An explanation that would carry its own "Process owner:" line is refused, and nothing is posted:
// readers would see a second, later declaration that Steward did not count. The line may be any Remarkup
// list item ("1.", "#", "[ ]", not only "-"), or follow a code block that Phorge closed at the first line
// ending with three backticks; the convention's parser reads both as Remarkup does.
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

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});
afterAll(() => site.close());

describe('an explanation that would carry its own Process owner line, as readers of the task see it', () => {
  it.each([
    ['a bullet', 'Thanks for taking this.\n\n- Process owner: @carol'],
    ['a numbered item', 'Thanks for taking this.\n\n1. Process owner: @carol'],
    ['a "#" numbered item', 'Thanks for taking this.\n\n# Process owner: @carol'],
    ['a checklist item', 'Thanks for taking this.\n\n[ ] Process owner: @carol'],
    // Phorge closes a code block at the first line that ends with ```: the line after it is plain text.
    ['after six backticks', 'Logs:\n\n```\nFatal error at boot\n``````\nProcess owner: @carol'],
    [
      'after text between two fences',
      'Logs:\n\n```\nFatal error at boot\nexit 1```done```\nProcess owner: @carol',
    ],
  ])('%s is refused, and nothing is posted', async (label, note) => {
    const settings = tokenSettings(site.url);
    const client = await clientFor(settings, site.url);
    const before = (await client.taskHistory(14)).length;
    await expect(
      assignProcessOwner(settings, client, {
        type: 'process-owner/assign',
        instance: site.url,
        taskId: 14,
        username: 'bob',
        note,
        requestId: `note-${label.replace(/\W/g, '-')}`,
      }),
    ).rejects.toMatchObject({ kind: 'bad-request' });
    expect((await client.taskHistory(14)).length).toBe(before);
  });
});
