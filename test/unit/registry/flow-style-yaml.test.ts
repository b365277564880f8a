// A YAML registry written in flow style opens with "{" like JSON and is read as YAML, by the parser
// on its own and by the source detection the worker and the command line use. Text written as JSON
// (its first key quoted) stays JSON, so its mistakes are explained as JSON, even those YAML would
// let pass, such as a trailing comma.
import { describe, expect, it } from 'vitest';
import { detectRegistrySource } from '../../../src/core/registry/detect-source';
import { parseRegistryText } from '../../../src/core/registry/parse';

const FLOW = `{
  people: [{username: alice}],
  teams: [{name: Platform Team, members: [alice]}],
  components: [{name: Auth, stewards: [Platform Team]}]
}
`;

const names = (result: ReturnType<typeof parseRegistryText>): unknown =>
  result.ok ? result.value.components.map((c) => c.name) : result.errors;

describe('YAML in flow style', () => {
  it('is read by the parser', () => {
    expect(names(parseRegistryText(FLOW, { source: 'owners.yaml' }))).toEqual(['Auth']);
  });

  it('is read through source detection, with the format it detects', () => {
    const kind = detectRegistrySource(FLOW);
    expect(kind).toBe('native-yaml');
    const result = parseRegistryText(FLOW, { source: 'owners', format: 'yaml' });
    expect(names(result)).toEqual(['Auth']);
  });

  it('keeps the lines of its entries', () => {
    const result = parseRegistryText(FLOW, { source: 'owners.yaml' });
    expect(result.ok ? result.value.components[0]!.provenance[0]!.line : null).toBe(4);
  });

  it('is explained as YAML when it is broken', () => {
    const result = parseRegistryText('{people: [{username: alice}]\n', { source: 'owners' });
    expect(result.ok ? null : result.errors[0]!.message).toMatch(/^not valid YAML/);
  });

  it('leaves text written as JSON to JSON, valid or not', () => {
    const json = '{"components": [{"name": "Auth"}]}';
    expect(detectRegistrySource(json)).toBe('native-json');
    expect(names(parseRegistryText(json, { source: 'owners' }))).toEqual(['Auth']);
    const trailingComma = '{\n  "components": [{"name": "Auth"},]\n}';
    expect(detectRegistrySource(trailingComma)).toBe('native-json');
    const result = parseRegistryText(trailingComma, { source: 'owners' });
    expect(result.ok ? null : result.errors[0]!.message).toMatch(/^not valid JSON/);
    expect(detectRegistrySource(' {\n\t}')).toBe('native-json');
  });
});
