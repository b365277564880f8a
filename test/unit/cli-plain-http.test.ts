// An --instance over plain http sends the API token across the network unencrypted (arcanist does the
// same, silently): the commands say so on standard error, and go on. The machine itself (localhost, a
// stand-in on 127.0.0.1) is not warned about.
import { describe, expect, it } from 'vitest';
import { SEEDED, TOKEN, gate } from './cli.fake-phorge-fetch';

const args = (instance: string) => ['--instance', instance, '--token', TOKEN, '--now', SEEDED];

describe('an instance over plain http', () => {
  it('is warned about, once, without the token; the verdict is the same', async () => {
    const secure = await gate(args('https://phab.example.org'));
    const plain = await gate(args('http://phab.example.org'));
    expect(plain.code).toBe(secure.code);
    const warnings = plain.stderr.split('\n').filter((line) => line.includes('unencrypted'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('http://phab.example.org');
    expect(plain.stderr).not.toContain(TOKEN);
    expect(secure.stderr).not.toContain('unencrypted');
  });

  it('is not warned about on this machine', async () => {
    for (const instance of ['http://localhost:8080', 'http://127.0.0.1:8081', 'http://[::1]:8081']) {
      const { stderr } = await gate(args(instance));
      expect(stderr).not.toContain('unencrypted');
    }
  });
});
