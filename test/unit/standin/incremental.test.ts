// What incremental polling relies on, beyond the captured replies: Phorge's clock in the Date header,
// modifiedStart counting the same second, and transaction.search paging newest first by cursor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Standin } from '../../standin/server';
import { startStandin } from '../../standin/server';
import { call, control, ids, TOKENS } from './helpers';

const captured = (name: string) =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, `../../fixtures/standin/conduit/${name}.request.json`), 'utf8'),
  ) as { response_headers: Record<string, string> };

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  await control(standin, 'reset');
});

const admin = { token: TOKENS.admin };

async function comment(id: number): Promise<void> {
  const reply = await call(
    standin,
    'maniphest.edit',
    { objectIdentifier: `T${id}`, transactions: [{ type: 'comment', value: 'Still failing.' }] },
    admin,
  );
  expect(reply.error_code).toBeNull();
}

describe('the server clock a client can read', () => {
  it('stamps every Conduit reply with its own clock, in the captured HTTP-date format', async () => {
    const real = captured('maniphest.search.modified-since-3d').response_headers.Date;
    expect(real).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    standin.clock.set(1795693468);
    const response = await fetch(`${standin.url}/api/conduit.ping`, { method: 'POST', body: '' });
    const date = response.headers.get('Date') ?? '';
    expect(date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Date.parse(date) / 1000).toBe(1795693468);
  });
});

describe('modifiedStart, as a poll window uses it', () => {
  it('includes a task edited in the very second the window starts, and nothing older', async () => {
    standin.clock.advance(60);
    const at = standin.clock.now();
    await comment(14);
    const search = async (modifiedStart: number) =>
      ids(
        await call(standin, 'maniphest.search', { constraints: { modifiedStart, priorities: [100] } }, admin),
      );
    expect(await search(at)).toEqual([14]);
    expect(await search(at + 1)).toEqual([]);
    // Every task Phorge captured as modified since the bound, and only those (see the captured reply).
    expect(await search(1795441666)).toEqual(expect.arrayContaining([16, 15, 14, 11, 6]));
  });
});

describe('transaction.search paging newest first', () => {
  it('continues after the captured cursor with strictly older transactions', async () => {
    const first = await call(standin, 'transaction.search', { objectIdentifier: 'T1', limit: 2 }, admin);
    expect(first.result.cursor).toEqual({ limit: 2, after: '10', before: null });
    const next = await call(
      standin,
      'transaction.search',
      { objectIdentifier: 'T1', limit: 2, after: '10' },
      admin,
    );
    expect(ids(next).every((id) => id < 10)).toBe(true);
    expect(next.result.cursor.before).toBe(String(ids(next)[0]));
  });

  it('puts a new comment first, so a reader that knows the rest stops after one page', async () => {
    const before = ids(await call(standin, 'transaction.search', { objectIdentifier: 'T14' }, admin));
    await comment(14);
    const page = ids(await call(standin, 'transaction.search', { objectIdentifier: 'T14', limit: 5 }, admin));
    const known = page.indexOf(before[0] as number);
    expect(known).toBeGreaterThan(0);
    expect(page.slice(0, known).every((id) => id > Math.max(...before))).toBe(true);
  });
});
