// Paging through cursor.after and batching id lists into as few calls as possible.
import { describe, expect, it } from 'vitest';
import { ConduitClient, ConduitError } from '../../../src/phabricator/conduit';
import { conduitOk, fakeFetch } from './support/fake-fetch';
import type { RecordedCall } from './support/fake-fetch';
import { maniphestSearch, range } from './support/task-server';

const BASE = 'http://phab.test';
const auth = { kind: 'token' as const, token: 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc' };

function clientWith(handler: Parameters<typeof fakeFetch>[0]) {
  const fake = fakeFetch(handler);
  return { client: new ConduitClient({ baseUrl: BASE, auth, fetch: fake.fetch }), calls: fake.calls };
}

const idsOf = (call: RecordedCall) => (call.params.constraints as { ids?: number[] }).ids ?? [];

describe('batching task ids', () => {
  it.each([
    [1, 1],
    [100, 1],
    [101, 2],
    [250, 3],
    [1000, 10],
  ])('%i watched tasks take %i maniphest.search calls', async (n, expectedCalls) => {
    const { client, calls } = clientWith(maniphestSearch(range(1, 2000)));
    const tasks = await client.searchTasks({ ids: range(1, n) });
    expect(tasks.map((t) => t.id).sort((a, b) => a - b)).toEqual(range(1, n));
    expect(calls).toHaveLength(expectedCalls);
    for (const call of calls) {
      expect(idsOf(call).length).toBeLessThanOrEqual(100);
      expect(call.params.limit).toBe(100);
    }
  });

  it('sends each id once even when the caller repeats it', async () => {
    const { client, calls } = clientWith(maniphestSearch(range(1, 10)));
    const tasks = await client.searchTasks({ ids: [3, 3, 4, 3] });
    expect(tasks.map((t) => t.id)).toEqual([4, 3]);
    expect(idsOf(calls[0]!)).toEqual([3, 4]);
  });

  it('makes no call for an empty id list and finds nothing', async () => {
    const { client, calls } = clientWith(maniphestSearch(range(1, 10)));
    expect(await client.searchTasks({ ids: [] })).toEqual([]);
    expect(await client.searchTasks({ statuses: [] })).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it('leaves out tasks the server does not return (deleted or hidden) without failing', async () => {
    const { client } = clientWith(maniphestSearch([1, 2, 4]));
    expect((await client.searchTasks({ ids: [1, 2, 3, 4] })).map((t) => t.id)).toEqual([4, 2, 1]);
  });

  it('passes constraints, attachments and order through unchanged', async () => {
    const { client, calls } = clientWith(maniphestSearch([5]));
    await client.searchTasks(
      {
        priorities: [100],
        statuses: ['open'],
        projects: ['PHID-PROJ-a'],
        modifiedStart: 1795441666,
        query: 'login',
      },
      { order: 'priority', attachments: { subscribers: false } },
    );
    expect(calls[0]!.params).toMatchObject({
      constraints: {
        priorities: [100],
        statuses: ['open'],
        projects: ['PHID-PROJ-a'],
        modifiedStart: 1795441666,
        query: 'login',
      },
      attachments: { projects: true },
      order: 'priority',
    });
    expect(calls[0]!.params.attachments).not.toHaveProperty('subscribers');
  });
});

describe('paging', () => {
  it('follows cursor.after through every page', async () => {
    const { client, calls } = clientWith(maniphestSearch(range(1, 250)));
    const tasks = await client.searchTasks({ priorities: [100] });
    expect(tasks).toHaveLength(250);
    expect(calls.map((c) => c.params.after)).toEqual([undefined, '151', '51']);
  });

  it('uses the page size asked for, clamped to 1..100', async () => {
    const small = clientWith(maniphestSearch(range(1, 7)));
    await small.client.searchTasks({ priorities: [100] }, { limit: 3 });
    expect(small.calls.map((c) => c.params.limit)).toEqual([3, 3, 3]);

    const big = clientWith(maniphestSearch(range(1, 7)));
    await big.client.searchTasks({ priorities: [100] }, { limit: 5000 });
    expect(big.calls.map((c) => c.params.limit)).toEqual([100]);
  });

  it('pages transaction.search for a long history', async () => {
    const { client, calls } = clientWith((call) => {
      const after = call.params.after === undefined ? 300 : Number(call.params.after);
      const ids = range(Math.max(1, after - 100), after - 1).reverse();
      return conduitOk({
        data: ids.map((id) => ({
          id,
          phid: `PHID-XACT-TASK-${id}`,
          type: null,
          authorPHID: 'PHID-USER-a',
          objectPHID: 'PHID-TASK-a',
          dateCreated: id,
          dateModified: id,
          comments: [],
          fields: [],
        })),
        cursor: { limit: 100, after: ids.length === 100 ? String(ids[ids.length - 1]) : null, before: null },
      });
    });
    const history = await client.taskHistory(14);
    expect(history).toHaveLength(299);
    expect(history[0]!.id).toBe(299);
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.params.objectIdentifier === 'T14')).toBe(true);
  });

  it('stops with a malformed error when the server repeats a cursor instead of looping forever', async () => {
    const { client, calls } = clientWith(() => conduitOk({ data: [], cursor: { after: '7' } }));
    // An empty page ends paging even with a cursor.
    expect(await client.searchUsers()).toEqual([]);
    expect(calls).toHaveLength(1);

    const loop = clientWith((call) =>
      conduitOk({
        data: [{ id: 1, phid: 'PHID-PROJ-a', fields: { name: 'A', slug: 'a' } }],
        cursor: { after: call.params.after === undefined ? '7' : '7' },
      }),
    );
    const error = await loop.client.searchProjects().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConduitError);
    expect((error as ConduitError).kind).toBe('malformed');
    expect(loop.calls).toHaveLength(2);
  });
});

describe('batching users and projects', () => {
  it('looks up 150 usernames and 20 PHIDs in three calls and merges duplicates', async () => {
    const { client, calls } = clientWith((call) => {
      const c = call.params.constraints as { usernames?: string[]; phids?: string[] };
      const names = c.usernames ?? (c.phids ?? []).map((p) => p.replace('PHID-USER-', ''));
      return conduitOk({
        data: names.map((n, i) => ({
          id: i + 1,
          phid: `PHID-USER-${n}`,
          fields: { username: n, realName: n.toUpperCase(), roles: ['activated'] },
          attachments: { availability: { value: 'available', until: null } },
        })),
        cursor: { after: null },
      });
    });
    const usernames = range(1, 150).map((i) => `u${i}`);
    const phids = range(1, 20).map((i) => `PHID-USER-u${i}`);
    const users = await client.searchUsers({ usernames, phids });
    expect(calls).toHaveLength(3);
    expect(
      calls.every((c) => (c.params.attachments as { availability?: boolean }).availability === true),
    ).toBe(true);
    expect(users).toHaveLength(150);
  });

  it('finds projects by exact name: one slug call, then one name call per name (milestones have no slug)', async () => {
    const projects = [
      { id: 1, phid: 'PHID-PROJ-ca', fields: { name: 'CentralAuth', slug: 'centralauth' } },
      { id: 2, phid: 'PHID-PROJ-echo', fields: { name: 'Echo', slug: 'echo' } },
      { id: 3, phid: 'PHID-PROJ-ops', fields: { name: 'Team Ops', slug: 'ops' } },
      { id: 4, phid: 'PHID-PROJ-opsarch', fields: { name: 'Team Ops Archive', slug: 'ops-archive' } },
    ];
    const { client, calls } = clientWith((call) => {
      const c = call.params.constraints as { slugs?: string[]; name?: string };
      const data = c.slugs
        ? projects.filter((p) => c.slugs!.includes(p.fields.slug))
        : projects.filter((p) => p.fields.name.toLowerCase().includes(String(c.name).toLowerCase()));
      return conduitOk({ data, cursor: { after: null } });
    });
    const found = await client.searchProjects({ names: ['CentralAuth', 'echo', 'Team Ops'] });
    expect(found.map((p) => p.name)).toEqual(['CentralAuth', 'Echo', 'Team Ops']);
    expect(calls.map((c) => c.params.constraints)).toEqual([
      { slugs: ['centralauth', 'echo', 'team_ops'] },
      { name: 'CentralAuth' },
      { name: 'echo' },
      { name: 'Team Ops' },
    ]);
  });
});
