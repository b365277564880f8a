// Command-line arguments the commands refuse or take: --now only as an ISO 8601 date-time with an
// offset (Date.parse would read "Nov 26" as 2001, and a gate evaluated then passes), usage errors
// that never echo a secret, and -h for help.
import { describe, expect, it } from 'vitest';
import { runCoverage } from '../../src/cli/coverage';
import { runReport } from '../../src/cli/report';
import { BASE, fakePhorge, gate, INSTANCE, TOKEN } from './cli.fake-phorge-fetch';

async function evaluatedAt(now: string) {
  const { code, stdout, stderr } = await gate([
    '--instance',
    INSTANCE,
    '--token',
    TOKEN,
    '--now',
    now,
    '--json',
  ]);
  return {
    code,
    stderr,
    at: code === 2 ? null : (JSON.parse(stdout) as { evaluatedAt: string }).evaluatedAt,
  };
}

describe('--now', () => {
  it.each(['Nov 26', '1'])(
    'refuses "%s", which is not ISO 8601, instead of evaluating in 2001 (exit 2)',
    async (now) => {
      const { code, stdout, stderr } = await gate(['--instance', INSTANCE, '--token', TOKEN, '--now', now]);
      expect(stdout).not.toMatch(/^PASS/);
      expect(stderr).toMatch(/--now/);
      expect(code).toBe(2);
    },
  );

  it.each([
    ['2026-11-26T13:44:28Z', '2026-11-26T13:44:28Z'],
    ['2026-11-26T14:44:28+01:00', '2026-11-26T13:44:28Z'],
    ['2026-11-26T08:14:28-0530', '2026-11-26T13:44:28Z'],
    ['2026-11-26T13:44Z', '2026-11-26T13:44:00Z'],
    ['2026-11-26T13:44:28.999Z', '2026-11-26T13:44:28Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00Z'],
  ])('takes %s as %s', async (now, expected) => {
    expect(await evaluatedAt(now)).toMatchObject({ stderr: '', at: expected });
  });

  it.each([
    ['2026-11-26T13:44:28', 'is not an ISO 8601 date-time with Z or an offset'],
    ['2026-11-26', 'is not an ISO 8601 date-time with Z or an offset'],
    ['26 Nov 2026 13:44:28 GMT', 'is not an ISO 8601 date-time with Z or an offset'],
    ['2026-02-29T00:00:00Z', 'is not a real date and time'],
    ['2026-11-31T12:00:00Z', 'is not a real date and time'],
    ['2026-11-26T24:00:00Z', 'is not a real date and time'],
    ['2026-11-26T13:60:00Z', 'is not a real date and time'],
    ['2026-11-26T13:44:28+25:00', 'is not a real date and time'],
  ])('refuses %s with exit 2 and says why', async (now, why) => {
    const { code, stderr } = await evaluatedAt(now);
    expect(code).toBe(2);
    // One line, naming the option, the text and what is wrong with it.
    expect(stderr.split('\n')).toEqual([expect.stringContaining(`steward gate: --now "${now}" ${why}`), '']);
  });

  it('is read the same way by report', async () => {
    let stderr = '';
    const code = await runReport(['--instance', INSTANCE, '--token', TOKEN, '--now', 'Nov 26'], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      env: {},
      fetch: fakePhorge(),
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^steward report: --now "Nov 26" is not an ISO 8601 date-time with Z or an offset, e\.g\. /,
    );
  });
});

describe('usage errors never echo a secret', () => {
  const secret = 'api-abcdefghijklmnopqrstuvwxyz12';

  it('does not print a token given as a stray positional argument to gate (forgotten --token)', async () => {
    const { code, stderr } = await gate(['--instance', INSTANCE, secret]);
    expect(code).toBe(2);
    expect(stderr).not.toContain(secret);
    expect(stderr).toContain("Unexpected argument 'api-…'");
  });

  it('does not print a token given as a stray positional argument to report', async () => {
    let stderr = '';
    const code = await runReport(['--instance', INSTANCE, secret], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      env: {},
      fetch: fakePhorge(),
    });
    expect(code).toBe(2);
    expect(stderr).not.toContain(secret);
  });

  it('does not print a token given to coverage in place of a file', async () => {
    let stderr = '';
    const code = await runCoverage([secret], { stdout: () => undefined, stderr: (t) => (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).toBe('coverage: api-…: no such file\n');
  });

  it('does not print the password of an --instance URL it refuses for carrying one', async () => {
    const { code, stderr } = await gate(['--instance', 'https://deploybot:hunter2-s3cret@phab.example.org']);
    expect(code).toBe(2);
    expect(stderr).not.toContain('hunter2-s3cret');
    expect(stderr).not.toContain('deploybot');
    expect(stderr).toBe(
      'steward gate: --instance "https://…@phab.example.org" is not usable: remove the user name and password from the address\n',
    );
  });
});

describe('help', () => {
  it.each(['-h', '--help'])('gate %s prints the help and exits 0', async (flag) => {
    const { code, stdout, stderr } = await gate([flag]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: steward gate --instance URL/);
  });

  it('report -h prints the help and exits 0', async () => {
    let stdout = '';
    const code = await runReport(['-h'], { stdout: (t) => (stdout += t), stderr: () => undefined, env: {} });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: steward report --instance URL/);
  });

  it('gate -h prints the help whatever else is given', async () => {
    expect((await gate([...BASE, '-h'])).code).toBe(0);
  });
});
