// A section's Save button with its outcome: "Saved", or what stopped it, next to the button.
import { t } from '../ui/i18n';
import { errorLine, type FieldErrors } from './field-errors';
import type { SaveStatus } from './use-section-save';

interface Props {
  status: SaveStatus;
  errors: FieldErrors;
  /** Whether a field of the section shows this error beside itself. */
  claimed(key: string): boolean;
  label: string;
}

export function SaveBar({ status, errors, claimed, label }: Props) {
  const entries = Object.entries(errors);
  const unclaimed = entries.filter(([key]) => !claimed(key));
  return (
    <div class="save-bar">
      <button
        type="submit"
        class="st-button st-button-primary"
        // Not disabled: a button disabled under the keyboard's focus drops it to the page.
        aria-disabled={status === 'saving'}
        onClick={(event) => {
          if (status === 'saving') event.preventDefault();
        }}
      >
        {status === 'saving' ? t('options_saving') : label}
      </button>
      <span role="status" class="save-status" data-status={status}>
        {status === 'saved' && t('options_saved')}
      </span>
      {status === 'failed' && entries.length > 0 && (
        <div role="alert" class="save-errors">
          <p>{entries.length === 1 ? t('options_not_saved_one') : t('options_not_saved', entries.length)}</p>
          {unclaimed.length > 0 && (
            <ul>
              {unclaimed.map(([key, message]) => (
                <li key={key}>{errorLine(key, message)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
