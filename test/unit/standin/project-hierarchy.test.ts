// Subprojects and milestones as Phorge treats them: a plain project in maniphest.search's `projects`
// constraint matches the project and everything below it (PhabricatorProjectLogicalAncestorDatasource),
// any(PHID) matches exactly that project, project.search reports and filters the hierarchy, and
// tagging a task with a milestone or subproject removes its ancestors' tags (applyProjectConflictRules).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildWorld } from '../../standin/build-world';
import type { Scenario } from '../../standin/scenario';
import { parseScenario } from '../../standin/scenario';
import type { Standin } from '../../standin/server';
import { startStandin } from '../../standin/server';
import { call, control, ids } from './helpers';

const TOKEN = 'api-hierarchyadmin00000000000000'.slice(0, 32);
const auth = { token: TOKEN };

const SCENARIO: Scenario = {
  name: 'project hierarchy',
  now: '2026-11-26T12:00:00Z',
  users: [{ username: 'alice', realName: 'Alice Anderson', apiToken: TOKEN }],
  projects: [
    { name: 'MediaWiki' },
    { name: 'MediaWiki-1.44', parent: 'MediaWiki', milestone: true },
    { name: 'MediaWiki-1.45', parent: 'MediaWiki', milestone: true },
    { name: 'MediaWiki-Authentication', parent: 'MediaWiki' },
    { name: 'Echo' },
  ],
  tasks: [
    { id: 1, author: 'alice', title: 'On the milestone', projects: ['MediaWiki-1.44'], dateCreated: '-1d' },
    { id: 2, author: 'alice', title: 'On the parent', projects: ['MediaWiki'], dateCreated: '-1d' },
    {
      id: 3,
      author: 'alice',
      title: 'On the subproject',
      projects: ['MediaWiki-Authentication'],
      dateCreated: '-1d',
    },
    { id: 4, author: 'alice', title: 'Elsewhere', projects: ['Echo'], dateCreated: '-1d' },
  ],
};

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin({ scenario: SCENARIO });
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  await control(standin, 'reset');
});

const world = () => standin.state.world;
const phid = (name: string) => world().projectByRef(name)?.phid ?? `missing:${name}`;
const searchTasks = async (projects: string[]) =>
  ids(await call(standin, 'maniphest.search', { constraints: { projects } }, auth));
const searchProjects = (constraints: Record<string, unknown>) =>
  call(standin, 'project.search', { constraints, attachments: { ancestors: true } }, auth);

describe('maniphest.search projects constraint over a hierarchy', () => {
  it('matches a project by name, slug or PHID together with its milestones and subprojects', async () => {
    expect(await searchTasks(['MediaWiki'])).toEqual([3, 2, 1]);
    expect(await searchTasks(['mediawiki'])).toEqual([3, 2, 1]);
    expect(await searchTasks([phid('MediaWiki')])).toEqual([3, 2, 1]);
    expect(await searchTasks([phid('MediaWiki-1.44')])).toEqual([1]);
  });

  it('ANDs plain projects, and matches any(PHID) on that project alone', async () => {
    expect(await searchTasks(['MediaWiki', 'Echo'])).toEqual([]);
    expect(await searchTasks([`any(${phid('MediaWiki')})`])).toEqual([2]);
    expect(await searchTasks([`any(${phid('MediaWiki')})`, `any(${phid('Echo')})`])).toEqual([4, 2]);
  });
});

describe('project.search over a hierarchy', () => {
  it('reports milestone number, depth and parent; a milestone has no slug', async () => {
    const reply = await searchProjects({ phids: [phid('MediaWiki-1.45')] });
    const [milestone] = reply.result.data;
    expect(milestone.fields).toMatchObject({
      name: 'MediaWiki-1.45',
      slug: null,
      milestone: 2,
      depth: 1,
      parent: { phid: phid('MediaWiki'), name: 'MediaWiki' },
    });
    expect(milestone.attachments.ancestors.ancestors.map((a: { name: string }) => a.name)).toEqual([
      'MediaWiki',
    ]);
  });

  it('filters by parents, ancestors, isMilestone, isRoot and depth', async () => {
    const names = async (constraints: Record<string, unknown>) =>
      (await searchProjects(constraints)).result.data.map((p: { fields: { name: string } }) => p.fields.name);
    const children = ['MediaWiki-1.44', 'MediaWiki-1.45', 'MediaWiki-Authentication'];
    expect(await names({ parents: [phid('MediaWiki')] })).toEqual(children);
    expect(await names({ ancestors: [phid('MediaWiki')] })).toEqual(children);
    expect(await names({ isMilestone: true })).toEqual(['MediaWiki-1.44', 'MediaWiki-1.45']);
    expect(await names({ isRoot: true })).toEqual(['Echo', 'MediaWiki']);
    expect(await names({ minDepth: 1, isMilestone: false })).toEqual(['MediaWiki-Authentication']);
    expect(await names({ maxDepth: 0 })).toEqual(['Echo', 'MediaWiki']);
  });
});

describe('maniphest.edit tags over a hierarchy', () => {
  const tags = async (id: number) => {
    const reply = await call(
      standin,
      'maniphest.search',
      { constraints: { ids: [id] }, attachments: { projects: true } },
      auth,
    );
    return [...reply.result.data[0].attachments.projects.projectPHIDs].sort();
  };
  const add = (id: number, project: string) =>
    call(
      standin,
      'maniphest.edit',
      { objectIdentifier: id, transactions: [{ type: 'projects.add', value: [project] }] },
      auth,
    );

  it('drops the parent tag when a milestone or subproject of it is added', async () => {
    expect((await add(2, 'MediaWiki-1.44')).error_code).toBeNull();
    expect(await tags(2)).toEqual([phid('MediaWiki-1.44')]);
    await add(4, 'MediaWiki-Authentication');
    expect(await tags(4)).toEqual([phid('Echo'), phid('MediaWiki-Authentication')].sort());
  });

  it('moves a task from one milestone to another of the same parent', async () => {
    await add(1, 'MediaWiki-1.45');
    expect(await tags(1)).toEqual([phid('MediaWiki-1.45')]);
  });
});

describe('scenario mistakes in a hierarchy', () => {
  const build = (projects: unknown[]) =>
    buildWorld(parseScenario({ users: [{ username: 'alice', realName: 'A' }], projects }), 1795700668);

  it.each([
    [[{ name: 'M', milestone: true }], /projects\[0\] \(M\): a milestone needs a "parent" project/],
    [[{ name: 'Sub', parent: 'Later' }, { name: 'Later' }], /no earlier project "Later"/],
    [
      [{ name: 'P' }, { name: 'M', parent: 'P', milestone: true }, { name: 'X', parent: 'M' }],
      /a milestone cannot have subprojects or milestones/,
    ],
  ])('%#', (projects, message) => {
    expect(() => build(projects)).toThrow(message);
  });
});
