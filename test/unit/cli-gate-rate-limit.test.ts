// `steward gate` in a deployment pipeline when Phorge rate-limits it with a long Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGate } from '../../src/cli/gate';
import { startStandin, type Standin } from '../standin/server';
import { TOKENS } from '../standin/accounts';

let site: Standin;

beforeAll(async () => {
  site = await startStandin({ port: 0 });
});
afterAll(() => site.close());

describe('steward gate, rate-limited', () => {
  it('does not promise a retry it never makes, and says how long Phorge asked it to wait', async () => {
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: '*', kind: '429', ms: 600_000, times: 10 }),
    });
    let err = '';
    const code = await runGate(['--instance', site.url, '--token', TOKENS.alice], {
      stdout: () => undefined,
      stderr: (text) => (err += text),
      env: {},
    });
    expect(code).toBe(2);
    // Not the extension's sentence ("…; Steward will try again later."): the command has exited with
    // status 2 and nothing tries again; the 10 minutes Phorge asked for (Retry-After: 600) are said.
    expect(err).not.toMatch(/will try again later/);
    expect(err).toMatch(/10 minutes|600 s/);
  });
});
