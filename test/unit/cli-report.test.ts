// The UBN! report command against a Phorge that answers with the captured replies, over real HTTP.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../src/cli/report';
import { ADMIN_TOKEN, startFakePhorge } from './cli-report.fake-phorge';
import type { FakePhorge } from './cli-report.fake-phorge';

const SEEDED = '2026-11-26T13:44:28Z';
const REGISTRY = fileURLToPath(new URL('../fixtures/registry/example.yaml', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DAY = 86400;
const HOUR = 3600;

let phorge: FakePhorge;
beforeAll(async () => {
  phorge = await startFakePhorge();
});
afterAll(async () => {
  await phorge.close();
});

async function report(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  // No CONDUIT_TOKEN and no ~/.arcrc: only --token counts here (test/unit/cli-gate.*.test.ts covers the rest).
  const code = await runReport(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {} });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

interface JsonTask {
  id: number;
  title: string;
  escalatedAt: string;
  escalationAgeSeconds: number;
  recurrence: number;
  processOwner: { state: string; username: string | null };
  stale: { rule: string; severity: string }[];
  owners?: { components: { name: string }[]; flags: { label: string; component: string | null }[] };
}

async function jsonReport(...extra: string[]): Promise<JsonTask[]> {
  const { code, stdout, stderr } = await report(
    '--instance',
    phorge.url,
    '--token',
    ADMIN_TOKEN,
    '--json',
    '--now',
    SEEDED,
    ...extra,
  );
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return (JSON.parse(stdout) as { tasks: JsonTask[] }).tasks;
}

describe('report --json', () => {
  it('lists every open UBN! task, longest-running first, with the ages of the fixture README', async () => {
    const tasks = await jsonReport();
    expect(tasks.map((t) => [t.id, t.escalationAgeSeconds])).toEqual([
      [1, 200 * DAY],
      [7, 20 * DAY],
      [11, 6 * DAY],
      [6, 2 * DAY],
      [15, 24 * HOUR],
      [16, 3 * HOUR],
      [14, 1 * HOUR],
    ]);
    expect(tasks.every((t) => t.recurrence === 1)).toBe(true);
  });

  it('gives escalation time, process-owner state and the rules that fire', async () => {
    const byId = new Map((await jsonReport()).map((t) => [t.id, t]));
    expect(byId.get(6)).toMatchObject({
      title: 'Echo notification badge shows stale unread count after "Mark all as read"',
      escalatedAt: '2026-11-24T13:44:28Z',
      processOwner: { state: 'assignee', username: 'bob' },
      stale: [
        { rule: 'no-process-owner', severity: 'warning' },
        { rule: 'owner-silent', severity: 'warning' },
      ],
    });
    expect(byId.get(14)).toMatchObject({ processOwner: { state: 'none', username: null }, stale: [] });
    expect(byId.get(7)?.stale.slice(0, 2)).toEqual([
      expect.objectContaining({ rule: 'owner-unavailable', severity: 'critical' }),
      expect.objectContaining({ rule: 'escalation-age', severity: 'critical' }),
    ]);
    expect(byId.get(11)?.stale.map((s) => s.rule)).toContain('owner-unavailable');
  });

  it('moves with --now', async () => {
    const later = await jsonReport('--now', '2026-11-27T14:44:28Z');
    const t14 = later.find((t) => t.id === 14);
    expect(t14?.escalationAgeSeconds).toBe(DAY + 2 * HOUR);
    expect(t14?.stale.map((s) => s.rule)).toEqual(['no-process-owner']);
  });

  it('adds the owners from a registry', async () => {
    const byId = new Map((await jsonReport('--registry', REGISTRY)).map((t) => [t.id, t]));
    expect(byId.get(1)?.owners?.components.map((c) => c.name)).toEqual([
      'Authentication and Authorization',
      'Security',
      'CentralAuth',
    ]);
    expect(byId.get(1)?.owners?.flags).toContainEqual(
      expect.objectContaining({ label: 'Unassigned', component: 'CentralAuth' }),
    );
    expect(byId.get(6)?.owners?.components.map((c) => c.name)).toEqual(['Echo']);
  });
});

describe('report as text', () => {
  it('reads at a glance', async () => {
    const { code, stdout } = await report('--instance', phorge.url, '--token', ADMIN_TOKEN, '--now', SEEDED);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      `7 open Unbreak Now! tasks on ${phorge.url}, Thu, Nov 26, 2026, 1:44 PM GMT+0`,
    );
    expect(stdout).toContain(
      [
        'T11  Deployment train blocked: 1.44.0-wmf.5 fails scap sync-world on canary hosts',
        `  ${phorge.url}/T11`,
        '  UBN! for 6 days: filed as UBN! Fri, Nov 20, 2026, 1:44 PM GMT+0 (first escalation)',
        '  Process owner: none declared; assignee @carol',
      ].join('\n'),
    );
    expect(stdout).toContain('  Stale [CRITICAL]: Assignee @dave (not declared) has a disabled account');
    expect(stdout).toContain('T14  Global login fails with "Session hijacking attempt" error on all wikis');
    expect(stdout).toContain('  Stale: no rule fires');
  });

  it('names owners, flags and contacts with a registry', async () => {
    const { stdout } = await report(
      '--instance',
      phorge.url,
      '--token',
      ADMIN_TOKEN,
      '--now',
      SEEDED,
      '--registry',
      REGISTRY,
    );
    expect(stdout).toContain(
      '  Owners: CentralAuth [critical]: stewards none; maintainers Carol Chen (away)',
    );
    expect(stdout).toContain(
      '  Owners: owner of last resort: Release Engineering (no live steward for CentralAuth)',
    );
  });
});

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('report failures exit 2 with a message saying what to fix', () => {
  it.each([
    [
      ['--instance', 'ftp://phab.example.org', '--token', ADMIN_TOKEN],
      '--instance "ftp://phab.example.org" is not usable: only http and https addresses are allowed',
    ],
    [['--instance', 'phab.example.org', '--token', ADMIN_TOKEN], 'it is not a URL; write it with its scheme'],
    [['--token', ADMIN_TOKEN], '--instance is required.'],
    [
      ['--instance', 'http://127.0.0.1:1'],
      'no API token for http://127.0.0.1:1: pass --token, set CONDUIT_TOKEN, or add the instance to ~/.arcrc',
    ],
    [
      ['--instance', 'http://127.0.0.1:1', '--token', 'x', '--now', 'last tuesday'],
      '--now "last tuesday" is not an ISO 8601 date-time with Z or an offset',
    ],
    [['--instance', 'http://127.0.0.1:1', '--token', 'x', '--verbose'], "Unknown option '--verbose'"],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await report(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('a bad token, which is never printed even though Phorge quotes it', async () => {
    const { code, stderr } = await report(
      '--instance',
      phorge.url,
      '--token',
      'api-aaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      'steward report: the instance refused the API token from --token (API token "api-…" is not valid). Use the token of an active account; create one under Settings > Conduit API Tokens.\n',
    );
  });

  it('a network failure', async () => {
    const port = await unusedPort();
    const { code, stderr } = await report('--instance', `http://127.0.0.1:${port}`, '--token', ADMIN_TOKEN);
    expect(code).toBe(2);
    expect(stderr).toContain(`Could not reach 127.0.0.1:${port}`);
    expect(stderr).toContain('Check --instance and that the server is running.');
  }, 20_000);

  it('a pasted task URL still finds the instance (Phabricator lives at the root)', async () => {
    const { code, stderr } = await report('--instance', `${phorge.url}/T14`, '--token', ADMIN_TOKEN);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('an address that is not a Phabricator', async () => {
    const web = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>Welcome to nginx!</h1>');
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const address = web.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const { code, stderr } = await report('--instance', `http://127.0.0.1:${port}`, '--token', ADMIN_TOKEN);
      expect(code).toBe(2);
      expect(stderr).toContain('Is --instance the address of a Phabricator or Phorge?');
    } finally {
      await new Promise((resolve) => web.close(resolve));
    }
  });

  it('a registry that cannot be read or validated, before anything is fetched', async () => {
    const calls = phorge.calls.length;
    const missing = await report(
      '--instance',
      phorge.url,
      '--token',
      ADMIN_TOKEN,
      '--registry',
      '/nonexistent/owners.yaml',
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('steward report: --registry: /nonexistent/owners.yaml: no such file\n');
    const dir = mkdtempSync(join(tmpdir(), 'steward-report-'));
    const broken = join(dir, 'owners.yaml');
    writeFileSync(broken, 'components:\n  - name: Echo\n    stewards: 5\n');
    const invalid = await report('--instance', phorge.url, '--token', ADMIN_TOKEN, '--registry', broken);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(`--registry: invalid registry: ${broken}:3`);
    expect(phorge.calls.length).toBe(calls);
  });
});

describe('npm run report', () => {
  it('runs as a command and prints one JSON object', async () => {
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        'npm',
        [
          'run',
          '--silent',
          'report',
          '--',
          '--instance',
          phorge.url,
          '--token',
          ADMIN_TOKEN,
          '--json',
          '--now',
          SEEDED,
        ],
        { cwd: ROOT, timeout: 60_000 },
        (error, out) => resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout: out }),
      );
    });
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { tasks: JsonTask[] };
    expect(parsed.tasks).toHaveLength(7);
  }, 60_000);

  it('exits 2 on failure', async () => {
    const code = await new Promise<number>((resolve) => {
      execFile(
        'npm',
        ['run', '--silent', 'report', '--', '--instance', 'nope'],
        { cwd: ROOT, timeout: 60_000 },
        (error) => resolve(error === null ? 0 : Number(error.code ?? 1)),
      );
    });
    expect(code).toBe(2);
  }, 60_000);
});
