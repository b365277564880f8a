// Arcanist's own tokens ("cli-…", what `arc install-certificate` writes into ~/.arcrc, a token source the
// README names) are masked like "api-…" ones wherever an error quotes the command line: Phorge's tokens
// are a type ("api", "cli", "clr") and 28 random characters, and all three open Conduit.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCoverage } from '../../src/cli/coverage';
import { INSTANCE, gate } from './cli.fake-phorge-fetch';

const CLI_TOKEN = 'cli-abcdefghijklmnopqrstuvwxyz23';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('a cli- (Arcanist) token in the wrong place', () => {
  it('gate: a stray positional cli- token is not printed', async () => {
    const { code, stderr } = await gate(['--instance', INSTANCE, CLI_TOKEN]);
    expect(code).toBe(2);
    expect(stderr).not.toContain(CLI_TOKEN);
  });

  it('coverage: a cli- token given in place of a file is not printed', async () => {
    let stderr = '';
    const code = await runCoverage([CLI_TOKEN], { stdout: () => undefined, stderr: (t) => (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).not.toContain(CLI_TOKEN);
  });

  it('steward <cli-token> (pasted in place of the command) is not printed', async () => {
    const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['bin/steward.js', CLI_TOKEN],
        { cwd: ROOT, timeout: 60_000, env: { PATH: process.env.PATH, HOME: ROOT } },
        (error, _stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr }),
      );
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command');
    expect(r.stderr).not.toContain(CLI_TOKEN);
  }, 60_000);
});
