// Component → Phabricator projects, for the components whose name does not match a project by itself.
import { useRef } from 'preact/hooks';
import { useFocusAfterRemove } from './use-focus-after-remove';
import { t } from '../ui/i18n';
import type { FieldErrors } from './field-errors';
import type { OverrideDraft } from './registry-drafts';

interface Props {
  drafts: OverrideDraft[];
  errors: FieldErrors;
  onChange(next: OverrideDraft[]): void;
  onAdd(): void;
}

export function OverridesEditor({ drafts, errors, onChange, onAdd }: Props) {
  const set = (index: number, change: Partial<OverrideDraft>) =>
    onChange(drafts.map((d, i) => (i === index ? { ...d, ...change } : d)));
  const root = useRef<HTMLDivElement>(null);
  const focusAfterRemove = useFocusAfterRemove(drafts, {
    items: () => root.current?.querySelectorAll<HTMLElement>('tbody tr') ?? [],
    field: (row) => row.querySelector<HTMLElement>('input'),
    fallback: () => root.current?.querySelector<HTMLElement>('[data-action="add"]') ?? null,
  });

  return (
    <div class="overrides" ref={root}>
      {drafts.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('options_override_component')}</th>
              <th scope="col">{t('options_override_projects')}</th>
              <th scope="col">
                <span class="st-sr-only">{t('options_override_actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((draft, index) => {
              const componentError = errors[`overrides.${index}.component`];
              const projectsError = errors[`overrides.${index}.projects`];
              const id = `override-${draft.key}`;
              return (
                <tr key={draft.key} data-override={index}>
                  <td>
                    <input
                      id={`${id}-component`}
                      type="text"
                      value={draft.component}
                      aria-label={t('options_override_component_label', index + 1)}
                      aria-invalid={componentError ? 'true' : undefined}
                      aria-describedby={componentError ? `${id}-component-error` : undefined}
                      onInput={(e) => set(index, { component: e.currentTarget.value })}
                    />
                    {componentError && (
                      <p class="field-error" id={`${id}-component-error`}>
                        {componentError}
                      </p>
                    )}
                  </td>
                  <td>
                    <input
                      id={`${id}-projects`}
                      type="text"
                      value={draft.projects}
                      aria-label={t('options_override_projects_label', index + 1)}
                      aria-invalid={projectsError ? 'true' : undefined}
                      aria-describedby={projectsError ? `${id}-projects-error` : undefined}
                      onInput={(e) => set(index, { projects: e.currentTarget.value })}
                    />
                    {projectsError && (
                      <p class="field-error" id={`${id}-projects-error`}>
                        {projectsError}
                      </p>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      class="st-button quiet"
                      onClick={() => {
                        focusAfterRemove(index);
                        onChange(drafts.filter((_, i) => i !== index));
                      }}
                    >
                      {t('options_override_remove')}
                      <span class="st-sr-only"> {draft.component}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button type="button" class="st-button" data-action="add" onClick={onAdd}>
        {t('options_override_add')}
      </button>
    </div>
  );
}
