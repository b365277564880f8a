// #notifications: whether reminders may interrupt, for which rules, and when not to.
import { useState } from 'preact/hooks';
import { STALE_RULES, type StaleRule } from '../core/escalation/stale-rules';
import { t } from '../ui/i18n';
import { Field } from './Field';
import { SaveBar } from './SaveBar';
import { useSectionSave } from './use-section-save';
import type { OptionsStore } from './use-options-store';

const RULE_LABELS: Record<StaleRule, string> = {
  'no-process-owner': 'options_rule_no_process_owner',
  'not-acknowledged': 'options_rule_not_acknowledged',
  'owner-silent': 'options_rule_owner_silent',
  'owner-unavailable': 'options_rule_owner_unavailable',
  'escalation-age': 'options_rule_escalation_age',
};

const PREFIXES = ['notifications'];

function claimed(key: string): boolean {
  return key === 'notifications.quietHours.start' || key === 'notifications.quietHours.end';
}

export function NotificationsSection({ store }: { store: OptionsStore }) {
  const saved = store.settings.notifications;
  const [enabled, setEnabled] = useState(saved.enabled);
  // A rule missing from the stored map notifies: the default is on.
  const [rules, setRules] = useState<Record<StaleRule, boolean>>(
    () =>
      Object.fromEntries(STALE_RULES.map((id) => [id, saved.rules[id] ?? true])) as Record<
        StaleRule,
        boolean
      >,
  );
  const [quiet, setQuiet] = useState(saved.quietHours);
  const { status, errors, save, edited } = useSectionSave(store, PREFIXES);

  async function submit(event: Event) {
    event.preventDefault();
    await save((s) => ({ ...s, notifications: { enabled, rules, quietHours: quiet } }));
  }

  const time = (which: 'start' | 'end', label: string) => (
    <Field id={`quiet-${which}`} label={label} error={errors[`notifications.quietHours.${which}`]}>
      {(describedBy, invalid) => (
        <input
          id={`quiet-${which}`}
          type="time"
          value={quiet[which]}
          disabled={!quiet.enabled}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={describedBy}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setQuiet((q) => ({ ...q, [which]: value }));
            edited();
          }}
        />
      )}
    </Field>
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <label class="check">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) => {
            setEnabled(e.currentTarget.checked);
            edited();
          }}
        />
        {t('options_notifications_enabled')}
      </label>
      <fieldset class="choices" disabled={!enabled}>
        <legend>{t('options_notifications_rules')}</legend>
        {STALE_RULES.map((id) => (
          <label key={id} class="check">
            <input
              type="checkbox"
              name={`rule-${id}`}
              checked={rules[id]}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setRules((r) => ({ ...r, [id]: on }));
                edited();
              }}
            />
            {t(RULE_LABELS[id])}
          </label>
        ))}
        <p class="hint">{t('options_notifications_rules_hint')}</p>
      </fieldset>
      <fieldset class="choices" disabled={!enabled}>
        <legend>{t('options_quiet_hours')}</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={quiet.enabled}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setQuiet((q) => ({ ...q, enabled: on }));
              edited();
            }}
          />
          {t('options_quiet_hours_enabled')}
        </label>
        <div class="grid">
          {time('start', t('options_quiet_start'))}
          {time('end', t('options_quiet_end'))}
        </div>
      </fieldset>
      <SaveBar status={status} errors={errors} claimed={claimed} label={t('options_save_notifications')} />
    </form>
  );
}
