// `steward gate` on an open UBN! task whose history reads empty (transaction.search returns no
// transactions): the task is UBN! now and has had no process owner since it was filed, so the gate
// must not wave a deploy through for it.
import { describe, expect, it } from 'vitest';
import { BASE, fakePhorge, gate, openUbn, page } from './cli.fake-phorge-fetch';

describe('gate on an open UBN! task whose history reads empty', () => {
  it('does not pass silently: the task is UBN! now and has had no process owner since it was filed', async () => {
    const f = fakePhorge((method) => {
      if (method === 'maniphest.search') {
        const reply = openUbn();
        reply.result.data = reply.result.data.filter((t) => t.id === 1); // filed 200+ days ago, nobody assigned
        return reply;
      }
      if (method === 'transaction.search') return page([]);
      return undefined;
    });
    const { code, stdout } = await gate([...BASE, '--json'], f);
    const verdict = JSON.parse(stdout) as { openUbnTasks: number; tasks: [{ escalatedAt: string | null }] };
    expect(verdict.openUbnTasks).toBe(1);
    // With no escalation found the task could never block, however long it has been UBN!.
    expect(verdict.tasks[0].escalatedAt).not.toBeNull();
    expect(code).toBe(1);
  });
});
