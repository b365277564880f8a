// What a person's liveness says in words, so a dot's colour is never the only signal.
import type { Liveness } from '../messages';
import { t } from './i18n';
import { shortDateText } from './time-text';

export function livenessText(liveness: Liveness, now: number): string {
  const until = liveness.until !== null && liveness.until > now ? shortDateText(liveness.until, now) : null;
  switch (liveness.state) {
    case 'active':
      return t('ui_liveness_active');
    case 'busy':
      return until ? t('ui_liveness_busy_until', until) : t('ui_liveness_busy');
    case 'away':
      return until ? t('ui_liveness_away_until', until) : t('ui_liveness_away');
    case 'disabled':
      return t('ui_liveness_disabled');
    case 'departed':
      return t('ui_liveness_departed');
    case 'unknown':
      return t('ui_liveness_unknown');
  }
}
