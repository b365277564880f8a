// Snoozing silences a stale task's reminders for a while; the task stays watched and comes back by itself.
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { StaleRow } from '../messages';
import { formatExactTime } from '../core/time/durations';
import { t, uiLocale } from '../ui/i18n';
import type { PopupEnv } from './popup-env';
import { fromLocalInputValue, toLocalInputValue } from './local-time';
import { useSend } from './use-send';
import { ErrorLine } from './ErrorLine';

interface Props {
  row: StaleRow;
  instance: string;
  env: PopupEnv;
  onDone(message: string): void;
  onCancel(): void;
}

const HOUR = 3600;
const DAY = 86400;

export function SnoozePanel({ row, instance, env, onDone, onCancel }: Props) {
  const { send, pending, error } = useSend();
  const [custom, setCustom] = useState('');
  // A new object on every refused submit, even with the same text, so each one moves the focus.
  const [customError, setCustomError] = useState<{ text: string } | null>(null);
  const first = useRef<HTMLButtonElement>(null);
  const customInput = useRef<HTMLInputElement>(null);
  const id = useId();

  useLayoutEffect(() => first.current?.focus(), []);
  // The error is in no live region: the field it describes takes the focus, once it carries the
  // aria-describedby, so a screen reader reads the error with the field.
  useLayoutEffect(() => {
    if (customError) customInput.current?.focus();
  }, [customError]);

  // The buttons are aria-disabled, not disabled, while a snooze is on its way: a button disabled under
  // the keyboard's focus drops it to the page, and a failed snooze would leave the user there.
  async function snooze(until: number) {
    if (pending) return;
    if ((await send({ type: 'task/snooze', instance, taskId: row.task.id, until }))?.ok) {
      const when = formatExactTime(until, uiLocale(), env.timeZone, { seconds: false });
      onDone(t('popup_snoozed_until', `T${row.task.id}`, when));
    }
  }

  function snoozeCustom(event: Event) {
    event.preventDefault();
    if (pending) return;
    const until = fromLocalInputValue(custom);
    if (until === null) return setCustomError({ text: t('popup_snooze_custom_missing') });
    if (until <= env.now()) return setCustomError({ text: t('popup_snooze_custom_past') });
    setCustomError(null);
    void snooze(until);
  }

  return (
    <div
      class="panel"
      role="group"
      aria-label={t('popup_snooze_group', `T${row.task.id}`)}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <div class="panel-actions">
        <button
          ref={first}
          type="button"
          aria-disabled={pending}
          onClick={() => void snooze(env.now() + HOUR)}
        >
          {t('popup_snooze_hour')}
        </button>
        <button type="button" aria-disabled={pending} onClick={() => void snooze(env.now() + DAY)}>
          {t('popup_snooze_day')}
        </button>
      </div>
      <form class="snooze-custom" onSubmit={snoozeCustom} noValidate>
        <label for={`${id}-until`}>{t('popup_snooze_custom_label')}</label>
        <input
          ref={customInput}
          id={`${id}-until`}
          type="datetime-local"
          value={custom}
          min={toLocalInputValue(env.now())}
          aria-invalid={customError ? 'true' : undefined}
          aria-describedby={customError ? `${id}-error` : undefined}
          onInput={(e) => setCustom(e.currentTarget.value)}
        />
        <button type="submit" aria-disabled={pending}>
          {t('popup_snooze_custom_submit')}
        </button>
        {customError && (
          <p id={`${id}-error`} class="field-error">
            {customError.text}
          </p>
        )}
      </form>
      <ErrorLine error={error} />
      <div class="panel-actions">
        <button type="button" class="quiet" onClick={onCancel}>
          {t('popup_cancel')}
        </button>
      </div>
    </div>
  );
}
