// The documented settings schema stays true: the committed JSON Schema matches the zod schema, and the
// examples in docs/settings.md are settings Steward accepts, with every field described.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS_SCHEMA_PATH, settingsJsonSchemaText } from '../../scripts/settings-schema';
import { defaultSettings, parseSettings } from '../../src/shared/settings';

const docs = readFileSync(new URL('../../docs/settings.md', import.meta.url), 'utf8');

type SchemaNode = {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode & { oneOf?: unknown };
};

/** Dotted paths of the schema's leaves, arrays written "[]" as the docs write them. */
function leafPaths(node: SchemaNode, prefix = ''): string[] {
  if (node.type === 'object' && node.properties) {
    return Object.entries(node.properties).flatMap(([key, child]) =>
      leafPaths(child, prefix ? `${prefix}.${key}` : key),
    );
  }
  if (node.type === 'array' && node.items?.type === 'object') return leafPaths(node.items, `${prefix}[]`);
  return [prefix];
}

describe('schema/settings.schema.json', () => {
  it('matches the zod schema (run `npx tsx scripts/settings-schema.ts` after changing it)', () => {
    expect(readFileSync(SETTINGS_SCHEMA_PATH, 'utf8')).toBe(settingsJsonSchemaText());
  });

  it('asks only for the version; everything else has its default', () => {
    const schema = JSON.parse(settingsJsonSchemaText());
    expect(schema.required).toEqual(['version']);
    expect(schema.properties.pollMinutes).toMatchObject({
      type: 'integer',
      default: 5,
      minimum: 1,
      maximum: 240,
    });
    expect(schema.properties.instances.items.properties.authMode.enum).toEqual(['session', 'token']);
  });

  it('has no field for a secret', () => {
    expect(
      leafPaths(JSON.parse(settingsJsonSchemaText())).filter((p) => /token|secret|password/i.test(p)),
    ).toEqual([]);
  });
});

describe('docs/settings.md', () => {
  it('describes every field of the schema', () => {
    const missing = leafPaths(JSON.parse(settingsJsonSchemaText())).filter(
      (path) => !docs.includes(`\`${path}\``),
    );
    expect(missing).toEqual([]);
  });

  it('gives a complete example that Steward accepts as written, and it round-trips through export', () => {
    const block = /## A complete example\s+```json\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(block).toBeDefined();
    const parsed = parseSettings(JSON.parse(block!));
    expect(parsed.ok && parsed.migrated).toBe(false);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.settings).toEqual(JSON.parse(block!));
  });

  it.each(Array.from(docs.matchAll(/^Example: `("[a-zA-Z]+": .+)`/gm), (m) => [m[1]!]))(
    'the field example %s is accepted',
    (fragment) => {
      const parsed = parseSettings(JSON.parse(`{ "version": 1, ${fragment} }`));
      if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
      expect(parsed.ok).toBe(true);
    },
  );

  it('says the smallest file is the defaults', () => {
    expect(docs).toContain('`{ "version": 1 }`');
    const parsed = parseSettings({ version: 1 });
    expect(parsed.ok && parsed.settings).toEqual(defaultSettings());
  });
});
