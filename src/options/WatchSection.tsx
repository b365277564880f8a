// #watch: which UBN! tasks Steward follows, when each staleness rule fires, and how often it looks.
import { useState } from 'preact/hooks';
import type { Settings } from '../shared/settings';
import { t } from '../ui/i18n';
import type { FieldErrors } from './field-errors';
import { Field } from './Field';
import { SaveBar } from './SaveBar';
import { readNumber } from './numbers';
import { useSectionSave } from './use-section-save';
import type { OptionsStore } from './use-options-store';

type ThresholdKey = keyof Settings['thresholds'];

const THRESHOLDS: Array<{ key: ThresholdKey; label: string; unit: string }> = [
  { key: 'noProcessOwnerHours', label: 'options_threshold_no_owner', unit: 'options_unit_hours' },
  { key: 'notAcknowledgedHours', label: 'options_threshold_not_acknowledged', unit: 'options_unit_hours' },
  { key: 'ownerSilentHours', label: 'options_threshold_owner_silent', unit: 'options_unit_hours' },
  { key: 'escalationWarningDays', label: 'options_threshold_warning_days', unit: 'options_unit_days' },
  { key: 'escalationCriticalDays', label: 'options_threshold_critical_days', unit: 'options_unit_days' },
];

const PREFIXES = ['watch', 'thresholds', 'pollMinutes'];

const projectsOf = (settings: Settings) => settings.watch.projects;

function claimed(key: string): boolean {
  return (
    key === 'watch.projects' ||
    key === 'pollMinutes' ||
    THRESHOLDS.some((th) => key === `thresholds.${th.key}`)
  );
}

export function WatchSection({ store }: { store: OptionsStore }) {
  const saved = store.settings;
  const [allUbn, setAllUbn] = useState(saved.watch.allUbn);
  const [myComponents, setMyComponents] = useState(saved.watch.myComponents);
  const [projects, setProjects] = useState(saved.watch.projects.join('\n'));
  const [thresholds, setThresholds] = useState<Record<ThresholdKey, string>>(
    () =>
      Object.fromEntries(THRESHOLDS.map(({ key }) => [key, String(saved.thresholds[key])])) as Record<
        ThresholdKey,
        string
      >,
  );
  const [pollMinutes, setPollMinutes] = useState(String(saved.pollMinutes));
  const { status, errors, save, edited } = useSectionSave(store, PREFIXES, projectsOf);

  async function submit(event: Event) {
    event.preventDefault();
    const local: FieldErrors = {};
    const read = Object.fromEntries(
      THRESHOLDS.map(({ key }) => [key, readNumber(thresholds[key], `thresholds.${key}`, local)]),
    ) as Settings['thresholds'];
    const poll = readNumber(pollMinutes, 'pollMinutes', local, { integer: true });
    const list = projects
      .split(/[\n,]/)
      .map((p) => p.trim())
      .filter(Boolean);
    await save(
      (s) => ({
        ...s,
        watch: { allUbn, myComponents, projects: [...new Set(list)] },
        thresholds: read,
        pollMinutes: poll,
      }),
      local,
    );
  }

  const numberField = (
    id: string,
    key: string,
    label: string,
    value: string,
    onValue: (v: string) => void,
  ) => (
    <Field id={id} label={label} error={errors[key]}>
      {(describedBy, invalid) => (
        <input
          id={id}
          class="number"
          type="text"
          inputMode="decimal"
          value={value}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={describedBy}
          onInput={(e) => {
            onValue(e.currentTarget.value);
            edited();
          }}
        />
      )}
    </Field>
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <fieldset class="choices">
        <legend>{t('options_watch_rules')}</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={allUbn}
            onChange={(e) => {
              setAllUbn(e.currentTarget.checked);
              edited();
            }}
          />
          {t('options_watch_all_ubn')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={myComponents}
            onChange={(e) => {
              setMyComponents(e.currentTarget.checked);
              edited();
            }}
          />
          {t('options_watch_my_components')}
        </label>
      </fieldset>
      <Field
        id="watch-projects"
        label={t('options_watch_projects')}
        hint={t('options_watch_projects_hint')}
        error={errors['watch.projects']}
      >
        {(describedBy, invalid) => (
          <textarea
            id="watch-projects"
            rows={4}
            spellcheck={false}
            value={projects}
            aria-invalid={invalid ? 'true' : undefined}
            aria-describedby={describedBy}
            onInput={(e) => {
              setProjects(e.currentTarget.value);
              edited();
            }}
          />
        )}
      </Field>

      <h3>{t('options_thresholds_heading')}</h3>
      <p class="hint">{t('options_thresholds_hint')}</p>
      <div class="grid">
        {THRESHOLDS.map(({ key, label, unit }) =>
          numberField(
            `threshold-${key}`,
            `thresholds.${key}`,
            `${t(label)} (${t(unit)})`,
            thresholds[key],
            (v) => setThresholds((all) => ({ ...all, [key]: v })),
          ),
        )}
        {numberField('poll-minutes', 'pollMinutes', t('options_poll_minutes'), pollMinutes, setPollMinutes)}
      </div>
      <SaveBar status={status} errors={errors} claimed={claimed} label={t('options_save_watch')} />
    </form>
  );
}
