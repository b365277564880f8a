// How well the registry covers the components: owned, unassigned, critical ones short of owners, and the
// components no Phabricator project matched.
import type { RegistryStatusView } from '../messages';
import { t } from '../ui/i18n';

export function CoverageSummary({ coverage }: { coverage: RegistryStatusView['coverage'] }) {
  if (coverage === null) return <p class="muted">{t('options_coverage_none')}</p>;
  return (
    <div class="coverage">
      <dl>
        <dt>{t('options_coverage_components')}</dt>
        <dd>{coverage.components}</dd>
        <dt>{t('options_coverage_owned')}</dt>
        <dd>{coverage.owned}</dd>
        <dt>{t('options_coverage_unassigned')}</dt>
        <dd>{coverage.unassigned}</dd>
        <dt>{t('options_coverage_under_covered')}</dt>
        <dd>{coverage.criticalUnderCovered}</dd>
      </dl>
      {coverage.unmatchedComponents.length > 0 && (
        <details>
          <summary>{t('options_coverage_unmatched', coverage.unmatchedComponents.length)}</summary>
          <p class="hint">{t('options_coverage_unmatched_hint')}</p>
          <ul class="columns">
            {coverage.unmatchedComponents.map((name) => (
              <li key={name}>
                <bdi>{name}</bdi>
              </li>
            ))}
          </ul>
        </details>
      )}
      {coverage.conflicts.length > 0 && (
        <details>
          <summary>{t('options_coverage_conflicts', coverage.conflicts.length)}</summary>
          <ul>
            {coverage.conflicts.map((c) => (
              <li key={c}>
                <bdi>{c}</bdi>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
