// A crash prints one line, and never a token: neither the one this run was given nor anything shaped
// like a Conduit API token that the failure happened to quote.
import { describe, expect, it } from 'vitest';
import { crashLine } from '../../src/cli/crash';

const TOKEN = 'api-abcdefghijklmnopqrstuvwxyz12';
const OTHER = 'api-zzzzzzzzzzzzzzzzzzzzzzzzzzzz';

describe('a crash line', () => {
  it('masks the token from --token, --token= and CONDUIT_TOKEN, and any token-shaped text', () => {
    const error = new Error(`request {"__conduit__":{"token":"${TOKEN}"},"x":"${OTHER}"} failed\nstack`);
    for (const [argv, env] of [
      [['gate', '--token', TOKEN], {}],
      [['gate', `--token=${TOKEN}`], {}],
      [['gate'], { CONDUIT_TOKEN: TOKEN }],
      [['gate'], {}],
    ] as const) {
      const line = crashLine(error, argv, env);
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(OTHER);
      expect(line).toMatch(/^steward: unexpected failure: request .* failed\n$/);
    }
  });

  it('masks a known token that is not token-shaped too', () => {
    expect(crashLine(new Error('bad secret-token-1234'), ['--token', 'secret-token-1234'], {})).not.toContain(
      'secret-token-1234',
    );
  });
});
