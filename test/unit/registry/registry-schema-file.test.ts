import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registryJsonSchemaText, SCHEMA_PATH } from '../../../scripts/registry-schema';

describe('schema/registry.schema.json', () => {
  it('matches the zod schema (run `npx tsx scripts/registry-schema.ts` after changing it)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(registryJsonSchemaText());
  });

  it('describes the fields editors should offer', () => {
    const schema = JSON.parse(registryJsonSchemaText());
    expect(Object.keys(schema.properties)).toEqual([
      '$schema',
      'people',
      'teams',
      'components',
      'fallback',
      'policy',
    ]);
    expect(schema.properties.components.items.required).toEqual(['name']);
    expect(schema.properties.people.items.properties.status.enum).toEqual(['active', 'departed']);
    expect(schema.additionalProperties).toBe(false);
  });
});
