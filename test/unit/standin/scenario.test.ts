// Scenario files: relative times, worlds derived from histories, and clear messages for mistakes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../standin/build-world';
import type { Scenario } from '../../standin/scenario';
import { parseScenario, ScenarioError } from '../../standin/scenario';
import { loadBuiltinScenario } from '../../standin/state';
import { resolveTime } from '../../standin/time';

const NOW = 1795700668;
const example = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../fixtures/standin/example-scenario.json'), 'utf8'),
) as Scenario;

const build = (scenario: unknown, now = NOW) => buildWorld(parseScenario(scenario), now);

describe('scenario times', () => {
  it.each([
    ['now', NOW],
    ['-6d', NOW - 6 * 86400],
    ['-2h30m', NOW - 9000],
    ['+1w', NOW + 7 * 86400],
    ['-1d2h3m4s', NOW - 93784],
    [1787924668, 1787924668],
    ['2026-11-26T13:44:28Z', 1795700668],
    ['2026-11-26 13:44:28Z', 1795700668],
  ])('reads %s', (spec, expected) => {
    expect(resolveTime(spec, NOW, 'test')).toBe(expected);
  });

  it.each(['yesterday', '-6x', '-', '', 'T-1d'])('explains what it cannot read: %s', (spec) => {
    expect(() => resolveTime(spec, NOW, 'tasks T1.dateCreated')).toThrow(
      /tasks T1\.dateCreated: cannot read the time .*"-6d"/,
    );
  });
});

describe('the README example scenario', () => {
  it('is the scenario printed in the README', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../standin/README.md'), 'utf8');
    const block = /```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(JSON.parse(block)).toEqual(example);
  });

  it('builds a world whose fields come from the histories', () => {
    const now = Date.parse('2026-11-26T12:00:00Z') / 1000;
    const world = build(example, now);
    expect(world.warnings).toEqual([]);
    const task = world.taskById(123);
    expect(task).toMatchObject({
      title: 'Global login broken',
      priority: 100,
      status: 'open',
      dateModified: now - 3600,
    });
    const escalation = world
      .xactionsOf(task!)
      .find((xaction) => xaction.change.kind === 'priority' && xaction.change.to === 100);
    expect(escalation?.dateCreated).toBe(now - 3600);
    expect(escalation?.groupID).toBe(world.xactionsOf(task!).at(-1)?.groupID);
    const restricted = world.taskById(124)!;
    expect(world.canView(restricted, world.userByName('carol')!)).toBe(false);
    expect(world.canView(restricted, world.userByName('alice')!)).toBe(true);
    expect(world.xactionsOf(restricted).map((xaction) => xaction.change.kind)).toEqual([
      'create',
      'title',
      'priority',
      'owner',
      'projects',
      'subscribers',
    ]);
    expect(world.availability(world.userByName('carol')!, now).value).toBe('away');
    expect(world.roles(world.userByName('dave')!)).toEqual(['disabled', 'verified', 'approved']);
  });
});

describe('the built-in captured world', () => {
  it('loads without warnings, with every task history consistent with its fields', () => {
    const scenario = loadBuiltinScenario();
    const world = buildWorld(scenario, 1795700887);
    expect(world.warnings).toEqual([]);
    expect(world.tasks).toHaveLength(16);
    expect(world.users.map((user) => user.username)).toEqual([
      'admin',
      'alice',
      'bob',
      'carol',
      'dave',
      'erin',
      'triage-bot',
    ]);
    expect(world.nextXactionId).toBe(161);
  });
});

describe('mistakes get messages that say where and how to fix them', () => {
  const base = { users: [{ username: 'alice', realName: 'A' }] };
  it.each([
    [
      { ...base, tasks: [{ id: 1, author: 'zed', title: 't', dateCreated: 'now' }] },
      /tasks T1\.author: no user "zed"/,
    ],
    [
      { ...base, tasks: [{ id: 1, author: 'alice', title: 't', dateCreated: 'soon' }] },
      /tasks T1\.dateCreated: cannot read the time "soon"/,
    ],
    [
      { ...base, tasks: [{ id: 1, author: 'alice', title: 't', priority: 'urgent', dateCreated: 'now' }] },
      /unknown priority "urgent"; use a value, a keyword \(unbreak, triage/,
    ],
    [
      { ...base, tasks: [{ id: 1, author: 'alice', title: 't', projects: ['Nope'], dateCreated: 'now' }] },
      /no project "Nope"/,
    ],
    [{ ...base, tasks: [{ id: 1, author: 'alice', dateCreated: 'now' }] }, /needs a title/],
    [{ users: [] }, /users: .*/],
    [
      { users: [{ username: 'alice', realName: 'A', apiToken: 'api-123' }] },
      /users\.0\.apiToken: an API token: "api-" then 28/,
    ],
    [
      { ...base, tasks: [{ id: 1, author: 'alice', title: 't', dateCreated: 'now', colour: 'red' }] },
      /tasks\.0: Unrecognized key/,
    ],
  ])('%#', (scenario, message) => {
    expect(() => build(scenario)).toThrow(ScenarioError);
    expect(() => build(scenario)).toThrow(message);
  });

  it('warns when a stated field disagrees with the history', () => {
    const world = build({
      ...base,
      tasks: [
        {
          id: 1,
          author: 'alice',
          status: 'resolved',
          dateCreated: '-1d',
          history: [
            { type: 'create', by: 'alice', at: '-1d' },
            { type: 'title', by: 'alice', at: '-1d', to: 'x' },
          ],
        },
      ],
    });
    expect(world.warnings).toEqual(['tasks T1: status is "resolved" but the history leads to "open"']);
    expect(world.taskById(1)?.status).toBe('resolved');
  });
});
