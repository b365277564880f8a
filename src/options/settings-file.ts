// The shared settings file: what export writes and what import accepts. Both go through parseSettingsDocument, so
// a file only ever holds schema fields (never a token, whatever the worker or the file adds) and a bad file
// is refused with every problem named by its field.
import { parseSettingsDocument, type Settings } from '../shared/settings';
import { t } from '../ui/i18n';

export const SETTINGS_FILE_NAME = 'steward-settings.json';
/** Registry documents pasted inline may be large; anything beyond this is not a settings file. */
export const MAX_SETTINGS_FILE_BYTES = 20_000_000;

export type FileCheck = { ok: true; settings: Settings; text: string } | { ok: false; errors: string[] };

/** Parses and re-serialises: the text offered for download is exactly the validated settings. */
export function checkSettingsText(text: string): FileCheck {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      errors: [t('options_import_not_json', error instanceof Error ? error.message : String(error))],
    };
  }
  const parsed = parseSettingsDocument(document);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return { ok: true, settings: parsed.settings, text: `${JSON.stringify(parsed.settings, null, 2)}\n` };
}
