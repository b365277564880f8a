// What an empty list means: nothing watched, nothing stale, or nothing matching the filter.
import { t } from '../ui/i18n';
import type { ListedRows } from '../shared/watchlist-order';
import type { OptionsSection } from './popup-env';

interface Props {
  listed: ListedRows;
  watchedCount: number;
  filtered: boolean;
  onClearFilters(): void;
  onOptions(section: OptionsSection): void;
}

export function EmptyState({ listed, watchedCount, filtered, onClearFilters, onOptions }: Props) {
  if (watchedCount === 0) {
    return (
      <div class="empty" data-state="nothing-watched">
        <p>{t('popup_empty_nothing_watched')}</p>
        <button type="button" class="st-button" onClick={() => onOptions('watch')}>
          {t('popup_watch_rules')}
        </button>
      </div>
    );
  }
  if (listed.staleTotal === 0) {
    return (
      <div class="empty" data-state="all-fine">
        <p>{watchedCount === 1 ? t('popup_empty_all_fine_one') : t('popup_empty_all_fine', watchedCount)}</p>
      </div>
    );
  }
  if (filtered) {
    return (
      <div class="empty" data-state="no-match">
        <p>{t('popup_empty_no_match')}</p>
        <button type="button" class="st-button" onClick={onClearFilters}>
          {t('popup_show_all')}
        </button>
      </div>
    );
  }
  return (
    <div class="empty" data-state="all-snoozed">
      <p>{t('popup_empty_all_snoozed')}</p>
    </div>
  );
}
