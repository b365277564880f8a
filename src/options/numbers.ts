// Number fields keep what the person typed (so "2," is not silently lost); this reads it when saving.
import { t } from '../ui/i18n';

export function readNumber(
  text: string,
  key: string,
  errors: Record<string, string>,
  options: { integer?: boolean } = {},
): number {
  const trimmed = text.trim().replace(',', '.');
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value)) errors[key] = t('options_number_invalid', text.trim() || '…');
  else if (options.integer && !Number.isInteger(value))
    errors[key] = t('options_integer_invalid', text.trim());
  return value;
}
