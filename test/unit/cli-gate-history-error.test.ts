// A task the search listed whose history cannot be read is left out only when Phorge says, by its own
// code, that the account cannot see it (made private meanwhile). Any other error, whatever its wording,
// leaves the gate without a verdict: leaving a task out could let a blocked deploy pass.
import { describe, expect, it } from 'vitest';
import { BASE, fakePhorge, gate } from './cli.fake-phorge-fetch';

const failingHistory = (code: string, info: string) =>
  fakePhorge((method) =>
    method === 'transaction.search' ? { result: null, error_code: code, error_info: info } : undefined,
  );

describe('gate when a listed task history cannot be read', () => {
  it('an error that merely says "does not exist" has no verdict (exit 2), not PASS', async () => {
    const { code, stdout } = await gate(
      BASE,
      failingHistory('ERR-CONDUIT-CORE', 'Edge type "task.subtask" does not exist.'),
    );
    expect(code).toBe(2);
    expect(stdout).not.toMatch(/^PASS/);
  });

  it('a task Phorge no longer shows (ERR-INVALID-OBJECT-PHID) is left out, with a verdict', async () => {
    const { code, stdout } = await gate(
      BASE,
      failingHistory('ERR-INVALID-OBJECT-PHID', 'Specified "objectIdentifier" does not exist.'),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PASS/);
  });
});
