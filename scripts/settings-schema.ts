// Writes schema/settings.schema.json from the zod schema of Steward's settings, so a team editing a shared
// settings file gets completion and checks in their editor. Run after changing src/shared/settings.ts:
//   npx tsx scripts/settings-schema.ts
// test/unit/settings-schema.test.ts fails while the committed file is out of date. docs/settings.md
// describes every field.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { settingsSchema } from '../src/shared/settings';

export const SETTINGS_SCHEMA_PATH = fileURLToPath(new URL('../schema/settings.schema.json', import.meta.url));

export function settingsJsonSchemaText(): string {
  // "input": what a person may write in a file to import (fields with defaults are optional).
  const schema = z.toJSONSchema(settingsSchema, { io: 'input', target: 'draft-2020-12' });
  const document = {
    ...schema,
    $id: 'https://steward.invalid/schema/settings.schema.json',
    title: 'Steward settings',
    description:
      'Everything Steward is configured with except API tokens, as written by "Export settings" and read by "Import settings". See docs/settings.md.',
  };
  return JSON.stringify(document, null, 2) + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(SETTINGS_SCHEMA_PATH, settingsJsonSchemaText());
  process.stdout.write(`wrote ${SETTINGS_SCHEMA_PATH}\n`);
}
