// A user name and password in a URL argument never reach the CI log, also when the URL does not parse
// (a mistyped port, a password with an unencoded "#", "/" or "?", common in generated passwords).
import { describe, expect, it } from 'vitest';
import { runCoverage } from '../../src/cli/coverage';
import { runReport } from '../../src/cli/report';
import { BASE, TOKEN, fakePhorge, gate } from './cli.fake-phorge-fetch';

const SECRET = 'hunter2-registry-secret';

async function report(args: string[]) {
  let stderr = '';
  const code = await runReport(args, {
    stdout: () => undefined,
    stderr: (t) => (stderr += t),
    env: {},
    fetch: fakePhorge(),
  });
  return { code, stderr };
}

describe('a URL argument with credentials that does not parse', () => {
  it('report --registry with a mistyped port does not print the password', async () => {
    const { code, stderr } = await report([
      ...BASE,
      '--registry',
      `https://ci-bot:${SECRET}@wiki.example.org:99999/owners.yaml`,
    ]);
    expect(code).toBe(2);
    expect(stderr).not.toContain(SECRET);
  });

  it('coverage with a mistyped port does not print the password', async () => {
    let stderr = '';
    const code = await runCoverage([`https://ci-bot:${SECRET}@wiki.example.org:99999/owners.yaml`], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
    });
    expect(code).toBe(2);
    expect(stderr).not.toContain(SECRET);
  });

  it('gate --instance with an unencoded "#" in the password does not print the password', async () => {
    const { code, stderr } = await gate([
      '--instance',
      'https://deploybot:hunter2#s3cret@phab.example.org',
      '--token',
      TOKEN,
    ]);
    expect(code).toBe(2);
    expect(stderr).not.toContain('hunter2');
    expect(stderr).not.toContain('s3cret');
  });
});

async function coverageOf(input: string) {
  let stderr = '';
  const code = await runCoverage([input], { stdout: () => undefined, stderr: (t) => (stderr += t) });
  return { code, stderr };
}

describe('addresses with credentials that are not read as URLs', () => {
  it('coverage with "https:/" (one slash) does not print the password', async () => {
    const { code, stderr } = await coverageOf(`https:/ci-bot:${SECRET}@wiki.example.org/owners.yaml`);
    expect(code).toBe(2);
    expect(stderr).not.toContain(SECRET);
  });

  it('coverage with "https//" (no colon) does not print the password', async () => {
    const { code, stderr } = await coverageOf(`https//ci-bot:${SECRET}@wiki.example.org/owners.yaml`);
    expect(code).toBe(2);
    expect(stderr).not.toContain(SECRET);
  });

  it('gate --instance without a scheme does not print the user name', async () => {
    const { code, stderr } = await gate([
      '--instance',
      'deploybot:hunter2@phab.example.org',
      '--token',
      TOKEN,
    ]);
    expect(code).toBe(2);
    expect(stderr).not.toContain('hunter2');
    expect(stderr).not.toContain('deploybot');
  });
});
