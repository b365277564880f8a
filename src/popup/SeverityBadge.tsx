// A row's worst severity in words, coloured with the shared badge styles.
import type { Severity } from '../messages';
import { t } from '../ui/i18n';

const look: Record<Severity, { cls: string; key: string }> = {
  critical: { cls: 'st-badge-critical', key: 'popup_severity_critical' },
  warning: { cls: 'st-badge-warn', key: 'popup_severity_warning' },
  info: { cls: 'st-badge-info', key: 'popup_severity_info' },
};

export function SeverityBadge({ severity }: { severity: Severity | null }) {
  if (severity === null) return null;
  return (
    <span class={`st-badge ${look[severity].cls}`} data-severity={severity}>
      {t(look[severity].key)}
    </span>
  );
}
