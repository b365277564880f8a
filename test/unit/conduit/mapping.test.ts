// The captured replies as the rest of Steward sees them: domain types of src/core/model.ts.
import { describe, expect, it } from 'vitest';
import { ConduitClient } from '../../../src/phabricator/conduit';
import { fakeFetch } from './support/fake-fetch';
import { responseText } from './support/fixtures';

function serving(name: string) {
  const fake = fakeFetch(() => ({ body: responseText(name) }));
  return new ConduitClient({
    baseUrl: 'http://127.0.0.1:8081',
    auth: { kind: 'token', token: 't' },
    fetch: fake.fetch,
  });
}

describe('maniphest.search -> TaskSnapshot', () => {
  it('reads tasks on no board (boards: []) and on boards (object) alike', async () => {
    const tasks = await serving('maniphest.search.ids+attachments').searchTasks({ ids: [14, 11, 7, 6, 16] });
    expect(tasks.map((t) => t.id)).toEqual([16, 14, 11, 7, 6]);
    const t14 = tasks.find((t) => t.id === 14)!;
    expect(t14).toMatchObject({
      phid: 'PHID-TASK-5bj2dzb4h5vi7e4jngsm',
      title: 'Global login fails with "Session hijacking attempt" error on all wikis',
      status: { value: 'open', name: 'Open' },
      priority: { value: 100, name: 'Unbreak Now!' },
      ownerPHID: null,
      dateClosed: null,
    });
    expect(t14.projectPHIDs).toHaveLength(2);
    const t16 = tasks.find((t) => t.id === 16)!;
    expect(t16.subscriberPHIDs).toHaveLength(3);
    expect(t16.ownerPHID).toBe('PHID-USER-llw3bphotw3lgqpni64x');
  });

  it('keeps the close date of a closed UBN task', async () => {
    const tasks = await serving('maniphest.search.ubn-all-statuses').searchTasks({ priorities: [100] });
    const t8 = tasks.find((t) => t.id === 8)!;
    expect(t8.status.value).toBe('resolved');
    expect(t8.dateClosed).toEqual(expect.any(Number));
  });

  it('gives empty lists, not missing ones, when attachments were not asked for', async () => {
    const tasks = await serving('maniphest.search.unassigned-ubn').searchTasks({ assigned: ['none()'] });
    expect(tasks.length).toBeGreaterThan(0);
    for (const t of tasks)
      expect(t).toMatchObject({ projectPHIDs: [], subscriberPHIDs: [], ownerPHID: null });
  });
});

describe('transaction.search -> TaskTransaction', () => {
  it('keeps typeless transactions (board moves, edges) with empty fields', async () => {
    const history = await serving('transaction.search.T11').taskHistory(11);
    const typeless = history.filter((t) => t.type === null);
    expect(typeless.length).toBeGreaterThan(0);
    for (const t of typeless) expect(t.fields).toEqual({});
  });

  it('exposes priority changes, owner changes and comment text', async () => {
    const history = await serving('transaction.search.T14').taskHistory('T14');
    const raised = history.find(
      (t) => t.type === 'priority' && (t.fields.new as { value: number }).value === 100,
    )!;
    expect(raised.fields).toEqual({
      old: { value: 50, name: 'Normal' },
      new: { value: 100, name: 'Unbreak Now!' },
    });
    const comment = history.find((t) => t.type === 'comment')!;
    expect(comment.comments[0]!.content.raw).toMatch(/Escalating to Unbreak Now!/);
    expect(comment.groupID).toEqual(expect.any(String));
    // Newest first, as Conduit returns them.
    expect(history.map((t) => t.id)).toEqual([...history.map((t) => t.id)].sort((a, b) => b - a));
  });
});

describe('user.search -> PhabUser', () => {
  it('reads away, busy, disabled and bot accounts', async () => {
    const users = await serving('user.search.availability').searchUsers();
    const by = Object.fromEntries(users.map((u) => [u.username, u]));
    expect(by.carol!.availability).toEqual({ value: 'away', until: 1796219100 });
    expect(by.erin!.availability).toEqual({ value: 'busy', until: 1795707900 });
    // Phorge calls the disabled dave "available"; nobody can reach him.
    expect(by.dave!.availability).toEqual({ value: 'disabled', until: null });
    expect(by.dave!.roles).toContain('disabled');
    expect(by['triage-bot']!.roles).toContain('bot');
    expect(by.alice).toMatchObject({
      realName: 'Alice Anderson',
      availability: { value: 'available', until: null },
    });
  });

  it('says availability is unknown when the attachment is missing', async () => {
    const users = await serving('user.search.by-phids').searchUsers({
      phids: ['PHID-USER-xhdgapgwb75vgmayvc6o'],
    });
    expect(users.every((u) => u.availability.value === 'unknown')).toBe(true);
  });
});

describe('the instance vocabulary', () => {
  it('reads priorities with their keywords (maniphest.edit needs them)', async () => {
    const priorities = await serving('maniphest.priority.search').priorities();
    expect(priorities.map((p) => p.value)).toEqual([100, 90, 80, 50, 25, 0]);
    expect(priorities[0]).toEqual({ value: 100, name: 'Unbreak Now!', keywords: ['unbreak'], color: 'pink' });
    expect(priorities[5]!.keywords).toEqual(['wish', 'wishlist']);
  });

  it('reads statuses and which of them are closed', async () => {
    const statuses = await serving('maniphest.status.search').statuses();
    expect(statuses.filter((s) => !s.closed).map((s) => s.value)).toEqual(['open']);
    expect(statuses.map((s) => s.value)).toEqual([
      'open',
      'resolved',
      'wontfix',
      'invalid',
      'duplicate',
      'spite',
    ]);
    // The status a merge sets: Phorge writes no status transaction for it.
    expect(statuses.find((s) => s.special === 'duplicate')?.value).toBe('duplicate');
  });
});

describe('other methods', () => {
  it('whoami (which calls a bot "agent", where user.search says "bot")', async () => {
    expect(await serving('user.whoami.bot').whoami()).toEqual({
      phid: 'PHID-USER-n2uizhw34v7ox4dte7oa',
      userName: 'triage-bot',
      realName: 'Triage Bot',
      roles: ['agent', 'verified', 'approved', 'activated'],
    });
  });

  it('project.search', async () => {
    const projects = await serving('project.search.by-slug').searchProjects({
      slugs: ['release-engineering-team', 'security'],
    });
    expect(projects).toEqual([
      {
        id: 4,
        phid: 'PHID-PROJ-jct2xu2kwbvrozq3brk6',
        name: 'Release-Engineering-Team',
        slug: 'release-engineering-team',
      },
      { id: 5, phid: 'PHID-PROJ-gpbtbyuo2srkjllrpbc6', name: 'Security', slug: 'security' },
    ]);
  });

  it('maniphest.edit', async () => {
    const edited = await serving('maniphest.edit.owner+comment+subscriber').editTask('T3', [
      { type: 'owner', value: 'PHID-USER-func4a3darmz3oh2ta3u' },
    ]);
    expect(edited).toEqual({ id: 3, phid: 'PHID-TASK-qch5rn7prbqzdnieavbo' });
  });
});
