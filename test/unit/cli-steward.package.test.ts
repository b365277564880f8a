// The `steward` bin as people get it: `npx steward` in a checkout, and the packed tarball that a
// global install unpacks, run with plain node where no node_modules and no tsx exist, with exit
// statuses that reach the shell.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKENS } from '../standin/accounts';
import { startStandin } from '../standin/server';
import type { Standin } from '../standin/server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEEDED = '2026-11-26T13:44:28Z';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      // No CONDUIT_TOKEN from the machine, and a HOME without ~/.arcrc.
      { cwd, timeout: 120_000, env: { PATH: process.env.PATH, HOME: cwd, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let standin: Standin;
const tmp = mkdtempSync(join(tmpdir(), 'steward-package-'));
let unpacked: string;
let files: string[];

beforeAll(async () => {
  standin = await startStandin({ now: Date.parse(SEEDED) / 1000 });
  // `npm pack` runs prepack, which builds build/cli/steward.js.
  const packed = await run('npm', ['pack', '--json', '--pack-destination', tmp], ROOT, {
    npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? tmp, '.npm'),
  });
  expect(packed.code, packed.stderr).toBe(0);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  files = info!.files.map((f) => f.path).sort();
  const untar = await run('tar', ['-xzf', join(tmp, info!.filename)], tmp);
  expect(untar.code, untar.stderr).toBe(0);
  unpacked = join(tmp, 'package');
}, 180_000);

afterAll(async () => {
  await standin?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the packed steward command', { timeout: 60_000 }, () => {
  it('holds the launcher and the built bundle, not the TypeScript sources', () => {
    expect(files).toEqual(['README.md', 'bin/steward.js', 'build/cli/steward.js', 'package.json']);
  });

  const steward = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, [join(unpacked, 'bin/steward.js'), ...args], tmp, env);

  it('runs with plain node outside the checkout and exits 1 while the gate blocks', async () => {
    const r = await steward(['gate', '--instance', standin.url, '--now', SEEDED], {
      CONDUIT_TOKEN: TOKENS.admin,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^BLOCKED: 6 of 7 open Unbreak Now! tasks on /);
  });

  it('exits 0 when no task blocks', async () => {
    const r = await steward(
      ['gate', '--instance', standin.url, '--now', SEEDED, '--no-owner-hours', '100000', '--json'],
      { CONDUIT_TOKEN: TOKENS.admin },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ blocked: false, openUbnTasks: 7, blockingTasks: 0 });
  });

  it('does not echo a token given in place of the command', async () => {
    const secret = 'api-abcdefghijklmnopqrstuvwxyz12';
    const r = await steward([secret]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^steward: unknown command "api-…"\n/);
  });

  it("prints a command's help for -h", async () => {
    const r = await steward(['gate', '-h']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: steward gate --instance URL/);
  });

  it('exits 2 on an unknown command, a usage error and a refused token', async () => {
    const unknown = await steward(['deploy']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^steward: unknown command "deploy"\n\nusage: steward <command>/);
    const usage = await steward(['gate']);
    expect([usage.code, usage.stderr]).toEqual([
      2,
      'steward gate: --instance is required (see steward gate --help)\n',
    ]);
    const refused = await steward(['gate', '--instance', standin.url], {
      CONDUIT_TOKEN: 'api-aaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).not.toContain('aaaaaaaaaaaaaaaa');
  });

  it.each(['report', 'coverage', 'gate'])(
    'steward %s --help prints its usage and exits 0',
    async (command) => {
      const r = await steward([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: steward ${command} `, 'i'));
      expect(r.stdout).toMatch(/Exit status: 0 /);
    },
  );
});

describe('npx steward in the checkout', () => {
  it('runs the gate from the sources', async () => {
    const r = await run(
      'npx',
      ['steward', 'gate', '--instance', standin.url, '--now', SEEDED, '--json'],
      ROOT,
      {
        CONDUIT_TOKEN: TOKENS.admin,
        npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? tmp, '.npm'),
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ blocked: true, openUbnTasks: 7, blockingTasks: 6 });
  }, 120_000);
});
