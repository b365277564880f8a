// What the worker last did with a registry source: loaded (how many components, how old) or why not.
import type { RegistryStatusView } from '../messages';
import { t } from '../ui/i18n';
import { relativeText } from '../ui/time-text';

type SourceView = RegistryStatusView['sources'][number];

export function SourceStatus({ status, now }: { status: SourceView | undefined; now: number }) {
  if (!status) return <p class="source-status muted">{t('options_source_not_loaded')}</p>;
  const when = status.fetchedAt !== null ? relativeText(status.fetchedAt, now) : null;
  return (
    <div class="source-status" data-stale={status.stale} data-problems={status.problems.length}>
      <p>
        {when ? t('options_source_loaded', status.components, when) : t('options_source_never_loaded')}
        {status.stale && <strong> {t('options_source_stale')}</strong>}
      </p>
      {status.error && (
        <p class="field-error">
          <bdi>{status.error}</bdi>
        </p>
      )}
      {status.problems.length > 0 && (
        <div class="problems">
          <p>{t('options_source_problems', status.problems.length)}</p>
          <ul>
            {status.problems.map((problem, i) => (
              <li key={i}>
                <bdi>{problem}</bdi>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
