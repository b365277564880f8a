// The gate never waves a deploy through on a reply it cannot check: an instance that lists no open task
// status (no Phorge does; a proxy, a cache or an incompatible server) has no verdict, not "PASS".
import { describe, expect, it } from 'vitest';
import { BASE, fakePhorge, gate } from './cli.fake-phorge-fetch';

describe('gate when the instance lists no open status', () => {
  it('has no verdict (exit 2) rather than PASS', async () => {
    const f = fakePhorge((method) =>
      method === 'maniphest.status.search'
        ? { result: { data: [] }, error_code: null, error_info: null }
        : undefined,
    );
    const { code, stdout } = await gate(BASE, f);
    expect(stdout).not.toMatch(/^PASS/);
    expect(code).toBe(2);
  });
});
