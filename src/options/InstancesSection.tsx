// #instances: which Phabricator or Phorge Steward reads, whether it may, and how it signs in.
import { useRef, useState } from 'preact/hooks';
import { useFocusAfterRemove } from './use-focus-after-remove';
import { z } from 'zod';
import { toInstanceOrigin, type InstanceSettings } from '../shared/settings';
import { t } from '../ui/i18n';
import { call } from '../ui/rpc';
import type { FieldErrors } from './field-errors';
import { Field } from './Field';
import { HostAccess } from './HostAccess';
import { TokenField } from './TokenField';
import { ConnectionTest } from './ConnectionTest';
import { SaveBar } from './SaveBar';
import { useSectionSave } from './use-section-save';
import type { OptionsStore } from './use-options-store';
import { newKey } from './keys';
import { hostPermissions } from './permissions';
import { hostPermissionPattern } from '../shared/host-pattern';

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

const instancesOf = (settings: { instances: unknown }) => settings.instances;

/**
 * The site access of instances the save removed, given back: the banner would otherwise go on saying
 * "not set up" on their pages, and nothing on this page could revoke it. Kept while another instance
 * needs the same access.
 */
async function giveBackAccess(before: readonly string[], after: readonly string[]): Promise<void> {
  const needed = new Set(after.map(hostPermissionPattern));
  for (const origin of before) {
    if (after.includes(origin) || needed.has(hostPermissionPattern(origin))) continue;
    await hostPermissions()
      .remove(origin)
      .catch(() => false);
  }
}

export function InstancesSection({ store }: { store: OptionsStore }) {
  const [drafts, setDrafts] = useState<InstanceDraft[]>(() =>
    store.settings.instances.map((i) => ({ key: newKey(), url: i.url, authMode: i.authMode })),
  );
  const { status, errors, save, edited } = useSectionSave(store, PREFIXES, instancesOf);
  const form = useRef<HTMLFormElement>(null);
  const focusAfterRemove = useFocusAfterRemove(drafts, {
    items: () => form.current?.querySelectorAll<HTMLElement>('fieldset.card') ?? [],
    field: (card) => card.querySelector<HTMLElement>('input[inputmode="url"]'),
    fallback: () => form.current?.querySelector<HTMLElement>('[data-action="add"]') ?? null,
  });
  /**
   * Origins this page stored a token for while they were in no saved settings. The worker forgets a
   * token only with an instance it had saved, so a card removed or re-addressed before its first save
   * would leave its token behind for good: the page takes it back itself.
   */
  const unsavedTokens = useRef(new Set<string>());

  const isSaved = (origin: string) => store.settings.instances.some((i) => i.url === origin);

  /** The card's old origin is gone from the page: drop a token only this page's drafts knew. */
  function release(origin: string | null, remaining: InstanceDraft[]) {
    if (origin === null || !unsavedTokens.current.has(origin) || isSaved(origin)) return;
    if (remaining.some((d) => toInstanceOrigin(d.url) === origin)) return;
    unsavedTokens.current.delete(origin);
    store.setTokenStored(origin, false);
    void call({ type: 'token/set', instance: origin, token: null }, z.unknown());
  }

  function update(index: number, change: Partial<InstanceDraft>) {
    const next = drafts.map((d, i) => (i === index ? { ...d, ...change } : d));
    setDrafts(next);
    if (change.url !== undefined) release(toInstanceOrigin(drafts[index]?.url ?? ''), next);
    edited();
  }

  function remove(index: number) {
    const next = drafts.filter((_, i) => i !== index);
    setDrafts(next);
    release(toInstanceOrigin(drafts[index]?.url ?? ''), next);
    // The Remove button under the focus is gone with its card.
    focusAfterRemove(index);
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
    const before = store.settings.instances.map((i) => i.url);
    const saved = await save((s) => ({ ...s, instances }), local);
    if (!saved) return;
    void giveBackAccess(
      before,
      instances.map((i) => i.url),
    );
    // Show what was stored: the typed address normalised to its origin.
    setDrafts((list) => list.map((d, i) => ({ ...d, url: origins[i] ?? d.url })));
    // Saved now: from here on the worker forgets these tokens along with their instance.
    for (const origin of origins) if (origin !== null) unsavedTokens.current.delete(origin);
  }

  return (
    <form ref={form} onSubmit={(e) => void submit(e)} noValidate>
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
                onStored={(stored) => {
                  if (!isSaved(origin)) {
                    if (stored) unsavedTokens.current.add(origin);
                    else unsavedTokens.current.delete(origin);
                  }
                  store.setTokenStored(origin, stored);
                }}
              />
            )}
            {origin &&
              // The worker tests an instance as saved, in its saved sign-in mode: a draft would be
              // answered "not set up", or tested the other way than the card shows.
              (store.settings.instances.some((i) => i.url === origin && i.authMode === draft.authMode) ? (
                <ConnectionTest key={origin} origin={origin} />
              ) : (
                <p class="hint" data-test="save-first">
                  {t('options_test_save_first')}
                </p>
              ))}
            <button type="button" class="st-button quiet" onClick={() => remove(index)}>
              {t('options_instance_remove', origin ?? draft.url)}
            </button>
          </fieldset>
        );
      })}
      {drafts.length < MAX_INSTANCES && (
        <button
          type="button"
          class="st-button"
          data-action="add"
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
