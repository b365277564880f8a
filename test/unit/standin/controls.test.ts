// The /__standin/ test controls: clock, faults, reset, scenarios, login cookies, request log; and the CLI.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../standin/request-log';
import type { Standin } from '../../standin/server';
import { startStandin } from '../../standin/server';
import { call, control, ids, TOKENS } from './helpers';

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  await control(standin, 'scenario/captured');
  await control(standin, 'requests/clear');
});

const admin = { token: TOKENS.admin };
const ping = () => call(standin, 'conduit.ping', {});

describe('clock control', () => {
  it('advances and sets the clock that transactions use', async () => {
    expect((await control(standin, 'clock')).json.now).toBe(1795700887);
    expect((await control(standin, 'clock', { advanceSeconds: 7200 })).json.now).toBe(1795708087);
    expect((await control(standin, 'clock', { now: 1795800000 })).json.now).toBe(1795800000);
    await call(
      standin,
      'maniphest.edit',
      { objectIdentifier: 'T2', transactions: [{ type: 'comment', value: 'later' }] },
      admin,
    );
    const history = await call(standin, 'transaction.search', { objectIdentifier: 'T2', limit: 1 }, admin);
    expect(history.result.data[0].dateCreated).toBe(1795800000);
    const bad = await control(standin, 'clock', { advanceSeconds: -5 });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain('advanceSeconds');
  });
});

describe('fault injection', () => {
  it('answers 429 with Retry-After, 500, then recovers', async () => {
    await control(standin, 'faults', { method: 'conduit.ping', kind: '429', ms: 2500 });
    await control(standin, 'faults', { method: 'conduit.ping', kind: '500' });
    const limited = await fetch(`${standin.url}/api/conduit.ping`, { method: 'POST' });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
    const broken = await fetch(`${standin.url}/api/conduit.ping`, { method: 'POST' });
    expect(broken.status).toBe(500);
    expect((await ping()).error_code).toBeNull();
  });

  it('sends truncated JSON, delays, and drops connections, for the given number of calls', async () => {
    await control(standin, 'faults', { method: 'maniphest.search', kind: 'malformed', times: 2 });
    for (let i = 0; i < 2; i++) {
      const text = await (
        await fetch(`${standin.url}/api/maniphest.search`, {
          method: 'POST',
          body: new URLSearchParams({ 'api.token': TOKENS.admin }),
        })
      ).text();
      expect(() => JSON.parse(text)).toThrow();
    }
    expect(ids(await call(standin, 'maniphest.search', { constraints: { ids: [14] } }, admin))).toEqual([14]);
    await control(standin, 'faults', { method: '*', kind: 'latency', ms: 300 });
    const started = Date.now();
    await ping();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await control(standin, 'faults', { method: 'user.whoami', kind: 'drop' });
    await expect(fetch(`${standin.url}/api/user.whoami`, { method: 'POST' })).rejects.toThrow();
    expect((await control(standin, 'faults')).json.faults).toEqual([]);
  });

  it('refuses a fault it does not know, and clears faults', async () => {
    const bad = await control(standin, 'faults', { method: 'x', kind: 'teapot' });
    expect(bad.status).toBe(400);
    await control(standin, 'faults', { method: 'conduit.ping', kind: '500', times: 5 });
    await control(standin, 'faults', { clear: true });
    expect((await ping()).error_code).toBeNull();
  });
});

describe('request log', () => {
  it('counts Conduit calls and bytes, not control requests', async () => {
    await call(standin, 'maniphest.search', { constraints: { ids: [14] } }, admin);
    await call(standin, 'user.whoami', {}, { token: 'api-short' });
    await fetch(`${standin.url}/T14`);
    const log = (await control(standin, 'requests')).json.requests as LoggedRequest[];
    expect(log.map((entry) => [entry.path, entry.conduitMethod, entry.status, entry.errorCode])).toEqual([
      ['/api/maniphest.search', 'maniphest.search', 200, null],
      ['/api/user.whoami', 'user.whoami', 200, 'ERR-INVALID-AUTH'],
      ['/T14', null, 200, null],
    ]);
    expect(log.every((entry) => entry.bytesIn >= 0 && entry.bytesOut > 0)).toBe(true);
    expect(standin.requests.conduitCalls('maniphest.search')).toHaveLength(1);
  });
});

describe('scenarios and reset', () => {
  it('loads a posted scenario, refuses a broken one without losing the current one, and resets', async () => {
    const example = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../fixtures/standin/example-scenario.json'), 'utf8'),
    );
    const loaded = await control(standin, 'scenario', example);
    expect(loaded.status).toBe(200);
    expect(
      ids(await call(standin, 'maniphest.search', {}, { token: 'api-aaaaaaaaaaaaaaaaaaaaaaaaaaaa' })),
    ).toEqual([124, 123]);
    const broken = await control(standin, 'scenario', { users: [{ username: 'x' }] });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toContain('users.0.realName');
    expect((await control(standin, 'state')).json.tasks.map((task: { id: number }) => task.id)).toEqual([
      123, 124,
    ]);
    await call(
      standin,
      'maniphest.edit',
      { objectIdentifier: 'T123', transactions: [{ type: 'comment', value: 'x' }] },
      { token: 'api-aaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    );
    await control(standin, 'reset');
    const state = (await control(standin, 'state')).json;
    expect(state.tasks.find((task: { id: number }) => task.id === 123).transactions).toBe(7);
  });
});

describe('login control', () => {
  it('sets an HttpOnly phsid cookie without SameSite, like Phorge, and redirects to a local page', async () => {
    const response = await fetch(`${standin.url}/__standin/login?user=alice&next=/T14`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/T14');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^phsid=[a-z0-9]{40}; expires=.*; Max-Age=157680000; path=\/; domain=127\.0\.0\.1; HttpOnly$/,
    );
    expect(cookie).not.toMatch(/SameSite/i);
    const away = await fetch(`${standin.url}/__standin/login?user=alice&next=//evil.example/`, {
      redirect: 'manual',
    });
    expect(away.headers.get('location')).toBe('/');
    const unknown = await fetch(`${standin.url}/__standin/login?user=nobody`);
    expect(unknown.status).toBe(400);
    const disabled = await fetch(`${standin.url}/__standin/login?user=dave`);
    expect(disabled.status).toBe(403);
  });

  it('gives cookie-less visitors an anonymous session, as Phorge does', async () => {
    const response = await fetch(`${standin.url}/api/conduit.ping`, { method: 'POST' });
    expect(response.headers.get('set-cookie')).toMatch(/^phsid=A%2F[a-z0-9]{40}; /);
  });
});

describe('command line', () => {
  it('prints its address, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '../../standin/cli.ts'), '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Stand-in listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const reply = (await (await fetch(`${url}/api/conduit.ping`, { method: 'POST' })).json()) as {
      error_code: null;
    };
    expect(reply.error_code).toBeNull();
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 30_000);

  it('explains bad arguments', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '../../standin/cli.ts'), '--port', 'x'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--port needs a whole number');
  }, 30_000);
});
