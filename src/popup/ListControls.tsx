// Filters (native radios: arrow keys move between them) and a search box that narrows as you type.
import type { Ref } from 'preact';
import { t } from '../ui/i18n';
import type { RowFilter } from '../shared/watchlist-order';

interface Props {
  filter: RowFilter;
  query: string;
  counts: Record<RowFilter, number>;
  onFilter(filter: RowFilter): void;
  onQuery(query: string): void;
  searchRef?: Ref<HTMLInputElement>;
}

const FILTERS: Array<{ value: RowFilter; key: string }> = [
  { value: 'all', key: 'popup_filter_all' },
  { value: 'mine', key: 'popup_filter_mine' },
  { value: 'my-components', key: 'popup_filter_my_components' },
];

export function ListControls({ filter, query, counts, onFilter, onQuery, searchRef }: Props) {
  return (
    <div class="controls">
      <fieldset class="filters">
        <legend class="st-sr-only">{t('popup_filter_legend')}</legend>
        {FILTERS.map(({ value, key }) => (
          <label key={value} class={filter === value ? 'filter selected' : 'filter'}>
            <input
              type="radio"
              name="filter"
              value={value}
              checked={filter === value}
              onChange={() => onFilter(value)}
            />
            {t(key, counts[value])}
          </label>
        ))}
      </fieldset>
      <input
        ref={searchRef}
        class="search"
        type="search"
        value={query}
        placeholder={t('popup_search_placeholder')}
        aria-label={t('popup_search_label')}
        onInput={(e) => onQuery(e.currentTarget.value)}
      />
    </div>
  );
}
