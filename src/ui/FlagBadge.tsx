// An ownership flag as a small badge with words; its colour only repeats what the words say.
import type { OwnerFlag } from '../messages';
import { t } from './i18n';

export type BadgeFlag = OwnerFlag | 'single-process-owner';

const FLAGS: Record<BadgeFlag, { key: string; level: 'critical' | 'warn' | 'info' }> = {
  unassigned: { key: 'ui_flag_unassigned', level: 'critical' },
  'stewards-gone': { key: 'ui_flag_stewards_gone', level: 'critical' },
  'all-away': { key: 'ui_flag_all_away', level: 'warn' },
  'volunteer-only': { key: 'ui_flag_volunteer_only', level: 'warn' },
  'under-covered': { key: 'ui_flag_under_covered', level: 'warn' },
  'single-process-owner': { key: 'ui_flag_single_process_owner', level: 'info' },
};

export function FlagBadge({ flag }: { flag: BadgeFlag }) {
  const { key, level } = FLAGS[flag];
  return (
    <span class={`st-badge st-badge-${level}`} data-flag={flag}>
      {t(key)}
    </span>
  );
}
