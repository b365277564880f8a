// Which column of a Developers/Maintainers table means what. The page has two layouts (core:
// Component | Description | Steward | Individual maintainer | Consulted | Informed; extensions:
// Extension | Description | Steward | Individual maintainer | Consultants); headers carry footnote
// markers and are matched by name, not position, so a reordered table still reads correctly.
import type { RegistryProblem } from './errors';
import type { ExtractedTable, TableCell } from './table-model';
import { trimEndChars } from './trim-chars';

export type ColumnRole = 'name' | 'description' | 'steward' | 'maintainer' | 'consulted' | 'informed';

const HEADER_ROLES: Record<string, ColumnRole> = {
  component: 'name',
  extension: 'name',
  skin: 'name',
  library: 'name',
  description: 'description',
  steward: 'steward',
  stewards: 'steward',
  'individual maintainer': 'maintainer',
  'individual maintainers': 'maintainer',
  maintainer: 'maintainer',
  maintainers: 'maintainer',
  consulted: 'consulted',
  consultants: 'consulted',
  informed: 'informed',
};

export const KNOWN_LAYOUTS = [
  'Component | Description | Steward | Individual maintainer | Consulted | Informed',
  'Extension | Description | Steward | Individual maintainer | Consultants',
];

export interface TableLayout {
  /** Column index per role; a role absent from the table is missing. */
  columns: Partial<Record<ColumnRole, number>>;
  /** Number of leading rows that are headers. */
  headerRows: number;
  /** What the first column is called ("Component", "Extension"), for provenance. */
  kind: string;
}

export type LayoutVerdict =
  | { kind: 'maintainers'; layout: TableLayout }
  | { kind: 'unrelated' }
  | { kind: 'unknown-columns'; problem: RegistryProblem };

export function normaliseHeader(text: string): string {
  return trimEndChars(text.replace(/\[[^\]]{1,30}\]/g, ''), '*:')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function describeTable(table: ExtractedTable): string {
  return `table ${table.index}${table.heading ? ` (under "${table.heading}")` : ''}`;
}

/** Decide whether a table is a Maintainers table, unrelated (no column we know), or broken. */
export function detectLayout(table: ExtractedTable): LayoutVerdict {
  let headerRows = 0;
  while (headerRows < table.rows.length && (table.rows[headerRows] ?? []).every((c: TableCell) => c.header)) {
    headerRows++;
  }
  const headerRow = table.rows[Math.max(0, headerRows - 1)] ?? [];
  if (headerRows === 0) headerRows = table.rows.length > 0 ? 1 : 0;
  const headers = headerRow.map((c) => c.text.replace(/\n/g, ' '));
  const columns: Partial<Record<ColumnRole, number>> = {};
  const unknown: string[] = [];
  headers.forEach((h, i) => {
    const role = HEADER_ROLES[normaliseHeader(h)];
    if (!role) unknown.push(h || `(empty header in column ${i + 1})`);
    else if (columns[role] === undefined) columns[role] = i;
  });
  const known = Object.keys(columns).length;
  if (known === 0) return { kind: 'unrelated' };
  const missing = (['name', 'steward', 'maintainer'] as const).filter((r) => columns[r] === undefined);
  if (unknown.length === 0 && missing.length === 0) {
    return {
      kind: 'maintainers',
      layout: { columns, headerRows, kind: headers[columns.name ?? 0] ?? 'Component' },
    };
  }
  const found = headers.join(' | ');
  const why = [
    unknown.length
      ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`
      : '',
    missing.length
      ? `missing ${missing.map((m) => (m === 'name' ? 'Component/Extension' : m)).join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join('; ');
  return {
    kind: 'unknown-columns',
    problem: {
      message: `${describeTable(table)} has columns "${found}": ${why}`,
      expected: KNOWN_LAYOUTS.map((l) => `"${l}"`).join(' or '),
      hint: 'Fix the table header on the page, or save only the Maintainers tables',
      ...(table.rowLines[0] ? { line: table.rowLines[0] } : {}),
    },
  };
}
