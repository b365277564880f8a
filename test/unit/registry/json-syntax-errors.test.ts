// A JSON syntax error is reported with its line and on one line of text, whether or not the engine's
// message gives a position: V8 words a trailing comma "Unexpected token ']', ...<the text around
// it>... is not valid JSON", line breaks included, with no position; the line then comes from a
// scan of the text for where it breaks.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/core/registry/errors';
import { jsonSyntaxErrorOffset } from '../../../src/core/registry/json-read';
import { parseRegistryText } from '../../../src/core/registry/parse';

const TRAILING_COMMA = `{
  "people": [
    {"username": "alice"},
  ],
  "components": []
}
`;

const firstError = (text: string) => {
  const result = parseRegistryText(text, { source: 'owners.json' });
  if (result.ok) throw new Error('expected the document to be refused');
  return result.errors[0]!;
};

describe('JSON syntax errors', () => {
  it('give a trailing comma in a list its line, on one line of text, with a hint about the comma', () => {
    const problem = firstError(TRAILING_COMMA);
    expect(problem).toMatchObject({ line: 4, column: 3 });
    expect(problem.hint).toMatch(/comma/);
    expect(formatProblem(problem, 'owners.json')).not.toContain('\n');
  });

  it('give a trailing comma in an object its line', () => {
    expect(firstError('{\n  "components": [],\n}\n')).toMatchObject({ line: 3, column: 1 });
  });

  it('give a missing comma its line', () => {
    expect(firstError('{\n "people": []\n "components": []\n}').line).toBe(3);
  });
});

describe('jsonSyntaxErrorOffset', () => {
  it('finds nothing in valid JSON', () => {
    for (const text of [
      '{}',
      ' [ ] ',
      '{"a": [1, -2.5e3, true, false, null, "x\\"\\u00e9\\n"], "b": {"c": {}}}',
      '"text"',
      '0',
    ]) {
      expect(jsonSyntaxErrorOffset(text), text).toBeNull();
      expect(() => JSON.parse(text) as unknown).not.toThrow();
    }
  });

  it('points at the first place the text stops being JSON', () => {
    const cases: [string, number][] = [
      ['[1,]', 3],
      ['{"a": 1,}', 8],
      ['{"a" 1}', 5],
      ['{a: 1}', 1],
      ['[1 2]', 3],
      ['[01]', 2],
      ['["a\tb"]', 3],
      ['["\\x"]', 2],
      ['["open', 1],
      ['{"a": [1}', 8],
      ['[1]]', 3],
      ['{"a": tru}', 6],
      ['', 0],
      ['[', 1],
    ];
    for (const [text, offset] of cases) {
      expect(jsonSyntaxErrorOffset(text), text).toBe(offset);
      expect(() => JSON.parse(text) as unknown, text).toThrow();
    }
  });
});
