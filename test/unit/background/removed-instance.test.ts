// An instance removed from the settings leaves nothing behind (forget-instance.ts): its tasks with their
// histories, accounts, watches, reminders, snoozes and assign records go with its token, metadata and poll
// state (a user who tried a test instance, or whose Phabricator moved to a new address).
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';
import { TOKEN, emptyStandin, fileTask } from './growth-support';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { writeSettings } = await import('../../../src/background/settings-store');
const { handlers } = await import('../../../src/background/handlers');
const { db, instanceKeys, instancePrefix } = await import('../../../src/background/db');

let site: Standin;
const options = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};

beforeAll(async () => {
  site = await emptyStandin();
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKEN);
  for (let i = 0; i < 10; i++) await fileTask(site, `Outage ${i}`);
  site.clock.advance(3 * 3600);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});

afterAll(() => site.close());

async function countOf(origin: string) {
  const database = await db();
  return {
    tasks: (await database.getAllKeys('tasks', instanceKeys(origin))).length,
    users: (await database.getAllKeys('users', instanceKeys(origin))).length,
    watches: (await database.getAllKeys('watches', instanceKeys(origin))).length,
    reminders: (await database.getAllKeys('reminders', instancePrefix(origin))).length,
    snoozes: (await database.getAllKeys('snoozes', instanceKeys(origin))).length,
    assigns: (await database.getAll('assigns')).filter((a) => a.origin === origin).length,
    pollTasks: (await database.getAllKeys('pollTasks', instanceKeys(origin))).length,
    polls: (await database.getAllKeys('polls')).filter((k) => k === origin).length,
    secrets: (await database.getAllKeys('secrets')).filter((k) => k === origin).length,
  };
}

describe('an instance removed from the settings', () => {
  it('leaves none of its records behind in IndexedDB', async () => {
    const saved = await writeSettings({
      version: 1,
      instances: [{ url: site.url, authMode: 'token' }],
      watch: { allUbn: true },
    });
    if (!saved.ok) throw new Error(saved.errors.join('\n'));
    // A life on it: polls (reminders fire: nobody declared after 3 h), a snooze, a one-click assign.
    await handlers['poll/now']({ type: 'poll/now' }, options);
    await handlers['task/snooze'](
      { type: 'task/snooze', instance: site.url, taskId: 1, until: site.clock.now() + 3600 },
      options,
    );
    await handlers['process-owner/assign'](
      {
        type: 'process-owner/assign',
        instance: site.url,
        taskId: 2,
        username: 'bob',
        note: '',
        requestId: 'removed-instance-1',
      },
      options,
    );
    const before = await countOf(site.url);
    console.info(`before removal: ${JSON.stringify(before)}`);
    expect(before.tasks).toBeGreaterThan(0);
    expect(before.reminders).toBeGreaterThan(0);

    // The user removes the instance (the options page saves the settings without it).
    await handlers['settings/save'](
      { type: 'settings/save', settings: { version: 1, instances: [] } },
      options,
    );
    const after = await countOf(site.url);
    console.info(`after removal: ${JSON.stringify(after)}`);
    expect(after.secrets).toBe(0);
    expect(after.polls).toBe(0);
    expect(after, 'records of the removed instance').toEqual({
      tasks: 0,
      users: 0,
      watches: 0,
      reminders: 0,
      snoozes: 0,
      assigns: 0,
      pollTasks: 0,
      polls: 0,
      secrets: 0,
    });
  });
});

describe('a registry source removed from the settings', () => {
  it('does not keep its stored copy in the registry store', async () => {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const text = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');
    const withSource = (id: string) => ({
      version: 1,
      instances: [],
      registry: { sources: [{ kind: 'inline', id, name: `Registry ${id}`, text }] },
    });
    // The user replaces their registry source three times (a new file, the wiki page, a team's copy...).
    for (const id of ['first-source', 'second-source', 'third-source', 'fourth-source'])
      await handlers['settings/save']({ type: 'settings/save', settings: withSource(id) }, options);
    const database = await db();
    const stored = await database.getAll('registry');
    const bytes = JSON.stringify(stored.filter((e) => e.id !== 'fourth-source')).length;
    console.info(
      `registry store: ${stored.map((e) => e.id).join(', ')}; removed sources hold ${bytes} bytes`,
    );
    expect(
      stored.map((e) => e.id),
      'stored registry sources',
    ).toEqual(['fourth-source']);
  });
});
