// The CLI's inputs at their edges: a registry address carrying a user name and password (sent as
// authorization, never printed), --now with an offset in hours only, and a --project name that several
// projects carry (milestones have no slug), which must be picked by PHID rather than gated on all.
import { describe, expect, it } from 'vitest';
import { parseNowOption } from '../../src/cli/instance-command';
import { runReport } from '../../src/cli/report';
import { BASE, fakePhorge, gate, openUbn, page } from './cli.fake-phorge-fetch';

describe('report --registry with a password in the URL', () => {
  it('does not print the registry password to standard error', async () => {
    const conduit = fakePhorge();
    const registryUrl = 'https://ci-bot:hunter2-registry-secret@wiki.example.org/owners.yaml';
    // Node's own fetch: a URL with credentials cannot be fetched, and its error quotes the URL.
    const fetchImpl = ((input: string | URL | Request, init?: RequestInit) =>
      String(input).includes('wiki.example.org') ? fetch(input, init) : conduit(input, init)) as typeof fetch;
    let stderr = '';
    const code = await runReport([...BASE, '--json', '--registry', registryUrl], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      env: {},
      fetch: fetchImpl,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/registry/);
    expect(stderr).not.toContain('hunter2-registry-secret');
  });

  it('does not print the registry password when the server refuses it', async () => {
    const conduit = fakePhorge();
    const registryUrl = 'https://ci-bot:hunter2-registry-secret@wiki.example.org/owners.yaml';
    const fetchImpl = ((input: string | URL | Request, init?: RequestInit) =>
      String(input).includes('wiki.example.org')
        ? Promise.resolve(new Response('no', { status: 401, statusText: 'Unauthorized' }))
        : conduit(input, init)) as typeof fetch;
    let stderr = '';
    const code = await runReport([...BASE, '--json', '--registry', registryUrl], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      env: {},
      fetch: fetchImpl,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/401/);
    expect(stderr).not.toContain('hunter2-registry-secret');
  });
});

describe('--now: ISO 8601 forms', () => {
  it('takes an offset in hours only (ISO 8601 ±hh)', () => {
    expect(parseNowOption('2026-11-26T14:44:28+01')).toBe(Date.UTC(2026, 10, 26, 13, 44, 28) / 1000);
  });
  it('takes fractional seconds and a lowercase z (control: passes)', () => {
    expect(parseNowOption('2026-11-26t13:44:28.999z')).toBe(Date.UTC(2026, 10, 26, 13, 44, 28) / 1000);
  });
});

describe('gate --project with a name several projects carry', () => {
  const milestone = (id: number, parent: string, parentPhid: string) => ({
    id,
    type: 'PROJ',
    phid: `PHID-PROJ-sprint5milestone${String(id).padStart(4, '0')}`,
    fields: {
      name: 'Sprint 5',
      slug: null,
      milestone: 5,
      depth: 1,
      parent: { id: id - 100, phid: parentPhid, name: parent },
    },
    attachments: {},
  });
  const ECHO_SPRINT = milestone(201, 'Echo', 'PHID-PROJ-zfxds4nsxmtd5evuvldm');
  const RELENG_SPRINT = milestone(202, 'Release-Engineering-Team', 'PHID-PROJ-jct2xu2kwbvrozq3brk6');

  it('refuses an ambiguous name instead of gating on every milestone called that', async () => {
    const asked: string[][] = [];
    const f = fakePhorge((method, params) => {
      if (method === 'project.search') {
        const c = params.constraints ?? {};
        if (c.slugs) return page([]);
        if ((c as { name?: string }).name !== undefined) return page([ECHO_SPRINT, RELENG_SPRINT]);
        return page([]);
      }
      if (method === 'maniphest.search') {
        const wanted = params.constraints?.projects;
        if (wanted) asked.push(wanted);
        const reply = openUbn();
        // T1 (unowned UBN!) is on Release-Engineering-Team's Sprint 5 only.
        reply.result.data = reply.result.data.filter((t) => t.id === 1);
        for (const t of reply.result.data) t.attachments.projects.projectPHIDs = [RELENG_SPRINT.phid];
        if (wanted && !wanted.includes(RELENG_SPRINT.phid)) reply.result.data = [];
        return reply;
      }
      return undefined;
    });
    const { code, stderr } = await gate([...BASE, '--project', 'Sprint 5', '--json'], f);
    // Echo's release manager asked about Echo's Sprint 5; Release Engineering's Sprint 5 blocks it.
    expect(asked.flat().sort()).not.toEqual([ECHO_SPRINT.phid, RELENG_SPRINT.phid].sort());
    expect(code).toBe(2);
    expect(stderr).toMatch(/Sprint 5/);
    expect(stderr).toContain(RELENG_SPRINT.phid);
  });

  it('takes the one meant, by its PHID', async () => {
    const asked: string[][] = [];
    const f = fakePhorge((method, params) => {
      if (method === 'project.search') {
        const c = (params.constraints ?? {}) as { phids?: string[] };
        return page(c.phids?.includes(ECHO_SPRINT.phid) ? [ECHO_SPRINT] : []);
      }
      if (method === 'maniphest.search') {
        const wanted = params.constraints?.projects;
        if (wanted) asked.push(wanted);
        const reply = openUbn();
        reply.result.data = [];
        return reply;
      }
      return undefined;
    });
    const { code } = await gate([...BASE, '--project', ECHO_SPRINT.phid, '--json'], f);
    expect(code).toBe(0);
    expect(asked.flat()).toEqual([ECHO_SPRINT.phid]);
  });
});
