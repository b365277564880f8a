// The review page's table as data: filters, sort orders and the cells the CSV and Remarkup exports
// write. Pure, so the exports are tested without a page.
import type { ResolvedWeek } from '../core/escalation/resolved-weeks';
import type { ProcessOwnerView, ReviewRow } from '../messages';
import type { BadgeFlag } from '../ui/FlagBadge';
import { t } from '../ui/i18n';
import { durationText, isoTime } from '../ui/time-text';
import { remarkupTaskLink, remarkupText, taskName, toRemarkupTable } from './export-remarkup';
import { toCsv } from './export-csv';

export type SortKey = 'task' | 'age' | 'owner' | 'activity' | 'components' | 'flags';
export interface Sort {
  key: SortKey;
  descending: boolean;
}
export interface Filters {
  project: string;
  component: string;
  team: string;
}
export const NO_FILTERS: Filters = { project: '', component: '', team: '' };

/** What the filters look at, the same for an open row and a resolved task. */
export interface Tagged {
  projects: readonly string[];
  components: readonly string[];
  teams: readonly string[];
}

export function taggedRow(row: ReviewRow): Tagged {
  return { projects: row.projects, components: row.components.map((c) => c.name), teams: row.teams };
}

export function matchesFilters(item: Tagged, filters: Filters): boolean {
  return (
    (filters.project === '' || item.projects.includes(filters.project)) &&
    (filters.component === '' || item.components.includes(filters.component)) &&
    (filters.team === '' || item.teams.includes(filters.team))
  );
}

const OWNER_RANK: Record<ProcessOwnerView['state'], number> = {
  none: 0,
  'assignee-not-declared': 1,
  declared: 2,
  acknowledged: 3,
};
const SEVERITY_RANK = { info: 1, warning: 2, critical: 3 } as const;

export function ageOf(row: ReviewRow, now: number): number {
  return row.escalation ? Math.max(0, now - row.escalation.escalatedAt) : 0;
}

export function flagsOf(row: ReviewRow): BadgeFlag[] {
  const flags = new Set<BadgeFlag>(row.components.flatMap((c) => c.flags));
  if (row.needsSingleProcessOwner) flags.add('single-process-owner');
  return [...flags];
}

function sortValue(row: ReviewRow, key: SortKey, now: number): number | string {
  switch (key) {
    case 'task':
      return row.task.id;
    case 'age':
      return ageOf(row, now);
    case 'owner':
      return OWNER_RANK[row.processOwner?.state ?? 'none'];
    case 'activity':
      return row.lastActivityAt ?? 0;
    case 'components':
      return row.components
        .map((c) => c.name)
        .join(', ')
        .toLowerCase();
    case 'flags':
      return (row.severity ? SEVERITY_RANK[row.severity] * 100 : 0) + flagsOf(row).length;
  }
}

/** Filtered and sorted; ties keep the oldest escalation first, then the task id. */
export function visibleRows(
  rows: readonly ReviewRow[],
  filters: Filters,
  sort: Sort,
  now: number,
): ReviewRow[] {
  const kept = rows.filter((row) => matchesFilters(taggedRow(row), filters));
  const keyed = kept.map((row) => ({ row, value: sortValue(row, sort.key, now), age: ageOf(row, now) }));
  const direction = sort.descending ? -1 : 1;
  keyed.sort((a, b) => {
    const order = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return order * direction || b.age - a.age || a.row.task.id - b.row.task.id;
  });
  return keyed.map((k) => k.row);
}

/** The choices of each filter, sorted, from the rows or resolved tasks loaded. */
export function filterChoices(items: readonly Tagged[]) {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  return {
    projects: sorted(items.flatMap((r) => r.projects)),
    components: sorted(items.flatMap((r) => r.components)),
    teams: sorted(items.flatMap((r) => r.teams)),
  };
}

export function ownerText(owner: ProcessOwnerView | null): string {
  if (owner === null || owner.state === 'none' || owner.person === null) return t('review_owner_none');
  return t(`review_owner_${owner.state.replace(/-/g, '_')}`, owner.person.username);
}

function componentsText(row: ReviewRow): string {
  return row.components
    .map((c) =>
      c.stewards.length ? `${c.name} (${c.stewards.join(', ')})` : `${c.name} (${t('review_no_steward')})`,
    )
    .join('; ');
}

function flagsText(row: ReviewRow): string {
  return [
    ...row.stale.map((s) => s.text),
    ...flagsOf(row).map((f) => t(`ui_flag_${f.replace(/-/g, '_')}`)),
  ].join('; ');
}

function header(): string[] {
  return [
    t('review_col_task'),
    t('review_col_title'),
    t('review_col_age'),
    t('review_col_owner'),
    t('review_col_activity'),
    t('review_col_components'),
    t('review_col_flags'),
  ];
}

export function reviewCsv(rows: readonly ReviewRow[], now: number): string {
  return toCsv(
    [...header(), t('review_col_url'), t('review_col_escalated'), t('review_col_age_hours')],
    rows.map((row) => [
      `T${row.task.id}`,
      row.task.title,
      row.escalation ? durationText(ageOf(row, now)) : '',
      ownerText(row.processOwner),
      row.lastActivityAt === null ? '' : isoTime(row.lastActivityAt),
      componentsText(row),
      flagsText(row),
      row.task.url,
      row.escalation ? isoTime(row.escalation.escalatedAt) : '',
      row.escalation ? Math.round(ageOf(row, now) / 360) / 10 : null,
    ]),
  );
}

export function reviewRemarkup(rows: readonly ReviewRow[], now: number): string {
  return toRemarkupTable(
    header(),
    rows.map((row) => [
      taskName(row.task.id),
      remarkupTaskLink(row.task.url, row.task.title),
      row.escalation ? remarkupText(durationText(ageOf(row, now))) : '',
      remarkupText(ownerText(row.processOwner)),
      row.lastActivityAt === null ? '' : remarkupText(isoTime(row.lastActivityAt)),
      remarkupText(componentsText(row)),
      remarkupText(flagsText(row)),
    ]),
  );
}

function resolvedHeader(): string[] {
  return [
    t('review_week'),
    t('review_resolved_count'),
    t('review_never_owned'),
    t('review_median_first_owner'),
    t('review_median_resolution'),
  ];
}

function resolvedCells(weeks: readonly ResolvedWeek[]): (string | number)[][] {
  const duration = (s: number | null) => (s === null ? '' : durationText(s));
  return weeks.map((w) => [
    isoTime(w.weekStart).slice(0, 10),
    w.resolved,
    w.neverOwned,
    duration(w.medianToFirstOwner),
    duration(w.medianToResolution),
  ]);
}

export function resolvedCsv(weeks: readonly ResolvedWeek[]): string {
  return toCsv(resolvedHeader(), resolvedCells(weeks));
}

export function resolvedRemarkup(weeks: readonly ResolvedWeek[]): string {
  return toRemarkupTable(
    resolvedHeader(),
    resolvedCells(weeks).map((cells) => cells.map((c) => remarkupText(String(c)))),
  );
}
