// A registry on the configured instance's own host is allowed, however the host is spelled ("phab." and
// "phab" are one host).
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../src/shared/settings';

function withRegistry(instance: string, registry: string) {
  return parseSettings({
    version: 1,
    instances: [{ url: instance }],
    registry: { sources: [{ kind: 'url', id: 'team', name: 'Team registry', url: registry }] },
  });
}

describe('one-label instance hosts', () => {
  it('a registry on the instance host written with a trailing dot is the instance host', () => {
    // "phab." and "phab" are the same DNS name; the instance lives there, so the registry may too.
    expect(withRegistry('https://phab', 'https://phab./w/registry.json').ok).toBe(true);
  });

  it('an instance written with a trailing dot exempts its host spelled without one', () => {
    expect(withRegistry('https://phab.', 'https://phab/w/registry.json').ok).toBe(true);
  });
});
