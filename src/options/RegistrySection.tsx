// #registry: where the owners registry comes from, corrections to its project mapping, and how well it
// covers the components. Each source shows what the worker last made of it, problems included.
import { tIsolated } from '../ui/bidi';
import { useRef, useState } from 'preact/hooks';
import { useFocusAfterRemove } from './use-focus-after-remove';
import { z } from 'zod';
import type { ReplyError } from '../messages';
import { WIKIMEDIA_MAINTAINERS_SOURCE, type Settings } from '../shared/settings';
import { t } from '../ui/i18n';
import { call } from '../ui/rpc';
import type { FieldErrors } from './field-errors';
import { Field } from './Field';
import { SaveBar } from './SaveBar';
import { SourceStatus } from './SourceStatus';
import { CoverageSummary } from './CoverageSummary';
import { OverridesEditor } from './OverridesEditor';
import { readNumber } from './numbers';
import {
  newSourceDraft,
  readOverrides,
  readSources,
  toOverrideDrafts,
  toSourceDrafts,
  withRegistry,
  type OverrideDraft,
  type SourceDraft,
  type SourceKind,
} from './registry-drafts';
import { newKey } from './keys';
import { useSectionSave } from './use-section-save';
import type { OptionsStore } from './use-options-store';

const PREFIXES = ['registry', 'overrides'];

const listsOf = (settings: Settings) => [settings.registry.sources, settings.registry.overrides];

function claimed(key: string): boolean {
  return (
    /^registry\.sources\.\d+\.(name|url|text)$/.test(key) ||
    /^overrides\.\d+\.(component|projects)$/.test(key) ||
    key === 'registry.refreshHours'
  );
}

const KINDS: Array<{ kind: SourceKind; key: string }> = [
  { kind: 'maintainers-page', key: 'options_source_kind_maintainers' },
  { kind: 'url', key: 'options_source_kind_url' },
  { kind: 'inline', key: 'options_source_kind_inline' },
];

export function RegistrySection({ store, now }: { store: OptionsStore; now: number }) {
  const [sources, setSources] = useState<SourceDraft[]>(() =>
    toSourceDrafts(store.settings.registry.sources),
  );
  const [overrides, setOverrides] = useState<OverrideDraft[]>(() =>
    toOverrideDrafts(store.settings.registry.overrides),
  );
  const [refreshHours, setRefreshHours] = useState(String(store.settings.registry.refreshHours));
  const { status, errors, save, edited } = useSectionSave(store, PREFIXES, listsOf);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<ReplyError | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const addButtons = useRef<HTMLDivElement>(null);
  const focusAfterRemove = useFocusAfterRemove(sources, {
    items: () => form.current?.querySelectorAll<HTMLElement>(':scope > fieldset.card') ?? [],
    field: (card) => card.querySelector<HTMLElement>('input, select, textarea'),
    fallback: () => addButtons.current?.querySelector<HTMLElement>('button') ?? null,
  });

  function update(index: number, change: Partial<SourceDraft>) {
    setSources((list) => list.map((d, i) => (i === index ? { ...d, ...change } : d)));
    edited();
  }

  async function submit(event: Event) {
    event.preventDefault();
    const local: FieldErrors = {};
    const read = readSources(sources, local);
    const map = readOverrides(overrides, local);
    const hours = readNumber(refreshHours, 'registry.refreshHours', local);
    if (await save((s) => withRegistry(s, read, map, hours), local)) void store.reloadRegistry();
  }

  async function refresh() {
    // The button is aria-disabled, not disabled, while it runs: disabling it would drop the focus.
    if (refreshing) return;
    setRefreshing(true);
    setRefreshError(null);
    const reply = await call({ type: 'registry/refresh' }, z.unknown());
    if (!reply.ok) setRefreshError(reply.error);
    await store.reloadRegistry();
    setRefreshing(false);
  }

  const hasWikimedia = sources.some((s) => s.id === WIKIMEDIA_MAINTAINERS_SOURCE.id);
  const statusOf = (id: string) => store.registry?.sources.find((s) => s.id === id);

  return (
    <form ref={form} onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('options_sources_heading')}</h3>
      {sources.length === 0 && <p class="empty">{t('options_sources_none')}</p>}
      {sources.map((source, index) => {
        const id = `source-${source.key}`;
        const at = `registry.sources.${index}`;
        return (
          <fieldset key={source.key} class="card" data-source={source.id}>
            <legend>
              <bdi>{source.name.trim() || source.id}</bdi>
            </legend>
            <Field id={`${id}-name`} label={t('options_source_name')} error={errors[`${at}.name`]}>
              {(describedBy, invalid) => (
                <input
                  id={`${id}-name`}
                  type="text"
                  value={source.name}
                  aria-invalid={invalid ? 'true' : undefined}
                  aria-describedby={describedBy}
                  onInput={(e) => update(index, { name: e.currentTarget.value })}
                />
              )}
            </Field>
            <div class="field">
              <label for={`${id}-kind`}>{t('options_source_kind')}</label>
              <select
                id={`${id}-kind`}
                value={source.kind}
                onChange={(e) => update(index, { kind: e.currentTarget.value as SourceKind })}
              >
                {KINDS.map(({ kind, key }) => (
                  <option key={kind} value={kind}>
                    {t(key)}
                  </option>
                ))}
              </select>
            </div>
            {source.kind === 'inline' ? (
              <Field
                id={`${id}-text`}
                label={t('options_source_text')}
                error={errors[`${at}.text`]}
                hint={t('options_source_text_hint')}
              >
                {(describedBy, invalid) => (
                  <textarea
                    id={`${id}-text`}
                    rows={10}
                    spellcheck={false}
                    value={source.text}
                    aria-invalid={invalid ? 'true' : undefined}
                    aria-describedby={describedBy}
                    onInput={(e) => update(index, { text: e.currentTarget.value })}
                  />
                )}
              </Field>
            ) : (
              <Field
                id={`${id}-url`}
                label={t('options_source_url')}
                error={errors[`${at}.url`]}
                hint={
                  source.kind === 'maintainers-page'
                    ? t('options_source_url_hint_maintainers')
                    : t('options_source_url_hint_registry')
                }
              >
                {(describedBy, invalid) => (
                  <input
                    id={`${id}-url`}
                    type="text"
                    inputMode="url"
                    spellcheck={false}
                    value={source.url}
                    aria-invalid={invalid ? 'true' : undefined}
                    aria-describedby={describedBy}
                    onInput={(e) => update(index, { url: e.currentTarget.value })}
                  />
                )}
              </Field>
            )}
            <label class="check">
              <input
                type="checkbox"
                checked={source.enabled}
                onChange={(e) => update(index, { enabled: e.currentTarget.checked })}
              />
              {t('options_source_enabled')}
            </label>
            <SourceStatus status={statusOf(source.id)} now={now} />
            <button
              type="button"
              class="st-button quiet"
              onClick={() => {
                setSources((list) => list.filter((_, i) => i !== index));
                focusAfterRemove(index);
                edited();
              }}
            >
              {tIsolated('options_source_remove', source.name.trim() || source.id)}
            </button>
          </fieldset>
        );
      })}
      <div class="row-buttons" ref={addButtons}>
        {!hasWikimedia && (
          <button
            type="button"
            class="st-button"
            onClick={() => {
              setSources((list) => [...list, ...toSourceDrafts([WIKIMEDIA_MAINTAINERS_SOURCE])]);
              edited();
            }}
          >
            {t('options_source_add_wikimedia')}
          </button>
        )}
        <button
          type="button"
          class="st-button"
          onClick={() => {
            setSources((list) => [...list, newSourceDraft(list, 'url')]);
            edited();
          }}
        >
          {t('options_source_add_url')}
        </button>
        <button
          type="button"
          class="st-button"
          onClick={() => {
            setSources((list) => [...list, newSourceDraft(list, 'inline')]);
            edited();
          }}
        >
          {t('options_source_add_inline')}
        </button>
      </div>

      <h3>{t('options_overrides_heading')}</h3>
      <p class="hint">{t('options_overrides_hint')}</p>
      <OverridesEditor
        drafts={overrides}
        errors={errors}
        onChange={(next) => {
          setOverrides(next);
          edited();
        }}
        onAdd={() => {
          setOverrides((list) => [...list, { key: newKey(), component: '', projects: '' }]);
          edited();
        }}
      />

      <Field
        id="registry-refresh-hours"
        label={t('options_registry_refresh_hours')}
        error={errors['registry.refreshHours']}
      >
        {(describedBy, invalid) => (
          <input
            id="registry-refresh-hours"
            class="number"
            type="text"
            inputMode="decimal"
            value={refreshHours}
            aria-invalid={invalid ? 'true' : undefined}
            aria-describedby={describedBy}
            onInput={(e) => {
              setRefreshHours(e.currentTarget.value);
              edited();
            }}
          />
        )}
      </Field>
      <SaveBar status={status} errors={errors} claimed={claimed} label={t('options_save_registry')} />

      <h3>{t('options_coverage_heading')}</h3>
      {store.registryError && <p class="field-error">{store.registryError.message}</p>}
      <CoverageSummary coverage={store.registry?.coverage ?? null} />
      <div class="row-buttons">
        <button type="button" class="st-button" aria-disabled={refreshing} onClick={() => void refresh()}>
          {refreshing ? t('options_registry_refreshing') : t('options_registry_refresh')}
        </button>
        {refreshError && (
          <p class="field-error" role="alert">
            {refreshError.message}
          </p>
        )}
      </div>
    </form>
  );
}
