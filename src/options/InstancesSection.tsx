// #instances: which Phabricator or Phorge Steward reads, whether it may, and how it signs in.
import { useState } from 'preact/hooks';
import { toInstanceOrigin, type InstanceSettings } from '../shared/settings';
import { t } from '../ui/i18n';
import type { FieldErrors } from './field-errors';
import { Field } from './Field';
import { HostAccess } from './HostAccess';
import { TokenField } from './TokenField';
import { ConnectionTest } from './ConnectionTest';
import { SaveBar } from './SaveBar';
import { useSectionSave } from './use-section-save';
import type { OptionsStore } from './use-options-store';
import { newKey } from './keys';

interface InstanceDraft {
  key: string;
  url: string;
  authMode: InstanceSettings['authMode'];
}

const MAX_INSTANCES = 8;
const PREFIXES = ['instances'];

function claimed(key: string): boolean {
  return /^instances\.\d+\.(url|authMode)$/.test(key);
}

export function InstancesSection({ store }: { store: OptionsStore }) {
  const [drafts, setDrafts] = useState<InstanceDraft[]>(() =>
    store.settings.instances.map((i) => ({ key: newKey(), url: i.url, authMode: i.authMode })),
  );
  const { status, errors, save, edited } = useSectionSave(store, PREFIXES);

  function update(index: number, change: Partial<InstanceDraft>) {
    setDrafts((list) => list.map((d, i) => (i === index ? { ...d, ...change } : d)));
    edited();
  }

  async function submit(event: Event) {
    event.preventDefault();
    const local: FieldErrors = {};
    const origins = drafts.map((d) => toInstanceOrigin(d.url));
    origins.forEach((origin, i) => {
      if (origin === null) local[`instances.${i}.url`] = t('options_instance_url_invalid');
      else if (origins.indexOf(origin) !== i) local[`instances.${i}.url`] = t('options_instance_duplicate');
    });
    const instances = drafts.map((d, i) => ({ url: origins[i] ?? d.url, authMode: d.authMode }));
    const saved = await save((s) => ({ ...s, instances }), local);
    // Show what was stored: the typed address normalised to its origin.
    if (saved) setDrafts((list) => list.map((d, i) => ({ ...d, url: origins[i] ?? d.url })));
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {drafts.length === 0 && <p class="empty">{t('options_instances_none')}</p>}
      {drafts.map((draft, index) => {
        const origin = toInstanceOrigin(draft.url);
        const id = `instance-${draft.key}`;
        return (
          <fieldset key={draft.key} class="card" data-instance={index}>
            <legend>{origin ?? t('options_instance_new')}</legend>
            <Field
              id={`${id}-url`}
              label={t('options_instance_url')}
              error={errors[`instances.${index}.url`]}
              hint={
                origin && origin !== draft.url.trim()
                  ? t('options_instance_url_normalised', origin)
                  : t('options_instance_url_hint')
              }
            >
              {(describedBy, invalid) => (
                <input
                  id={`${id}-url`}
                  type="text"
                  inputMode="url"
                  autocomplete="url"
                  spellcheck={false}
                  value={draft.url}
                  aria-invalid={invalid ? 'true' : undefined}
                  aria-describedby={describedBy}
                  onInput={(e) => update(index, { url: e.currentTarget.value })}
                />
              )}
            </Field>
            {origin && <HostAccess origin={origin} />}
            <fieldset class="choices">
              <legend>{t('options_auth_mode')}</legend>
              <label>
                <input
                  type="radio"
                  name={`${id}-auth`}
                  checked={draft.authMode === 'session'}
                  onChange={() => update(index, { authMode: 'session' })}
                />
                {t('options_auth_session')}
              </label>
              <label>
                <input
                  type="radio"
                  name={`${id}-auth`}
                  checked={draft.authMode === 'token'}
                  onChange={() => update(index, { authMode: 'token' })}
                />
                {t('options_auth_token')}
              </label>
            </fieldset>
            {draft.authMode === 'token' && origin && (
              <TokenField
                id={`${id}-token`}
                origin={origin}
                stored={store.tokens[origin] === true}
                onStored={(stored) => store.setTokenStored(origin, stored)}
              />
            )}
            {origin && <ConnectionTest origin={origin} />}
            <button
              type="button"
              class="st-button quiet"
              onClick={() => {
                setDrafts((list) => list.filter((_, i) => i !== index));
                edited();
              }}
            >
              {t('options_instance_remove', origin ?? draft.url)}
            </button>
          </fieldset>
        );
      })}
      {drafts.length < MAX_INSTANCES && (
        <button
          type="button"
          class="st-button"
          onClick={() => {
            setDrafts((list) => [...list, { key: newKey(), url: '', authMode: 'session' }]);
            edited();
          }}
        >
          {t('options_instance_add')}
        </button>
      )}
      <SaveBar status={status} errors={errors} claimed={claimed} label={t('options_save_instances')} />
    </form>
  );
}
