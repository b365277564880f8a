// Which watched tasks the popup lists, and in what order: the stale ones, worst first, then the longest
// on fire. Pure functions over the worker's rows so the list order is testable without rendering.
import type { Severity, StaleRow } from '../messages';

export type RowFilter = 'all' | 'mine' | 'my-components';

const severityRank: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };

export function rank(severity: Severity | null): number {
  return severity === null ? 0 : severityRank[severity];
}

/** A row's own severity, or the worst of its fired rules when the worker left it unset. */
export function rowSeverity(row: StaleRow): Severity | null {
  let worst: Severity | null = row.severity;
  for (const fired of row.stale) if (rank(fired.severity) > rank(worst)) worst = fired.severity;
  return worst;
}

export function isStale(row: StaleRow): boolean {
  return row.stale.length > 0;
}

export function isSnoozed(row: StaleRow, now: number): boolean {
  return row.snoozedUntil !== null && row.snoozedUntil > now;
}

/** Severity first, then escalation age (oldest first), then task id so the order never flickers. */
export function compareRows(a: StaleRow, b: StaleRow): number {
  return (
    rank(rowSeverity(b)) - rank(rowSeverity(a)) ||
    (b.escalation?.ageSeconds ?? -1) - (a.escalation?.ageSeconds ?? -1) ||
    a.task.id - b.task.id
  );
}

function matchesFilter(row: StaleRow, filter: RowFilter): boolean {
  if (filter === 'mine') return row.mine;
  if (filter === 'my-components') return row.myComponent;
  return true;
}

// A search answers at each keystroke: each row's text is built once per row object, not per keystroke.
const haystacks = new WeakMap<StaleRow, string>();

function haystack(row: StaleRow): string {
  const known = haystacks.get(row);
  if (known !== undefined) return known;
  const text = rowText(row);
  haystacks.set(row, text);
  return text;
}

function rowText(row: StaleRow): string {
  const people = [row.processOwner?.person, row.task.assignee]
    .flatMap((p) => (p ? [p.username, `@${p.username}`, p.realName ?? ''] : []))
    .join(' ');
  return [`T${row.task.id}`, row.task.title, row.team ?? '', people].join(' ').toLocaleLowerCase();
}

/** Builds the rows' search text ahead of the first keystroke (the popup does it when the browser is idle). */
export function prepareSearch(rows: readonly StaleRow[]): void {
  for (const row of rows) haystack(row);
}

/**
 * Every word of the query must match: a task id ("T15" is that task alone), or text of the id, title,
 * team or person ("15" appears in T15, T150 and a title's "1500").
 */
export function matchesSearch(row: StaleRow, query: string): boolean {
  return matchesWords(row, searchWords(query));
}

interface SearchWord {
  text: string;
  /** The task a word like "t15" names: searching T15 should not list T150 and T1500 above it. */
  taskId: number | null;
}

const TASK_WORD = /^t\d+$/;

function searchWords(query: string): SearchWord[] {
  return query
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((text) => ({ text, taskId: TASK_WORD.test(text) ? Number(text.slice(1)) : null }));
}

function matchesWords(row: StaleRow, words: readonly SearchWord[]): boolean {
  return words.every((word) =>
    word.taskId === null ? haystack(row).includes(word.text) : row.task.id === word.taskId,
  );
}

/** The stale rows, worst first: sorted once per watchlist, then filtered at each keystroke without sorting again. */
export function sortedStale(rows: readonly StaleRow[]): StaleRow[] {
  return rows.filter(isStale).sort(compareRows);
}

export interface ListedRows {
  /** Stale, not snoozed, matching the filter and search, sorted. */
  active: StaleRow[];
  /** Stale but snoozed, matching the filter and search, sorted. */
  snoozed: StaleRow[];
  /** Watched rows with no fired rule (not listed; counted for the empty state). */
  fine: number;
  /** Stale rows before filter and search, so an empty result can say "nothing matches" instead. */
  staleTotal: number;
}

export function listRows(
  rows: readonly StaleRow[],
  filter: RowFilter,
  query: string,
  now: number,
  sorted: readonly StaleRow[] = sortedStale(rows),
): ListedRows {
  const words = searchWords(query);
  const active: StaleRow[] = [];
  const snoozed: StaleRow[] = [];
  for (const row of sorted) {
    if (!matchesFilter(row, filter) || !matchesWords(row, words)) continue;
    (isSnoozed(row, now) ? snoozed : active).push(row);
  }
  return { active, snoozed, fine: rows.length - sorted.length, staleTotal: sorted.length };
}
