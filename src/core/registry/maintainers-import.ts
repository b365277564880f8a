// Turns the tables of mediawiki.org's Developers/Maintainers page (read from parser HTML or from
// wikitext) into registry data. Every claim records the table, row and revision it came from.
import type { Epoch } from '../model';
import type { ReadResult, RegistryProblem } from './errors';
import { detectLayout, type ColumnRole, type TableLayout } from './maintainers-layout';
import {
  parseConsultedCell,
  parseMaintainerCell,
  parseStewardCell,
  stripFootnotes,
  type ParsedOwner,
  type ParsedOwnerCell,
} from './owner-cells';
import { RegistryBuilder } from './registry-builder';
import type { ExtractedTable, TableCell } from './table-model';
import { trimEndChars, trimStartChars } from './trim-chars';
import type { OwnerClaim, Provenance, RegistryComponent, RegistryData, RegistrySource } from './types';

export interface MaintainersPageMeta {
  /** Label shown as the source of every claim, e.g. "mediawiki.org Developers/Maintainers". */
  source: string;
  kind: 'wiki-html' | 'wikitext';
  revisionTime: Epoch | null;
  revisionId?: number;
}

/** "This includes the following files/paths: includes/api/, includes/Rest/" → the paths. */
export function pathsFromDescription(description: string): string[] {
  const m =
    /files?\s*\/\s*paths?\s*:?\s*([\s\S]*)$/i.exec(description) ??
    /\bpaths?\s*:\s*([\s\S]*)$/i.exec(description);
  if (!m?.[1]) return [];
  return m[1]
    .split(/[\s,;]+/)
    .map((p) => trimEndChars(trimStartChars(p, '("\'`'), ')"\'`.'))
    .filter((p) => /\//.test(p) && !/^[a-z]+:\/\//i.test(p));
}

function cellAt(row: TableCell[], layout: TableLayout, role: ColumnRole): TableCell | null {
  const i = layout.columns[role];
  return i === undefined ? null : (row[i] ?? null);
}

function describeTable(table: ExtractedTable): string {
  return `table ${table.index}${table.heading ? ` (${table.heading})` : ''}`;
}

export function importMaintainersTables(
  tables: ExtractedTable[],
  meta: MaintainersPageMeta,
): ReadResult<RegistryData> {
  const source: RegistrySource = {
    label: meta.source,
    kind: meta.kind,
    revisionTime: meta.revisionTime,
    ...(meta.revisionId !== undefined ? { revisionId: meta.revisionId } : {}),
  };
  const builder = new RegistryBuilder(source);
  const errors: RegistryProblem[] = [];
  const warnings: RegistryProblem[] = [];
  const wikitables = tables.filter((t) => t.classes.includes('wikitable'));
  if (wikitables.length === 0) {
    return {
      ok: false,
      errors: [
        {
          message:
            tables.length === 0
              ? 'the page has no tables'
              : `the page has ${tables.length} table(s) but none is a "wikitable"`,
          expected: 'the Developers/Maintainers page, whose components are listed in table.wikitable tables',
          hint: 'Check the page title or URL (action=parse&page=Developers/Maintainers&prop=text)',
        },
      ],
      warnings,
    };
  }
  let maintainersTables = 0;
  for (const table of wikitables) {
    const verdict = detectLayout(table);
    if (verdict.kind === 'unrelated') {
      warnings.push({
        message: `${describeTable(table)} skipped: none of its columns is a Maintainers column`,
      });
      continue;
    }
    if (verdict.kind === 'unknown-columns') {
      errors.push(verdict.problem);
      continue;
    }
    maintainersTables++;
    readTable(table, verdict.layout, meta, builder, warnings);
  }
  if (errors.length > 0) return { ok: false, errors, warnings };
  if (maintainersTables === 0) {
    return {
      ok: false,
      errors: [
        {
          message: "none of the page's tables has the Maintainers columns",
          expected: 'a table with Component (or Extension), Steward and Individual maintainer columns',
        },
      ],
      warnings,
    };
  }
  return { ok: true, value: builder.build(), warnings };
}

function readTable(
  table: ExtractedTable,
  layout: TableLayout,
  meta: MaintainersPageMeta,
  builder: RegistryBuilder,
  warnings: RegistryProblem[],
): void {
  let dataRow = 0;
  // A description spanning many rows (rowspan) is read once and its paths shared by the components of
  // those rows (read-only, as registry data is), not read and copied again for each.
  const pathsOf = new Map<string, string[]>();
  // Owner cells likewise: a cell spanning rows of different components is parsed once. Its copies share
  // the spanning cell's list of links (table-model.ts expandSpans), which tells that cell apart.
  // A colspan over two owner columns is one cell read two ways: kept per way of reading.
  type Parse = (cell: TableCell) => ParsedOwnerCell;
  const parsedCells = new WeakMap<object, Map<Parse, ParsedOwnerCell>>();
  const parsedOnce = (cell: TableCell, parse: Parse): ParsedOwnerCell => {
    if (cell.rowspan === 1 && !cell.spanned) return parse(cell);
    let ways = parsedCells.get(cell.links);
    if (!ways) parsedCells.set(cell.links, (ways = new Map()));
    let parsed = ways.get(parse);
    if (!parsed) ways.set(parse, (parsed = parse(cell)));
    return parsed;
  };
  table.rows.forEach((row, r) => {
    if (r < layout.headerRows) return;
    if (row.every((c) => c.header)) return; // a repeated header row in a long table
    dataRow++;
    const line = table.rowLines[r] ?? undefined;
    const provenance: Provenance = {
      source: meta.source,
      location: `${describeTable(table)}, row ${dataRow}`,
      revisionTime: meta.revisionTime,
      ...(line !== undefined ? { line } : {}),
    };
    const nameCell = cellAt(row, layout, 'name');
    const name = stripFootnotes((nameCell?.text ?? '').split('\n')[0] ?? '').trim();
    if (!name) {
      if (row.some((c) => c.text.trim())) {
        warnings.push({
          message: `${provenance.location} has no ${layout.kind} name and was skipped`,
          ...(line !== undefined ? { line } : {}),
        });
      }
      return;
    }
    const repeated = builder.hasComponent(name);
    const component = builder.component(name, provenance);
    const descCell = cellAt(row, layout, 'description');
    if (descCell && !component.description) {
      component.description = descCell.text || null;
      let paths = pathsOf.get(descCell.text);
      if (!paths) {
        paths = pathsFromDescription(descCell.text);
        if (descCell.rowspan > 1 || descCell.spanned) pathsOf.set(descCell.text, paths);
      }
      component.paths = paths;
    }
    // A rowspan repeats the same cell into following rows: count its owners once.
    const fresh = (cell: TableCell | null): cell is TableCell => cell !== null && !(repeated && cell.spanned);
    const steward = cellAt(row, layout, 'steward');
    if (fresh(steward))
      addClaims(component, 'steward', parsedOnce(steward, parseStewardCell), builder, provenance);
    const maintainer = cellAt(row, layout, 'maintainer');
    if (fresh(maintainer))
      addClaims(component, 'maintainer', parsedOnce(maintainer, parseMaintainerCell), builder, provenance);
    const consulted = cellAt(row, layout, 'consulted');
    if (fresh(consulted))
      addClaims(component, 'consulted', parsedOnce(consulted, parseConsultedCell), builder, provenance);
  });
}

/** Claims already on a component's list, so that a cell naming thousands of owners stays linear. */
const claimKeys = new WeakMap<OwnerClaim[], Set<string>>();

function addClaims(
  component: RegistryComponent,
  role: 'steward' | 'maintainer' | 'consulted',
  parsed: ParsedOwnerCell,
  builder: RegistryBuilder,
  provenance: Provenance,
): void {
  const list =
    role === 'steward'
      ? component.stewards
      : role === 'maintainer'
        ? component.maintainers
        : component.consulted;
  let seen = claimKeys.get(list);
  if (!seen) {
    seen = new Set(list.map((c) => `${c.kind}:${c.ref}`));
    claimKeys.set(list, seen);
  }
  for (const owner of parsed.owners) {
    const claim = claimFor(owner, builder, provenance);
    const key = `${claim.kind}:${claim.ref}`;
    if (!seen.has(key)) {
      seen.add(key);
      list.push(claim);
    }
  }
  for (const text of parsed.formerly) component.formerly.push({ role, text, provenance });
}

function claimFor(owner: ParsedOwner, builder: RegistryBuilder, provenance: Provenance): OwnerClaim {
  if (owner.kind === 'team') {
    const team = builder.team({ name: owner.name, group: owner.group, provenance });
    return { kind: 'team', ref: team.key, provenance };
  }
  const person = builder.person({
    username: owner.username,
    name: owner.name,
    affiliation: owner.affiliation,
    provenance,
  });
  return { kind: 'person', ref: person.key, provenance };
}
