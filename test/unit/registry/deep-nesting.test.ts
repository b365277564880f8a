// A document nested far deeper than any registry is refused with a message that says so and a
// line, never with the engine's "Maximum call stack size exceeded" and never by throwing.
import { describe, expect, it } from 'vitest';
import { importMaintainersPage } from '../../../src/core/registry/maintainers-page';
import { parseRegistryText } from '../../../src/core/registry/parse';

describe('deeply nested documents', () => {
  it('refuses a YAML registry nested 100,000 deep (200 KB), saying it is nested too deeply', () => {
    const depth = 100_000;
    const text = `people: []\ncomponents: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    let result: ReturnType<typeof parseRegistryText> | undefined;
    expect(() => {
      result = parseRegistryText(text, { source: 'deep.yaml' });
    }).not.toThrow();
    expect(result?.ok).toBe(false);
    if (!result || result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ message: 'the document is nested too deeply to read', line: 2 });
  });

  it('refuses a JSON registry nested as deep without throwing', () => {
    const depth = 100_000;
    const text = `{"components": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(parseRegistryText(text, { source: 'deep.json' }).ok).toBe(false);
  });

  it('reads a deeply nested Maintainers page in HTML without throwing', () => {
    expect(() => importMaintainersPage('<div>'.repeat(100_000))).not.toThrow();
  });
});
