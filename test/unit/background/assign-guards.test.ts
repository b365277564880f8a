// What the one-click assign posts when the task moved on meanwhile (closed: nothing, even after "Confirm
// again"), when two surfaces (the banner's frame in two tabs, or the frame and the popup) confirm at once
// (one declaration), and how a policy refusal comes back (forbidden, not Steward's host permission).
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
const BOB_TOKEN = 'api-bbbbbbbbbbbbbbbbbbbbbbbbbbbb';
let site: Standin;

const ubnTask = (id: number) => ({
  id,
  author: 'alice',
  dateCreated: '-3d',
  history: [
    { type: 'create', by: 'alice', at: '-3d' },
    { type: 'title', by: 'alice', at: '-3d', to: `Outage ${id}` },
    { type: 'priority', by: 'alice', at: '-1h', from: 'triage', to: 'unbreak' },
  ],
});

beforeAll(async () => {
  site = await startStandin({
    port: 0,
    scenario: {
      name: 'guards',
      now: '2026-11-26T12:00:00Z',
      users: [
        { username: 'alice', realName: 'Alice Anderson', apiToken: ALICE_TOKEN },
        { username: 'bob', realName: 'Bob Brown', apiToken: BOB_TOKEN },
        { username: 'carol', realName: 'Carol Chen' },
        { username: 'erin', realName: 'Erin Evans' },
      ],
      projects: [],
      tasks: [ubnTask(201), ubnTask(202), { ...ubnTask(203), editPolicy: 'admin' }],
    } as never,
  });
  fake.current!.grant(site.url);
  await writeToken(site.url, ALICE_TOKEN);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});
afterAll(() => site.close());

async function conduit(method: string, params: Record<string, unknown>, token: string) {
  const form = new URLSearchParams();
  form.set('params', JSON.stringify({ ...params, __conduit__: { token } }));
  const response = await fetch(`${site.url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return (await response.json()) as { result: { data: unknown[] }; error_code: string | null };
}

async function task(id: number) {
  const reply = await conduit('maniphest.search', { constraints: { ids: [id] } }, BOB_TOKEN);
  return reply.result.data[0] as {
    fields: { dateModified: number; ownerPHID: string | null; status: { value: string } };
  };
}

async function declarations(id: number): Promise<string[]> {
  const reply = await conduit('transaction.search', { objectIdentifier: `T${id}` }, BOB_TOKEN);
  return (reply.result.data as { comments: { content: { raw: string } }[] }[])
    .flatMap((tx) => tx.comments.map((c) => c.content.raw))
    .filter((raw) => raw.startsWith('Process owner: @'));
}

describe('the task was resolved while the panel was open', () => {
  it('"Confirm again" after "task changed" does not declare a process owner on a resolved task, nor assign it', async () => {
    const settings = tokenSettings(site.url);
    const opened = (await task(201)).fields.dateModified;
    site.clock.advance(60);
    // Meanwhile bob resolves the task.
    const closed = await conduit(
      'maniphest.edit',
      { objectIdentifier: 'T201', transactions: [{ type: 'status', value: 'resolved' }] },
      BOB_TOKEN,
    );
    expect(closed.error_code).toBeNull();
    site.clock.advance(60);
    const base = {
      type: 'process-owner/assign' as const,
      instance: site.url,
      taskId: 201,
      username: 'carol',
      note: '',
    };
    await expect(
      assignProcessOwner(settings, await clientFor(settings, site.url), {
        ...base,
        expectedDateModified: opened,
        requestId: 'assign-guard-closed-1',
      }),
    ).rejects.toMatchObject({ kind: 'task-changed' });
    // The panel's "Confirm again" (use-assign.ts: acceptChanges) sends no expectedDateModified.
    await assignProcessOwner(settings, await clientFor(settings, site.url), {
      ...base,
      requestId: 'assign-guard-closed-2',
    }).catch(() => undefined);
    const after = await task(201);
    expect(after.fields.status.value).toBe('resolved');
    expect(await declarations(201)).toEqual([]);
    expect(after.fields.ownerPHID).toBeNull();
  });
});

describe('two surfaces confirm at once (the banner in two tabs, or the banner and the popup)', () => {
  it('posts one declaration: the second intent, opened on the same task state, is refused as "task changed"', async () => {
    const settings = tokenSettings(site.url);
    const opened = (await task(202)).fields.dateModified;
    site.clock.advance(60);
    const client = await clientFor(settings, site.url);
    const results = await Promise.allSettled([
      assignProcessOwner(settings, client, {
        type: 'process-owner/assign',
        instance: site.url,
        taskId: 202,
        username: 'carol',
        note: '',
        expectedDateModified: opened,
        requestId: 'assign-guard-race-tab-1',
      }),
      assignProcessOwner(settings, client, {
        type: 'process-owner/assign',
        instance: site.url,
        taskId: 202,
        username: 'erin',
        note: '',
        expectedDateModified: opened,
        requestId: 'assign-guard-race-tab-2',
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await declarations(202)).toHaveLength(1);
  });
});

describe('the account may not edit the task (its edit policy)', () => {
  it("is refused as forbidden, with Phorge's reason, and nothing is posted", async () => {
    const settings = tokenSettings(site.url);
    const opened = (await task(203)).fields.dateModified;
    await expect(
      assignProcessOwner(settings, await clientFor(settings, site.url), {
        type: 'process-owner/assign',
        instance: site.url,
        taskId: 203,
        username: 'carol',
        note: '',
        expectedDateModified: opened,
        requestId: 'policy-1',
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await declarations(203)).toEqual([]);
  });
});
