// Comments that say who is in charge are read again by transaction PHID, across tasks, with
// transaction.search's `objectType` (documented by the captured Phorge's own method page). The stand-in
// answers it as that page says, and a client of an instance without it (Phabricator: one object per call)
// learns that it cannot, rather than failing the poll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConduitClient } from '../../../src/phabricator/conduit';
import type { Standin } from '../../standin/server';
import { startStandin } from '../../standin/server';
import { call, TOKENS } from '../standin/helpers';
import { conduitError, conduitOk, fakeFetch } from './support/fake-fetch';
import { responseText } from './support/fixtures';

const admin = { token: TOKENS.admin };
let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});

type Page = { result: { data: { phid: string; objectPHID: string }[] } | null; error_code: string | null };

describe('transaction.search by objectType, on the stand-in', () => {
  it('returns the named transactions of several tasks in one call', async () => {
    const t14 = (await call(
      standin,
      'transaction.search',
      { objectIdentifier: 'T14', limit: 1 },
      admin,
    )) as Page;
    const t11 = (await call(
      standin,
      'transaction.search',
      { objectIdentifier: 'T11', limit: 1 },
      admin,
    )) as Page;
    const wanted = [t14.result!.data[0]!.phid, t11.result!.data[0]!.phid];
    const both = (await call(
      standin,
      'transaction.search',
      { objectType: 'TASK', constraints: { phids: wanted } },
      admin,
    )) as Page;
    expect(both.error_code).toBeNull();
    expect(both.result!.data.map((tx) => tx.phid).sort()).toEqual([...wanted].sort());
    expect(new Set(both.result!.data.map((tx) => tx.objectPHID)).size).toBe(2);
  });

  it('refuses both an object and a type, and neither, with the documented codes', async () => {
    const both = await call(
      standin,
      'transaction.search',
      { objectIdentifier: 'T14', objectType: 'TASK' },
      admin,
    );
    expect(both.error_code).toBe('ERR-INVALID-PARAMETERS');
    const neither = await call(standin, 'transaction.search', {}, admin);
    expect(neither.error_code).toBe('ERR-INVALID-PARAMETER');
  });
});

describe('ConduitClient.taskTransactions', () => {
  it('reads them in one call and maps them like a task history', async () => {
    const fake = fakeFetch(() => ({ body: responseText('transaction.search.T14.by-phid') }));
    const client = new ConduitClient({
      baseUrl: 'http://127.0.0.1:8081',
      auth: { kind: 'token', token: 't' },
      fetch: fake.fetch,
    });
    const found = await client.taskTransactions(['PHID-XACT-TASK-a', 'PHID-XACT-TASK-b']);
    expect(found?.length).toBeGreaterThan(0);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.params).toMatchObject({
      objectType: 'TASK',
      constraints: { phids: ['PHID-XACT-TASK-a', 'PHID-XACT-TASK-b'] },
    });
  });

  it('says null on an instance that takes one object per call', async () => {
    const fake = fakeFetch(() =>
      conduitError(
        'ERR-CONDUIT-CORE',
        'When calling "transaction.search", you must provide an object to retrieve transactions for.',
      ),
    );
    const client = new ConduitClient({
      baseUrl: 'http://127.0.0.1:8081',
      auth: { kind: 'token', token: 't' },
      fetch: fake.fetch,
    });
    expect(await client.taskTransactions(['PHID-XACT-TASK-a'])).toBeNull();
  });

  it('asks nothing for no transactions', async () => {
    const fake = fakeFetch(() => conduitOk({ data: [], cursor: { after: null } }));
    const client = new ConduitClient({
      baseUrl: 'http://127.0.0.1:8081',
      auth: { kind: 'token', token: 't' },
      fetch: fake.fetch,
    });
    expect(await client.taskTransactions([])).toEqual([]);
    expect(fake.calls).toHaveLength(0);
  });
});
