// `steward gate` against the Phabricator stand-in, as a deployment pipeline calls it: exit 1 while
// an open UBN! task has gone past rule 1 without a process owner, 0 otherwise, 2 when there is no
// verdict. The tasks below are the cases the issue names: a released role, an acknowledged owner,
// a Security-only task the token cannot see, a fresh escalation and one nobody took.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runGate } from '../../src/cli/gate';
import type { Env } from '../../src/cli/token';
import { startStandin } from '../standin/server';
import type { Standin } from '../standin/server';
import type { Scenario } from '../standin/scenario';

const GATE_BOT = 'api-gatebot0000000000000000000000'.slice(0, 32);
const ALICE = 'api-alice00000000000000000000000'.slice(0, 32);
const DAVE = 'api-dave000000000000000000000000'.slice(0, 32);

const SCENARIO: Scenario = {
  name: 'deploy gate',
  now: '2026-11-26T12:00:00Z',
  users: [
    { username: 'alice', realName: 'Alice Anderson', apiToken: ALICE },
    { username: 'bob', realName: 'Bob Brown' },
    { username: 'carol', realName: 'Carol Chen' },
    { username: 'dave', realName: 'Dave Davis', roles: ['disabled'], apiToken: DAVE },
    { username: 'gatebot', realName: 'Deploy gate', roles: ['bot'], apiToken: GATE_BOT },
  ],
  projects: [
    { name: 'Payments', members: ['alice', 'bob', 'carol'] },
    { name: 'Search', members: ['alice'] },
    { name: 'Security', icon: 'policy', color: 'red', members: ['alice'] },
    { name: 'Billing', members: ['alice'] },
  ],
  tasks: [
    {
      id: 501,
      author: 'alice',
      dateCreated: '-30h',
      history: [
        { type: 'create', by: 'alice', at: '-30h' },
        { type: 'title', by: 'alice', at: '-30h', to: 'Card payments time out at checkout' },
        { type: 'projects', by: 'alice', at: '-30h', add: ['Payments'] },
        { type: 'priority', by: 'alice', at: '-25h', from: 'normal', to: 'unbreak' },
        { type: 'comment', by: 'alice', at: '-24h', text: 'Process owner: @bob' },
        { type: 'comment', by: 'bob', at: '-23h', text: 'On it.' },
        {
          type: 'comment',
          by: 'bob',
          at: '-69m',
          text: 'Process owner: none\nI am off shift; someone needs to take this.',
        },
      ],
    },
    {
      id: 502,
      author: 'alice',
      dateCreated: '-30h',
      history: [
        { type: 'create', by: 'alice', at: '-30h' },
        { type: 'title', by: 'alice', at: '-30h', to: 'Refunds are booked twice' },
        { type: 'projects', by: 'alice', at: '-30h', add: ['Payments'] },
        { type: 'priority', by: 'alice', at: '-30h', from: 'normal', to: 'unbreak' },
        { type: 'comment', by: 'alice', at: '-29h', text: 'Process owner: @carol' },
        { type: 'comment', by: 'carol', at: '-28h', text: 'Acknowledged, bisecting now.' },
      ],
    },
    {
      id: 503,
      title: 'Secret: session tokens readable by other wikis',
      author: 'alice',
      priority: 'unbreak',
      projects: ['Security'],
      viewPolicy: 'Security',
      editPolicy: 'Security',
      dateCreated: '-3d',
    },
    {
      id: 504,
      author: 'alice',
      dateCreated: '-2d',
      history: [
        { type: 'create', by: 'alice', at: '-2d' },
        // A title is anyone's text: an escape sequence in it must not reach a CI log raw.
        { type: 'title', by: 'alice', at: '-2d', to: 'Search suggestions empty\u001b[2J' },
        { type: 'projects', by: 'alice', at: '-2d', add: ['Search'] },
        { type: 'priority', by: 'alice', at: '-1h', from: 'normal', to: 'unbreak' },
      ],
    },
    {
      id: 505,
      author: 'alice',
      dateCreated: '-2d',
      history: [
        { type: 'create', by: 'alice', at: '-2d' },
        { type: 'title', by: 'alice', at: '-2d', to: 'Search index not updating' },
        { type: 'projects', by: 'alice', at: '-2d', add: ['Search'] },
        { type: 'priority', by: 'alice', at: '-5h', from: 'normal', to: 'unbreak' },
        { type: 'comment', by: 'carol', at: '-4h', text: 'Still broken for me too.' },
      ],
    },
    {
      id: 506,
      author: 'alice',
      dateCreated: '-2d',
      history: [
        { type: 'create', by: 'alice', at: '-2d' },
        { type: 'title', by: 'alice', at: '-2d', to: 'Invoices show the wrong currency' },
        { type: 'projects', by: 'alice', at: '-2d', add: ['Billing'] },
        { type: 'priority', by: 'alice', at: '-4h', from: 'normal', to: 'unbreak' },
        // A typo, or a renamed account: nobody by that name exists to drive the task.
        { type: 'comment', by: 'alice', at: '-3h', text: 'Process owner: @ghost' },
      ],
    },
  ],
};

let standin: Standin;
const home = mkdtempSync(join(tmpdir(), 'steward-gate-home-'));
beforeAll(async () => {
  standin = await startStandin({ scenario: SCENARIO });
});
afterAll(async () => {
  await standin.close();
  rmSync(home, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** No --token in `args` and no `env`: the token comes from CONDUIT_TOKEN = the gate bot's. */
async function gate(args: string[], env: Env = { CONDUIT_TOKEN: GATE_BOT, HOME: home }): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runGate(['--instance', standin.url, ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    now: () => standin.clock.now(),
    env,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

interface JsonTask {
  id: number;
  title: string;
  url: string;
  blocking: boolean;
  reason: string | null;
  blockingSince: string | null;
  withoutProcessOwnerSeconds: number | null;
  escalatedAt: string | null;
  escalationAgeSeconds: number | null;
  processOwner: { state: string; username: string | null };
}

interface JsonVerdict {
  instance: string;
  evaluatedAt: string;
  blocked: boolean;
  rule: { name: string; thresholdSeconds: number };
  projects: string[];
  openUbnTasks: number;
  blockingTasks: number;
  tasks: JsonTask[];
}

async function verdict(...args: string[]): Promise<{ code: number; json: JsonVerdict }> {
  const run = await gate(['--json', ...args]);
  expect(run.stderr).toBe('');
  return { code: run.code, json: JSON.parse(run.stdout) as JsonVerdict };
}

const HOUR = 3600;

describe('steward gate: the verdict', () => {
  it('blocks (exit 1) on a task nobody took, and says which task and why', async () => {
    const run = await gate([]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^BLOCKED: \d of 5 open Unbreak Now! tasks on http:\/\/127\.0\.0\.1:\d+ ha/);
    expect(run.stdout).toContain(
      [
        'BLOCKS  T505  Search index not updating',
        `        ${standin.url}/T505`,
        '        No process owner for 5 hours since escalation (UBN! for 5 hours)',
      ].join('\n'),
    );
    expect(run.stdout).toContain(
      [
        'ok      T502  Refunds are booked twice',
        `        ${standin.url}/T502`,
        '        process owner @carol, acknowledged (UBN! for 30 hours)',
      ].join('\n'),
    );
    expect(run.stdout).toContain(
      'ok      T504  Search suggestions empty\uFFFD[2J\n' +
        `        ${standin.url}/T504\n` +
        '        no process owner yet (UBN! for 1 hour)',
    );
  });

  it('gives tasks, reasons and ages with --json', async () => {
    const { code, json } = await verdict();
    expect(code).toBe(1);
    expect(json).toMatchObject({
      instance: standin.url,
      evaluatedAt: '2026-11-26T12:00:00Z',
      blocked: true,
      rule: { name: 'no-process-owner', thresholdSeconds: 2 * HOUR },
      projects: [],
      openUbnTasks: 5,
    });
    const byId = new Map(json.tasks.map((t) => [t.id, t]));
    expect(byId.get(505)).toEqual({
      id: 505,
      title: 'Search index not updating',
      url: `${standin.url}/T505`,
      blocking: true,
      reason: 'No process owner for 5 hours since escalation',
      blockingSince: '2026-11-26T09:00:00Z',
      withoutProcessOwnerSeconds: 5 * HOUR,
      escalatedAt: '2026-11-26T07:00:00Z',
      escalationAgeSeconds: 5 * HOUR,
      processOwner: { state: 'none', username: null },
    });
    expect(byId.get(502)).toMatchObject({
      blocking: false,
      reason: null,
      withoutProcessOwnerSeconds: null,
      escalationAgeSeconds: 30 * HOUR,
      processOwner: { state: 'acknowledged', username: 'carol' },
    });
    expect(byId.get(504)).toMatchObject({ blocking: false, escalationAgeSeconds: HOUR });
    // Blocking tasks come first.
    expect(json.tasks[0]?.blocking).toBe(true);
    expect(json.blockingTasks).toBe(json.tasks.filter((t) => t.blocking).length);
  });

  it('passes (exit 0) when every task has an acknowledged owner or is within the threshold', async () => {
    const run = await gate(['--project', 'Search', '--no-owner-hours', '6']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^PASS: 2 open Unbreak Now! tasks tagged Search on http:\/\/127\.0\.0\.1:\d+; none has gone 6 hours without a process owner\.\n/,
    );
  });

  it('takes the threshold from --no-owner-hours', async () => {
    const { code, json } = await verdict('--project', 'Search', '--no-owner-hours', '0.5');
    expect(code).toBe(1);
    expect(json.rule.thresholdSeconds).toBe(1800);
    expect(json.tasks.filter((t) => t.blocking).map((t) => t.id)).toEqual([505, 504]);
  });

  it('passes with an acknowledged process owner (--project keeps only tagged tasks)', async () => {
    const { json } = await verdict('--project', 'Payments');
    expect(json.tasks.map((t) => t.id).sort()).toEqual([501, 502]);
    expect(json.tasks.find((t) => t.id === 502)?.blocking).toBe(false);
  });

  // The role was released 69 minutes ago on a task escalated 25 hours ago: nobody drives it, and
  // the gate exists for exactly that moment (issue 14 item 9): rule 1 counts from the escalation.
  it('blocks on a released role, counted from the escalation (exit 1)', async () => {
    const { code, json } = await verdict('--project', 'Payments');
    expect(json.tasks.find((t) => t.id === 501)).toMatchObject({
      blocking: true,
      escalationAgeSeconds: 25 * HOUR,
      withoutProcessOwnerSeconds: 25 * HOUR,
      processOwner: { state: 'none', username: null },
    });
    expect(code).toBe(1);
  });

  it('blocks on a declaration that names no account: nobody is in charge (exit 1)', async () => {
    const { code, json } = await verdict('--project', 'Billing');
    expect(code).toBe(1);
    expect(json.tasks).toHaveLength(1);
    expect(json.tasks[0]).toMatchObject({
      id: 506,
      blocking: true,
      reason:
        'No process owner for 4 hours since escalation; the declared @ghost is not an account on this instance',
      withoutProcessOwnerSeconds: 4 * HOUR,
    });
  });

  it('does not count a Security-only task the token cannot see, and prints nothing about it', async () => {
    const asBot = await gate([]);
    const asBotJson = await verdict();
    for (const text of [asBot.stdout, JSON.stringify(asBotJson.json)]) {
      expect(text).not.toContain('T503');
      expect(text).not.toContain('503');
      expect(text).not.toMatch(/secret|session tokens/i);
    }
    expect(asBotJson.json.openUbnTasks).toBe(5);
    // A token that can see it (alice is in Security) counts it like any other.
    const asAlice = await gate(['--json'], { CONDUIT_TOKEN: ALICE });
    const seen = (JSON.parse(asAlice.stdout) as JsonVerdict).tasks.find((t) => t.id === 503);
    expect(seen).toMatchObject({ blocking: true, reason: 'No process owner for 3 days since escalation' });
  });

  it('leaves out a task made private between the search and the read of its history (a verdict, not exit 2)', async () => {
    const task = standin.state.world.taskById(505)!;
    const policy = task.policy;
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/api/transaction.search')) task.policy = { ...policy, view: 'admin' };
      return realFetch(input, init);
    });
    try {
      const { code, json } = await verdict();
      expect(code).toBe(1);
      expect(json.tasks.map((t) => t.id)).not.toContain(505);
    } finally {
      vi.unstubAllGlobals();
      task.policy = policy;
    }
  });
});

describe('steward gate: where the token comes from', () => {
  const arcrc = (content: string) => {
    const dir = mkdtempSync(join(home, 'arc-'));
    writeFileSync(join(dir, '.arcrc'), content, { mode: 0o600 });
    return dir;
  };

  it.each([
    ['the API URL Arcanist writes', (url: string) => `${url}/api/`],
    ['the instance URL without /api/', (url: string) => `${url}/`],
  ])('reads ~/.arcrc under $HOME, keyed by %s', async (_label, key) => {
    const dir = arcrc(JSON.stringify({ hosts: { [key(standin.url)]: { token: GATE_BOT } } }));
    const run = await gate(['--json'], { HOME: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as JsonVerdict).openUbnTasks).toBe(5);
  });

  it('prefers --token, then CONDUIT_TOKEN, then ~/.arcrc', async () => {
    const dir = arcrc(JSON.stringify({ hosts: { [`${standin.url}/api/`]: { token: ALICE } } }));
    const seen = async (args: string[], env: Env) =>
      (JSON.parse((await gate(['--json', ...args], env)).stdout) as JsonVerdict).openUbnTasks;
    expect(await seen([], { HOME: dir })).toBe(6); // alice sees T503
    expect(await seen([], { HOME: dir, CONDUIT_TOKEN: GATE_BOT })).toBe(5);
    expect(await seen(['--token', ALICE], { HOME: dir, CONDUIT_TOKEN: GATE_BOT })).toBe(6);
  });

  it('says where to put a token when there is none for this instance (exit 2)', async () => {
    const dir = arcrc(JSON.stringify({ hosts: { 'https://phab.example.org/api/': { token: ALICE } } }));
    const run = await gate([], { HOME: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `steward gate: no API token for ${standin.url}: pass --token, set CONDUIT_TOKEN, or add the instance to ~/.arcrc (arc install-certificate ${standin.url}/). Create a token under Settings > Conduit API Tokens.\n`,
    );
  });

  it('says so when the ~/.arcrc entry holds an old certificate but no token (exit 2)', async () => {
    const dir = arcrc(JSON.stringify({ hosts: { [`${standin.url}/api/`]: { user: 'gatebot', cert: 'x' } } }));
    const run = await gate([], { HOME: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `steward gate: ~/.arcrc has an entry for ${standin.url}/api/ but no API token in it; run arc install-certificate ${standin.url}/ or pass CONDUIT_TOKEN\n`,
    );
  });

  it('does not quote a broken ~/.arcrc, which holds tokens (exit 2)', async () => {
    const dir = arcrc(`{"hosts": {"${standin.url}/api/": {"token": "${GATE_BOT}"}`);
    const run = await gate([], { HOME: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'steward gate: ~/.arcrc is not valid JSON; fix it or pass the token with CONDUIT_TOKEN\n',
    );
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('steward gate: no verdict is exit 2 with one line', () => {
  it('an invalid or revoked token, never printed although Phorge quotes it', async () => {
    const revoked = 'api-revoked000000000000000000000'.slice(0, 32);
    const run = await gate([], { CONDUIT_TOKEN: revoked, HOME: home });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'steward gate: the instance refused the API token from CONDUIT_TOKEN (API token "api-…" is not valid). Use the token of an active account; create one under Settings > Conduit API Tokens.\n',
    );
    expect(run.stderr).not.toContain(revoked.slice(4));
  });

  it("a disabled account's token", async () => {
    const run = await gate(['--token', DAVE], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^steward gate: the instance refused the API token from --token \(.+\)\. .+\n$/,
    );
    expect(run.stderr).not.toContain(DAVE.slice(4));
  });

  it('connection refused', async () => {
    const port = await closedPort();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runGate(['--instance', `http://127.0.0.1:${port}`, '--token', GATE_BOT], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: {},
    });
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toMatch(/^steward gate: .+ Check --instance and that the server is running\.\n$/);
  }, 30_000);

  it.each([
    [[], '--instance is required (see steward gate --help)'],
    [
      ['--no-owner-hours', 'two'],
      '--no-owner-hours "two" is not a number of hours above zero, e.g. 2 or 0.5',
    ],
    [['--no-owner-hours', '0'], '--no-owner-hours "0" is not a number of hours above zero, e.g. 2 or 0.5'],
    [
      ['--now', 'friday'],
      '--now "friday" is not an ISO 8601 date-time with Z or an offset, e.g. 2026-11-26T13:44:28Z or 2026-11-26T14:44:28+01:00',
    ],
    [['--verbose'], "Unknown option '--verbose' (see steward gate --help)"],
    [
      ['T501'],
      "Unexpected argument 'T501'. This command does not take positional arguments (see steward gate --help)",
    ],
    [['--project', 'Nope'], '--project "Nope": no project of that name that this token\'s account can see'],
    [
      ['--instance', 'ftp://phab.example.org'],
      '--instance "ftp://phab.example.org" is not usable: only http and https addresses are allowed, not ftp',
    ],
  ])('usage: %j', async (args, message) => {
    const out: string[] = [];
    const err: string[] = [];
    const withInstance =
      args.length === 0 || args[0] === '--instance' ? args : ['--instance', standin.url, ...args];
    const code = await runGate(withInstance, {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: { CONDUIT_TOKEN: GATE_BOT },
    });
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toBe(`steward gate: ${message}\n`);
  });

  it('--help prints the options and exit statuses on stdout (exit 0)', async () => {
    const run = await gate(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: steward gate --instance URL/);
    expect(run.stdout).toContain(
      'Exit status: 0 no task blocks, 1 at least one task blocks, 2 usage error or failure (no verdict).',
    );
  });
});
