// The report against the local Phabricator stand-in: a process owner declared through a real
// maniphest.edit comment, then acknowledged, as the clock moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../src/cli/report';
import { ConduitClient } from '../../src/phabricator/conduit';
import { startStandin } from '../standin/server';
import type { Standin } from '../standin/server';
import { TOKENS } from '../standin/accounts';

const SEEDED_AT = 1795700668;

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin({ now: SEEDED_AT });
});
afterAll(async () => {
  await standin.close();
});

interface JsonTask {
  id: number;
  escalationAgeSeconds: number;
  processOwner: { state: string; username: string | null };
  stale: { rule: string; severity: string }[];
}

async function t14(): Promise<JsonTask | undefined> {
  const out: string[] = [];
  const err: string[] = [];
  const now = new Date(standin.clock.now() * 1000).toISOString();
  const code = await runReport(['--instance', standin.url, '--token', TOKENS.admin, '--json', '--now', now], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  });
  expect(err.join('')).toBe('');
  expect(code).toBe(0);
  return (JSON.parse(out.join('')) as { tasks: JsonTask[] }).tasks.find((t) => t.id === 14);
}

function as(user: keyof typeof TOKENS): ConduitClient {
  return new ConduitClient({ baseUrl: standin.url, auth: { kind: 'token', token: TOKENS[user] } });
}

describe('report against the stand-in', () => {
  it('follows a declaration and its acknowledgement through maniphest.edit', async () => {
    expect(await t14()).toMatchObject({
      escalationAgeSeconds: 3600,
      processOwner: { state: 'none' },
      stale: [],
    });

    await as('alice').editTask('T14', [
      { type: 'comment', value: 'Process owner: @bob\nPlease drive this one.' },
    ]);
    standin.clock.advance(30 * 60);
    expect(await t14()).toMatchObject({ processOwner: { state: 'declared', username: 'bob' }, stale: [] });

    standin.clock.advance(4 * 3600);
    const waiting = await t14();
    expect(waiting?.stale.map((s) => s.rule)).toEqual(['not-acknowledged']);

    await as('bob').editTask('T14', [
      { type: 'comment', value: 'On it; bisecting the session handler change.' },
    ]);
    standin.clock.advance(60);
    expect(await t14()).toMatchObject({
      processOwner: { state: 'acknowledged', username: 'bob' },
      stale: [],
    });
  }, 30_000);
});
