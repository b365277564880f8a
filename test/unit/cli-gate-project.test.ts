// `steward gate --project NAME` counts what Maniphest's search counts for that project: tasks tagged
// with it or with any of its subprojects and milestones. Phorge drops the parent tag when a task is
// tagged with a milestone, so a task's own tags may name only the milestone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGate } from '../../src/cli/gate';
import { startStandin, type Standin } from '../standin/server';
import type { Scenario } from '../standin/scenario';
import { BASE, fakePhorge, gate, openUbn, page } from './cli.fake-phorge-fetch';

describe('gate --project against replies shaped like the captured Phorge', () => {
  const MEDIAWIKI = {
    id: 10,
    type: 'PROJ',
    phid: 'PHID-PROJ-mediawikiparent00000',
    fields: { name: 'MediaWiki', slug: 'mediawiki', milestone: null, depth: 0, parent: null },
    attachments: {},
  };
  const MILESTONE = {
    id: 11,
    type: 'PROJ',
    phid: 'PHID-PROJ-mediawiki144milest',
    fields: {
      name: 'MediaWiki-1.44',
      slug: null,
      milestone: 1,
      depth: 1,
      parent: { id: 10, phid: MEDIAWIKI.phid, name: 'MediaWiki' },
    },
    attachments: {},
  };

  it('blocks on an unowned UBN! tagged with a milestone of the project (as Maniphest search counts it)', async () => {
    const f = fakePhorge((method, params) => {
      if (method === 'project.search') {
        const c = params.constraints ?? {};
        const all = [MEDIAWIKI, MILESTONE];
        if (c.ancestors || c.parents) {
          const want = [...(c.ancestors ?? []), ...(c.parents ?? [])];
          return page(all.filter((p) => p.fields.parent && want.includes(p.fields.parent.phid)));
        }
        return page([MEDIAWIKI]);
      }
      if (method === 'maniphest.search') {
        const reply = openUbn();
        // T1: unowned UBN! for 200 days, tagged only with the milestone of MediaWiki.
        reply.result.data = reply.result.data.filter((t) => t.id === 1);
        for (const t of reply.result.data) t.attachments.projects.projectPHIDs = [MILESTONE.phid];
        const wanted = params.constraints?.projects;
        if (wanted !== undefined) {
          const covers = wanted.some((p) =>
            [MEDIAWIKI.phid, 'MediaWiki', 'mediawiki', MILESTONE.phid].includes(p),
          );
          if (!covers) reply.result.data = [];
        }
        return reply;
      }
      return undefined;
    });
    const { code, stdout } = await gate([...BASE, '--project', 'MediaWiki', '--json'], f);
    expect(JSON.parse(stdout)).toMatchObject({ blocked: true, blockingTasks: 1 });
    expect(code).toBe(1);
  });
});

describe('gate --project against the stand-in with subprojects and milestones', () => {
  const TOKEN = 'api-gateprojectbot00000000000000'.slice(0, 32);
  const unbreak = (id: number, title: string, project: string) => ({
    id,
    author: 'alice',
    dateCreated: '-2d',
    history: [
      { type: 'create' as const, by: 'alice', at: '-2d' },
      { type: 'title' as const, by: 'alice', at: '-2d', to: title },
      { type: 'projects' as const, by: 'alice', at: '-2d', add: [project] },
      { type: 'priority' as const, by: 'alice', at: '-5h', from: 'normal', to: 'unbreak' },
    ],
  });
  const SCENARIO: Scenario = {
    name: 'gate over a project hierarchy',
    now: '2026-11-26T12:00:00Z',
    users: [{ username: 'alice', realName: 'Alice Anderson', apiToken: TOKEN }],
    projects: [
      { name: 'MediaWiki' },
      { name: 'MediaWiki-1.44', parent: 'MediaWiki', milestone: true },
      { name: 'MediaWiki-Authentication', parent: 'MediaWiki' },
      { name: 'Echo' },
      { name: 'Payments' },
    ],
    tasks: [
      unbreak(701, 'Release branch fails to install', 'MediaWiki-1.44'),
      unbreak(702, 'Login loops on every wiki', 'MediaWiki-Authentication'),
      unbreak(703, 'Notifications missing', 'Echo'),
    ],
  };

  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin({ scenario: SCENARIO });
  });
  afterAll(async () => {
    await standin.close();
  });

  async function verdict(...projects: string[]) {
    let stdout = '';
    const args = ['--instance', standin.url, '--token', TOKEN, '--json'];
    const code = await runGate([...args, ...projects.flatMap((p) => ['--project', p])], {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
      now: () => standin.clock.now(),
      env: {},
    });
    const json = JSON.parse(stdout) as { blocked: boolean; tasks: { id: number }[] };
    return { code, blocked: json.blocked, ids: json.tasks.map((t) => t.id).sort() };
  }

  it('counts tasks tagged with a milestone or a subproject of the project', async () => {
    expect(await verdict('MediaWiki')).toEqual({ code: 1, blocked: true, ids: [701, 702] });
  });

  it('counts only the milestone when the milestone is named', async () => {
    expect(await verdict('MediaWiki-1.44')).toEqual({ code: 1, blocked: true, ids: [701] });
  });

  it('counts tasks of any of several projects, each with its descendants', async () => {
    expect(await verdict('MediaWiki-Authentication', 'Echo')).toEqual({
      code: 1,
      blocked: true,
      ids: [702, 703],
    });
  });

  it('passes when no task of the project or below it is open as UBN!', async () => {
    expect(await verdict('Payments')).toEqual({ code: 0, blocked: false, ids: [] });
  });
});
