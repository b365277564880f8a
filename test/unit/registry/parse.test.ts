import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/core/registry/errors';
import { parseRegistryText } from '../../../src/core/registry/parse';

const example = readFileSync(new URL('../../fixtures/registry/example.yaml', import.meta.url), 'utf8');

function errorsOf(text: string, format?: 'json' | 'yaml') {
  const result = parseRegistryText(text, { source: 'registry.yaml', ...(format ? { format } : {}) });
  if (result.ok) throw new Error('expected the document to be rejected');
  return result.errors;
}

describe('native registry', () => {
  it('reads the example registry with defaults, references and provenance', () => {
    const result = parseRegistryText(example, { source: 'example.yaml', revisionTime: 1795700000 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const registry = result.value;
    expect(registry.fallback).toBe('release engineering');
    expect(registry.policy).toEqual({ minOwners: 2 });
    expect(registry.people.find((p) => p.key === 'frank')).toMatchObject({
      affiliation: 'volunteer',
      status: 'active',
    });
    expect(registry.people.find((p) => p.key === 'gina')).toMatchObject({
      status: 'departed',
      affiliation: 'staff',
    });
    const auth = registry.components.find((c) => c.name === 'Authentication and Authorization')!;
    expect(auth.critical).toBe(true);
    expect(auth.stewards.map((s) => [s.kind, s.ref])).toEqual([
      ['team', 'platform team'],
      ['team', 'security team'],
    ]);
    expect(auth.stewards[0]!.provenance).toEqual({
      source: 'example.yaml',
      location: 'components[0].stewards[0]',
      revisionTime: 1795700000,
      line: example.split('\n').findIndex((l) => l.includes('stewards: [Platform Team, Security Team]')) + 1,
    });
    const gadgets = registry.components.find((c) => c.name === 'Gadgets')!;
    expect(gadgets.stewards).toMatchObject([{ kind: 'person', ref: 'frank' }]);
  });

  it('reads the same document as JSON', () => {
    const json = JSON.stringify({
      teams: [{ name: 'Ops', members: ['ann'] }],
      people: [{ username: 'ann' }],
      components: [{ name: 'Login', stewards: ['Ops'], critical: true }],
    });
    const result = parseRegistryText(json, { source: 'r.json' });
    expect(result.ok && result.value.components[0]!.stewards[0]!.ref).toBe('ops');
  });

  it('reports a wrong value with its path, what was expected and its YAML line', () => {
    const text = [
      'people:',
      '  - username: ann',
      '    status: gone',
      'components:',
      '  - name: Login',
      '    critical: "yes"',
    ].join('\n');
    const errors = errorsOf(text);
    expect(errors.map((e) => formatProblem(e, 'registry.yaml'))).toEqual([
      expect.stringMatching(
        /^registry\.yaml:3:13: people\[0\]\.status: .*\(expected one of "active", "departed"\)$/,
      ),
      expect.stringMatching(
        /^registry\.yaml:6:15: components\[0\]\.critical: Invalid input: expected boolean, received string$/,
      ),
    ]);
  });

  it('points at an unknown field and suggests the intended one', () => {
    const errors = errorsOf(['components:', '  - name: Login', '    steward: [Ops]'].join('\n'));
    expect(errors).toEqual([
      {
        path: 'components[0].steward',
        message: 'unknown field "steward"',
        hint: 'Did you mean "stewards"?',
        line: 3,
        column: 5,
      },
    ]);
  });

  it('reports references to teams and people that do not exist', () => {
    const text = [
      'fallback: Release Engineering',
      'teams:',
      '  - name: Ops',
      '    members: [ann]',
      'components:',
      '  - name: Login',
      '    stewards: [Opps]',
    ].join('\n');
    expect(errorsOf(text).map((e) => formatProblem(e))).toEqual([
      'line 1:11: fallback: fallback "Release Engineering" is not a team in this registry: add it under "teams"',
      'line 4:15: teams[0].members[0]: unknown member "ann": add them under "people" (username: ann)',
      'line 7:16: components[0].stewards[0]: "Opps" is neither a team name nor a username in this registry: add it under "teams" or "people"',
    ]);
  });

  it('reports YAML and JSON syntax errors with their line', () => {
    const [yamlError] = errorsOf('components:\n  - name: [unclosed\n');
    expect(yamlError!.message).toMatch(/^not valid YAML/);
    expect(yamlError!.line).toBeGreaterThanOrEqual(2);
    const [jsonError] = errorsOf('{\n  "components": [\n    {"name": "A",}\n  ]\n}');
    expect(jsonError).toMatchObject({ line: 3 });
    expect(jsonError!.message).toMatch(/^not valid JSON/);
  });

  it('rejects duplicate names and keys', () => {
    expect(errorsOf('components:\n  - name: A\n  - name: a\n').map((e) => e.message)).toEqual([
      'component "a" is listed twice (also components[0] as "A")',
    ]);
    expect(errorsOf('policy: {minOwners: 2}\npolicy: {minOwners: 3}\n')[0]).toMatchObject({
      message: 'the key "policy" appears twice in the same mapping',
      line: 2,
    });
  });

  it('refuses a JSON key written twice instead of keeping the last one', () => {
    const text = [
      '{',
      '  "teams": [{"name": "Ops", "members": []}],',
      '  "components": [{"name": "Login", "stewards": ["Ops"]}],',
      '  "components": []',
      '}',
    ].join('\n');
    expect(errorsOf(text).map((e) => formatProblem(e, 'r.json'))).toEqual([
      'r.json:4:3: components: the key "components" appears twice in the same object. Keep one of them: JSON readers would silently use only the last',
    ]);
    expect(errorsOf('{"people": [{"username": "a", "name": "A", "name": "B"}]}')[0]).toMatchObject({
      path: 'people[0].name',
      line: 1,
    });
  });

  it('tells a JSON key written twice from colons, quotes and escapes inside strings', () => {
    const ok = (text: string): boolean => parseRegistryText(text, { source: 'r.json' }).ok;
    // Colons and escaped quotes inside keys and values are not keys.
    expect(
      ok(
        '{"teams": [{"name": "Ops: \\"core\\" team", "contacts": {"chat": "irc:#ops", "url": "https://x.example/a:b"}}],' +
          ' "components": [{"name": "C:\\\\", "stewards": ["Ops: \\"core\\" team"], "description": "\\":\\":"}]}',
      ),
    ).toBe(true);
    // The same key spelled with an escape is the same key, however deep.
    expect(errorsOf('{"components": [{"name": "A", "n\\u0061me": "B"}]}')[0]).toMatchObject({
      path: 'components[0].name',
      message: 'the key "name" appears twice in the same object',
    });
    expect(errorsOf('{"policy": {"minOwners": 2}, "p\\u006flicy": {}}')[0]).toMatchObject({
      path: 'policy',
    });
  });

  it('refuses a YAML alias bomb at the line of the alias that crosses the bound', () => {
    // Nine levels of ten aliases: 10^9 values from under a kilobyte.
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i++)
      levels.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const errors = errorsOf(levels.join('\n'));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/expands to more than 1,000,000 values/);
    // a5 is the first level above a million: 1 + 10 × 111,111.
    expect(errors[0]!.line).toBe(6);
  });

  it('refuses one large list referenced many times, counting what aliases expand to', () => {
    const big = `big: &big [${Array.from({ length: 2000 }, (_, i) => `v${i}`).join(', ')}]`;
    const uses = Array.from({ length: 989 }, (_, i) => `u${i}: *big`).join('\n');
    const errors = errorsOf(`${big}\n${uses}`);
    expect(errors[0]!.message).toMatch(/expands to more than/);
    expect(errors[0]!.line).toBeGreaterThan(400);
  });

  it('still reads a registry that uses aliases modestly', () => {
    const text = [
      'people: [{username: ann}, {username: bob}]',
      'teams:',
      '  - {name: Ops, members: &both [ann, bob]}',
      '  - {name: Web, members: *both}',
      'components: [{name: Login, stewards: [Ops, Web]}]',
    ].join('\n');
    const result = parseRegistryText(text, { source: 'r.yaml' });
    expect(result.ok && result.value.teams.map((t) => t.members)).toEqual([
      ['ann', 'bob'],
      ['ann', 'bob'],
    ]);
  });

  it.each(['json', 'yaml'] as const)(
    'lists the first problems of a %s document with 20,000 unknown keys and counts the rest',
    (format) => {
      const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}`);
      const text =
        format === 'json'
          ? JSON.stringify(Object.fromEntries(keys.map((k) => [k, 1])), null, 1)
          : keys.map((k) => `${k}: 1`).join('\n');
      const errors = errorsOf(text, format);
      expect(errors).toHaveLength(51);
      expect(errors[0]).toMatchObject({
        path: 'k0',
        message: 'unknown field "k0"',
        line: 2 - (format === 'yaml' ? 1 : 0),
      });
      expect(errors[49]).toMatchObject({ path: 'k49' });
      expect(errors[50]!.message).toBe('and 19,950 more problems not listed');
    },
  );

  it.each(['', '   \n', '# only a comment\n', 'null'])('rejects an empty document (%j)', (text) => {
    expect(errorsOf(text)[0]!.message).toBe('the registry is empty');
  });

  it('rejects a non-http contact URL and a bad mailing list', () => {
    const text = 'teams:\n  - name: Ops\n    contacts: {url: "javascript:alert(1)", list: not-an-address}\n';
    expect(errorsOf(text).map((e) => `${e.path}: ${e.message}`)).toEqual([
      'teams[0].contacts.list: must be a mailing list address',
      'teams[0].contacts.url: must be an http(s) URL',
    ]);
  });
});
