// Writes schema/registry.schema.json from the zod schema of the native registry, so editors can
// validate registry files. Run after changing src/core/registry/schema.ts:
//   npx tsx scripts/registry-schema.ts
// test/unit/registry/registry-schema-file.test.ts fails while the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { RegistryDocumentSchema } from '../src/core/registry/schema';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema/registry.schema.json', import.meta.url));

export function registryJsonSchemaText(): string {
  // "input": what a person may write (fields with defaults are optional).
  const schema = z.toJSONSchema(RegistryDocumentSchema, { io: 'input', target: 'draft-2020-12' });
  const document = {
    ...schema,
    $id: 'https://steward.invalid/schema/registry.schema.json',
    title: 'Steward owners registry',
  };
  return JSON.stringify(document, null, 2) + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(SCHEMA_PATH, registryJsonSchemaText());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}
