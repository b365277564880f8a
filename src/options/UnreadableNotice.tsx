// Stored settings the worker could not read: it runs on what it could keep (or the defaults), and keeps
// the stored copy until a save replaces it. The user is told what was left out and can take the copy,
// repair it and import it, rather than lose it unseen at the next save.
import { useEffect, useMemo } from 'preact/hooks';
import type { UnreadableSettings } from '../messages';
import { t } from '../ui/i18n';
import { exactText } from '../ui/time-text';

export const UNREADABLE_FILE_NAME = 'steward-settings-unreadable.json';

export function UnreadableNotice({ unreadable }: { unreadable: UnreadableSettings }) {
  const { at, errors, copy } = unreadable;
  const url = useMemo(
    () => (copy === null ? null : URL.createObjectURL(new Blob([copy], { type: 'application/json' }))),
    [copy],
  );
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return (
    <div role="alert" class="save-errors" data-state="unreadable">
      <p>{t('options_unreadable', exactText(at))}</p>
      <ul>
        {errors.map((error, i) => (
          <li key={i}>{error}</li>
        ))}
      </ul>
      <p>{url ? t('options_unreadable_repair') : t('options_unreadable_no_copy')}</p>
      {url && (
        <a class="st-button" href={url} download={UNREADABLE_FILE_NAME}>
          {t('options_unreadable_download')}
        </a>
      )}
    </div>
  );
}
