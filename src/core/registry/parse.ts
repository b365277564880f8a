// Reads a native registry document (JSON or YAML), validates it with zod and reports every
// problem with its field path and line, then turns it into registry data with provenance.
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { hasDuplicateKeys, jsonSyntaxErrorOffset, lineLocator, scanJson, writtenAsJson } from './json-read';
import { runSteps, type Steps } from './steps';
import { withoutByteOrderMark } from './trim-chars';
import { readYamlFast } from './yaml-fast';
import { NESTED_HINT, NESTED_TOO_DEEPLY, yamlToData } from './yaml-read';
import type { z } from 'zod';
import type { Epoch } from '../model';
import { pathToString, type ReadResult, type RegistryProblem } from './errors';
import { RegistryBuilder } from './registry-builder';
import { CheckedRegistryDocumentSchema, REGISTRY_KEYS, type RegistryDocument } from './schema';
import { quickRegistryDocument } from './schema-fast';
import {
  DEFAULT_AFFILIATION,
  DEFAULT_MIN_OWNERS,
  personKey,
  teamKey,
  type OwnerClaim,
  type Provenance,
  type RegistryData,
} from './types';

export interface ParseOptions {
  /** File name or URL, used in messages and provenance. */
  source: string;
  format?: 'json' | 'yaml';
  /** Last modification of the file, when known. */
  revisionTime?: Epoch | null;
}

interface Located {
  doc: Document.Parsed;
  lines: LineCounter;
}

/** JSON when written as JSON (see writtenAsJson); YAML otherwise, flow style included. */
function detectFormat(text: string): 'json' | 'yaml' {
  return writtenAsJson(text) ? 'json' : 'yaml';
}

/**
 * JSON.parse reports "at position N" (node), "line L column C" (Firefox) or, for some errors in V8,
 * no position at all: then the text is scanned for where it breaks.
 */
function jsonSyntaxProblem(text: string, error: Error): RegistryProblem {
  // V8 quotes the text around the error, line breaks and all: the problem is listed on one line.
  const message = error.message.replace(/^JSON\.parse: /, '').replace(/\s+/g, ' ');
  const pos = /position (\d+)/.exec(message);
  const lc = /line (\d+) column (\d+)/.exec(message);
  const offset = pos ? Number(pos[1]) : lc ? null : jsonSyntaxErrorOffset(text);
  const where = lc
    ? { line: Number(lc[1]), column: Number(lc[2]) }
    : offset !== null
      ? lineLocator(text)(offset)
      : {};
  return {
    message: `not valid JSON: ${message}`,
    hint: afterComma(text, offset)
      ? 'Remove the comma before it: JSON allows none after the last item'
      : 'Fix the syntax (a missing comma or quote is the usual cause)',
    ...where,
  };
}

/** Whether the error at `offset` is a "]" or "}" that follows a comma. */
function afterComma(text: string, offset: number | null): boolean {
  if (offset === null) return false;
  const closing = text[offset];
  if (closing !== ']' && closing !== '}') return false;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return text[i] === ',';
}

/** Line/column of the node at `path`, or of the nearest ancestor that exists. */
function locate(
  located: Located,
  path: readonly PropertyKey[],
  key?: string,
): { line?: number; column?: number } {
  const parts = path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
  for (let n = parts.length; n >= 0; n--) {
    const node = n === 0 ? located.doc.contents : located.doc.getIn(parts.slice(0, n), true);
    if (!isNode(node) || !node.range) continue;
    let offset = node.range[0];
    // For an unknown key, point at the key itself rather than at its object.
    if (key !== undefined && n === parts.length && isMap(node)) {
      const pair = node.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === key);
      if (pair && isNode(pair.key) && pair.key.range) offset = pair.key.range[0];
    }
    const pos = located.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }
  return {};
}

// Known keys, for "did you mean" suggestions: read from the schema, so they cannot drift from it.
const {
  document: TOP_KEYS,
  ...KEYS_BY_PARENT
}: { document: readonly string[] } & Record<string, readonly string[]> = REGISTRY_KEYS;

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}

function suggestKey(path: readonly PropertyKey[], key: string): string | undefined {
  const parent = [...path].reverse().find((p) => typeof p === 'string');
  const candidates = parent === undefined ? TOP_KEYS : (KEYS_BY_PARENT[String(parent)] ?? []);
  let best: string | undefined;
  let bestScore = 3;
  for (const c of candidates) {
    const d = editDistance(key.toLowerCase(), c.toLowerCase());
    if (d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  return best;
}

/**
 * Problems listed one by one; beyond this, one line counts the rest. Locating each problem costs
 * time, and nobody reads 20,000 lines about one misplaced key.
 */
export const MAX_LISTED_PROBLEMS = 50;

/** The problems before locating: what, where in the data, and for an unknown key, which key. */
interface Unlocated {
  problem: RegistryProblem;
  path: (string | number)[];
  key?: string;
}

function unlocatedProblems(issues: readonly z.core.$ZodIssue[]): { listed: Unlocated[]; more: number } {
  const listed: Unlocated[] = [];
  let more = 0;
  for (const issue of issues) {
    const path = issue.path.filter(
      (p): p is string | number => typeof p === 'string' || typeof p === 'number',
    );
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        if (listed.length >= MAX_LISTED_PROBLEMS) {
          more++;
          continue;
        }
        // Long keys are nobody's typo, and comparing them would cost time.
        const suggestion = key.length <= 40 ? suggestKey(issue.path, key) : undefined;
        listed.push({
          problem: {
            path: pathToString([...issue.path, key]),
            message: `unknown field "${key.length > 80 ? `${key.slice(0, 80)}\u2026` : key}"`,
            ...(suggestion ? { hint: `Did you mean "${suggestion}"?` } : { hint: 'Remove it' }),
          },
          path,
          key,
        });
      }
      continue;
    }
    if (listed.length >= MAX_LISTED_PROBLEMS) {
      more++;
      continue;
    }
    const problem: RegistryProblem = { path: pathToString(issue.path), message: issue.message };
    if (issue.code === 'invalid_value')
      problem.expected = `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    listed.push({ problem, path });
  }
  return { listed, more };
}

function moreProblems(more: number): RegistryProblem[] {
  return more > 0
    ? [
        {
          message: `and ${more.toLocaleString('en')} more problem${more === 1 ? '' : 's'} not listed`,
          hint: 'Fix the ones above and check again',
        },
      ]
    : [];
}

/** Duplicate keys of a JSON document (JSON.parse keeps the last one without a word). */
function jsonDuplicates(text: string, value: unknown): RegistryProblem[] {
  if (!hasDuplicateKeys(text, value)) return [];
  const scan = scanJson(text, [], MAX_LISTED_PROBLEMS);
  if (scan.duplicateCount === 0) return [];
  const position = lineLocator(text);
  return [
    ...scan.duplicates.map((d) => ({
      path: pathToString(d.path),
      message: `the key "${d.key.length > 80 ? `${d.key.slice(0, 80)}\u2026` : d.key}" appears twice in the same object`,
      hint: 'Keep one of them: JSON readers would silently use only the last',
      ...position(d.offset),
    })),
    ...moreProblems(scan.duplicateCount - scan.duplicates.length),
  ];
}

const MAX_SYNTAX_PROBLEMS = 20;

export function parseRegistryText(text: string, options: ParseOptions): ReadResult<RegistryData> {
  return runSteps(parseRegistryTextSteps(text, options));
}

/** The read in stages: parsing, validating, building the registry with its provenance. */
export function* parseRegistryTextSteps(
  document: string,
  options: ParseOptions,
): Steps<ReadResult<RegistryData>> {
  // A file saved with a byte order mark (Notepad does) reads as the same file without one.
  const text = withoutByteOrderMark(document);
  if (text.trim() === '') {
    return {
      ok: false,
      errors: [{ message: 'the registry is empty', hint: 'Add at least a "components" list' }],
      warnings: [],
    };
  }
  const format = options.format ?? detectFormat(text);
  let data: unknown;
  let located: Located | null = null;
  let lineOf: ((path: (string | number)[]) => number | undefined) | null = null;
  const fast = format === 'yaml' ? readYamlFast(text) : null;
  if (fast?.ok) {
    data = fast.value;
    lineOf = fast.lineOf;
  } else if (format === 'json') {
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { ok: false, errors: [jsonSyntaxProblem(text, e as Error)], warnings: [] };
    }
    const duplicates = jsonDuplicates(text, data);
    if (duplicates.length > 0) return { ok: false, errors: duplicates, warnings: [] };
  } else {
    const lines = new LineCounter();
    // Duplicate keys are found by yamlToData: the library's own check compares every pair of keys.
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
    if (doc.errors.length > 0) return { ok: false, errors: yamlSyntaxProblems(doc, lines), warnings: [] };
    const read = yamlToData(doc, lines);
    if (!read.ok) return { ok: false, errors: read.problems, warnings: [] };
    data = read.value;
    located = { doc, lines };
  }
  if (data === null || data === undefined) {
    return {
      ok: false,
      errors: [{ message: 'the registry is empty', hint: 'Add at least a "components" list' }],
      warnings: [],
    };
  }
  yield;
  // A well-formed document skips zod's bookkeeping; anything else is zod's to read and explain.
  const quick = quickRegistryDocument(data);
  const checked = quick
    ? ({ success: true, data: quick } as const)
    : CheckedRegistryDocumentSchema.safeParse(data);
  if (!checked.success) {
    const { listed, more } = unlocatedProblems(checked.error.issues);
    let where: (u: Unlocated) => { line?: number; column?: number };
    if (format === 'yaml') {
      // Problems are pinpointed (line and column, the key itself) by the careful reader.
      const yamlDoc = located ?? locateYaml(text);
      where = (u) => (yamlDoc ? locate(yamlDoc, u.path, u.key) : {});
    } else {
      const scan = scanJson(
        text,
        listed.map((u) => (u.key === undefined ? u.path : [...u.path, u.key])),
        0,
      );
      const position = lineLocator(text);
      where = (u) => {
        const offset = scan.locate(u.key === undefined ? u.path : [...u.path, u.key]);
        return offset === null ? {} : position(offset);
      };
    }
    const errors = listed.map((u) => ({ ...u.problem, ...where(u) }));
    errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { ok: false, errors: [...errors, ...moreProblems(more)], warnings: [] };
  }
  const lines: LineOf | null = lineOf ?? (located ? (path) => locate(located, path).line : null);
  yield;
  return { ok: true, value: documentToRegistry(checked.data, options, lines), warnings: [] };
}

function yamlSyntaxProblems(doc: Document.Parsed, lines: LineCounter): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  let nested = false;
  for (const e of doc.errors.slice(0, MAX_SYNTAX_PROBLEMS)) {
    const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
    const where = pos ? { line: pos.line, column: pos.col } : {};
    // The library words a stack overflow in the engine's terms, once per level it unwinds through.
    if (e.code === 'RESOURCE_EXHAUSTION') {
      if (!nested) problems.push({ message: NESTED_TOO_DEEPLY, hint: NESTED_HINT, ...where });
      nested = true;
      continue;
    }
    problems.push({ message: `not valid YAML: ${e.message.split('\n')[0] ?? e.code}`, ...where });
  }
  return [...problems, ...moreProblems(doc.errors.length - MAX_SYNTAX_PROBLEMS)];
}

function locateYaml(text: string): Located | null {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  return doc.errors.length === 0 ? { doc, lines } : null;
}

/** The source line of the value at a path, when the reader knows it. */
export type LineOf = (path: (string | number)[]) => number | undefined;

export function documentToRegistry(
  doc: RegistryDocument,
  options: ParseOptions,
  lineOf: LineOf | null = null,
): RegistryData {
  const revisionTime = options.revisionTime ?? null;
  const source = options.source;
  const builder = new RegistryBuilder({ label: source, kind: 'native', revisionTime });
  // `location` is pathToString(path), spelled out for the shapes used here: tens of thousands per
  // registry, so plain loops, and the path array only when a reader can give its line.
  const prov = (location: string, path: (string | number)[] | null): Provenance => {
    const line = path ? lineOf?.(path) : undefined;
    return line !== undefined ? { source, location, revisionTime, line } : { source, location, revisionTime };
  };
  const withLines = lineOf !== null;
  const people = doc.people;
  for (let i = 0; i < people.length; i++) {
    const p = people[i]!;
    builder.person({
      username: p.username,
      name: p.name ?? p.username,
      aliases: p.aliases,
      status: p.status,
      affiliation: p.affiliation ?? DEFAULT_AFFILIATION,
      affiliationAssumed: p.affiliation === undefined,
      provenance: prov(`people[${i}]`, withLines ? ['people', i] : null),
    });
  }
  const teamNames = new Set(doc.teams.map((t) => teamKey(t.name)));
  const teams = doc.teams;
  for (let i = 0; i < teams.length; i++) {
    const t = teams[i]!;
    builder.team({
      name: t.name,
      group: t.group ?? null,
      members: t.members.map(personKey),
      contacts: { ...t.contacts },
      manager: t.manager ? personKey(t.manager) : null,
      provenance: prov(`teams[${i}]`, withLines ? ['teams', i] : null),
    });
  }
  const claims = (
    refs: readonly string[],
    i: number,
    role: 'stewards' | 'maintainers' | 'consulted',
  ): OwnerClaim[] => {
    const out: OwnerClaim[] = new Array<OwnerClaim>(refs.length);
    for (let j = 0; j < refs.length; j++) {
      // A name that is both a team and a username means the team: teams are preferred owners.
      const key = teamKey(refs[j]!);
      out[j] = {
        kind: teamNames.has(key) ? 'team' : 'person',
        ref: key, // teamKey and personKey are one function
        provenance: prov(`components[${i}].${role}[${j}]`, withLines ? ['components', i, role, j] : null),
      };
    }
    return out;
  };
  const components = doc.components;
  for (let i = 0; i < components.length; i++) {
    const c = components[i]!;
    // The document's lists are fresh from the reader and used nowhere else: taken, not copied.
    builder.component(c.name, prov(`components[${i}]`, withLines ? ['components', i] : null), {
      description: c.description ?? null,
      paths: c.paths,
      critical: c.critical,
      phabricatorProjects: c.phabricatorProjects,
      stewards: claims(c.stewards, i, 'stewards'),
      maintainers: claims(c.maintainers, i, 'maintainers'),
      consulted: claims(c.consulted, i, 'consulted'),
    });
  }
  return builder.build({
    fallback: doc.fallback ? teamKey(doc.fallback) : null,
    minOwners: doc.policy.minOwners ?? DEFAULT_MIN_OWNERS,
  });
}
