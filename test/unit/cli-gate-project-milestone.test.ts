// `gate --project NAME` where a root project and milestones carry the same name: Phorge checks a name's
// uniqueness only for projects that are not milestones, so a root "Sprint 5" (slug sprint_5) and
// milestones "Sprint 5" under other projects coexist. The gate refuses such a name with every PHID that
// carries it, rather than gating on the project the slug finds.
import { describe, expect, it } from 'vitest';
import { BASE, fakePhorge, gate, openUbn, page } from './cli.fake-phorge-fetch';

const ROOT_SPRINT = {
  id: 300,
  type: 'PROJ',
  phid: 'PHID-PROJ-sprint5rootproject00',
  fields: { name: 'Sprint 5', slug: 'sprint_5', milestone: null, depth: 0, parent: null },
  attachments: {},
};
const ECHO_SPRINT = {
  id: 301,
  type: 'PROJ',
  phid: 'PHID-PROJ-sprint5milestone0301',
  fields: {
    name: 'Sprint 5',
    slug: null,
    milestone: 5,
    depth: 1,
    parent: { id: 2, phid: 'PHID-PROJ-zfxds4nsxmtd5evuvldm', name: 'Echo' },
  },
  attachments: {},
};

describe('gate --project with a name a root project and a milestone share', () => {
  it('refuses the ambiguous name (with both PHIDs) instead of gating on the root project only', async () => {
    const asked: string[][] = [];
    const f = fakePhorge((method, params) => {
      if (method === 'project.search') {
        const c = (params.constraints ?? {}) as { slugs?: string[]; name?: string; phids?: string[] };
        if (c.slugs) return page(c.slugs.includes('sprint_5') ? [ROOT_SPRINT] : []);
        // Phorge's `name` constraint matches by tokens: both projects called "Sprint 5".
        if (c.name !== undefined) return page([ROOT_SPRINT, ECHO_SPRINT]);
        return page([]);
      }
      if (method === 'maniphest.search') {
        const wanted = params.constraints?.projects ?? [];
        asked.push(wanted);
        const reply = openUbn();
        // T1 (unowned UBN! for 200 days) is on Echo's Sprint 5 milestone only.
        reply.result.data = reply.result.data.filter((t) => t.id === 1);
        for (const t of reply.result.data) t.attachments.projects.projectPHIDs = [ECHO_SPRINT.phid];
        if (!wanted.includes(ECHO_SPRINT.phid)) reply.result.data = [];
        return reply;
      }
      return undefined;
    });
    const { code, stdout, stderr } = await gate([...BASE, '--project', 'Sprint 5'], f);
    expect({ code, asked, stdout: stdout.split('\n')[0] }).toMatchObject({ code: 2 });
    expect(stderr).toContain(ROOT_SPRINT.phid);
    expect(stderr).toContain(ECHO_SPRINT.phid);
  });
});
