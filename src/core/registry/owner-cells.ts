// Reading the free text of the Steward, Individual maintainer and Consulted cells: "Group (Team)"
// stewards, "Unassigned", "formerly X" notes, and lists mixing wiki usernames and real names.
import type { Affiliation } from './types';
import type { TableCell, TableLink } from './table-model';

export interface ParsedTeam {
  kind: 'team';
  name: string;
  group: string | null;
}

export interface ParsedPerson {
  kind: 'person';
  /** Wiki username when the cell links the person's user page; null for a bare name. */
  username: string | null;
  name: string;
  affiliation: Affiliation;
}

export type ParsedOwner = ParsedTeam | ParsedPerson;

export interface ParsedOwnerCell {
  owners: ParsedOwner[];
  /** "formerly X" texts: history, never owners. */
  formerly: string[];
  /** The cell says Unassigned explicitly (as opposed to being empty). */
  unassigned: boolean;
}

/** Words that mean "nobody": counted as no owner, never as a person called "None". */
const NOBODY = /^(unassigned|none|nobody|n\/?a|tbd|tba|unknown|vacant|\?+|[-\u2013\u2014]+)$/i;
const FORMERLY = /\(?\s*\bformerly\b:?\s*([^)]*)\)?/i;

/** Split on separators that are not inside parentheses. */
function splitOutsideParens(text: string, separators: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0) {
      separators.lastIndex = i;
      const m = separators.exec(text);
      if (m && m.index === i) {
        parts.push(current);
        current = '';
        i += m[0].length - 1;
        continue;
      }
    }
    current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function stripFootnotes(text: string): string {
  return text.replace(/\[(?:\d{1,3}|[a-z]|note \d+|citation needed)\]/gi, '').trim();
}

/** The user name a link points at, from /wiki/User:X, ?title=User:X or the link title. */
export function userFromLink(link: TableLink): string | null {
  const fromTitle = link.title ? /^User:(.+?)(?: \(page does not exist\))?$/i.exec(link.title) : null;
  if (fromTitle?.[1]) return fromTitle[1].trim();
  let href = link.href;
  try {
    href = decodeURIComponent(href);
  } catch {
    // A malformed escape in a hand-saved page: read the href as it is.
  }
  const m =
    /(?:\/wiki\/|[?&]title=)User:([^?&#/]+)/i.exec(href) ?? /Special:Contributions\/([^?&#/]+)/i.exec(href);
  return m?.[1] ? m[1].replace(/_/g, ' ').trim() : null;
}

/**
 * The user-page links of a cell, read once per cell. A real cell links a handful of people; the
 * substring search below is bounded by MAX_LINKS_SEARCHED so that a page linking thousands of users in
 * one cell costs linear time (an exact match of the part's text still finds every one of them).
 */
const MAX_LINKS_SEARCHED = 64;
interface UserLinks {
  byText: Map<string, TableLink>;
  searched: TableLink[];
}
const userLinksOf = new WeakMap<TableLink[], UserLinks>();

function userLinks(links: TableLink[]): UserLinks {
  let found = userLinksOf.get(links);
  if (!found) {
    found = { byText: new Map(), searched: [] };
    for (const link of links) {
      if (!link.text || userFromLink(link) === null) continue;
      if (!found.byText.has(link.text)) found.byText.set(link.text, link);
      if (found.searched.length < MAX_LINKS_SEARCHED) found.searched.push(link);
    }
    userLinksOf.set(links, found);
  }
  return found;
}

function linkIn(part: string, links: TableLink[]): TableLink | undefined {
  const users = userLinks(links);
  return (
    users.byText.get(part) ??
    users.byText.get(withoutNotes(part)) ??
    users.searched.find((l) => part.includes(l.text))
  );
}

/** "Jane Doe (volunteer)" → "Jane Doe": drops every "(...)" note in one pass. */
function withoutNotes(part: string): string {
  let out = '';
  let i = 0;
  while (i < part.length) {
    const open = part.indexOf('(', i);
    if (open < 0) break;
    const close = part.indexOf(')', open + 1);
    // No ")" after this "(" means none after any later "(" either: the rest stays as written.
    if (close < 0) break;
    out += part.slice(i, open) + ' ';
    i = close + 1;
  }
  return (out + part.slice(i)).replace(/\s+/g, ' ').trim();
}

function personFrom(part: string, links: TableLink[]): ParsedPerson | null {
  let affiliation: Affiliation = 'unknown';
  if (/\(\s*volunteer\s*\)/i.test(part)) affiliation = 'volunteer';
  else if (/\(\s*(wmf|wmde|staff)\s*\)/i.test(part)) affiliation = 'staff';
  const link = linkIn(part, links);
  const username = link ? userFromLink(link) : null;
  // Notes in parentheses ("(volunteer)", "(Tgr)") are not part of the name.
  const bare = withoutNotes(part);
  const name = bare || link?.text || username || '';
  if (!name || NOBODY.test(name)) return null;
  return { kind: 'person', username, name, affiliation };
}

function teamFrom(part: string): ParsedTeam | null {
  const text = part.replace(/\s+/g, ' ').trim();
  if (!text || NOBODY.test(text)) return null;
  // "Group (Team)": the last parenthesised note, holding no parentheses itself, at the very end.
  if (text.endsWith(')')) {
    const open = text.lastIndexOf('(', text.length - 2);
    const inner = open < 0 ? '' : text.slice(open + 1, -1);
    const group = open < 0 ? '' : text.slice(0, open).trim();
    if (inner && !inner.includes(')') && group) return { kind: 'team', name: inner.trim(), group };
  }
  return { kind: 'team', name: text, group: null };
}

/** Pull "formerly X" out of a part; returns the rest and the note. */
function takeFormerly(part: string): { rest: string; formerly: string | null } {
  const m = FORMERLY.exec(part);
  if (!m) return { rest: part, formerly: null };
  const note = (m[1] ?? '').trim();
  const rest = (part.slice(0, m.index) + part.slice(m.index + m[0].length)).trim();
  // "Ori Livneh (formerly)": the person before the note is the former owner.
  if (!note) return { rest: '', formerly: rest || null };
  return { rest, formerly: note };
}

function parseCell(
  cell: TableCell,
  splitter: RegExp,
  read: (part: string) => ParsedOwner | null,
): ParsedOwnerCell {
  const result: ParsedOwnerCell = { owners: [], formerly: [], unassigned: false };
  for (const rawLine of stripFootnotes(cell.text).split('\n')) {
    // One space between words keeps every separator and note pattern below from rescanning runs.
    const line = rawLine.replace(/\s+/g, ' ');
    // In "formerly X, Y" the whole rest of the line is history, not only X.
    let inFormerly = false;
    for (const rawPart of splitOutsideParens(line, splitter)) {
      const part = stripFootnotes(rawPart);
      if (inFormerly) {
        result.formerly.push(part);
        continue;
      }
      const { rest, formerly } = takeFormerly(part);
      if (formerly) {
        result.formerly.push(formerly);
        if (!/\)\s*$/.test(part)) inFormerly = true;
      }
      const unassigned = /^unassigned\b/i.exec(rest);
      if (unassigned) {
        result.unassigned = true;
        const after = rest.slice(unassigned[0].length).replace(/^[\s:;,\u2013\u2014-]+/, '');
        if (after) {
          const owner = read(after);
          if (owner) result.owners.push(owner);
        }
        continue;
      }
      const owner = read(rest);
      if (owner) result.owners.push(owner);
    }
  }
  return result;
}

const LIST_SEPARATORS = /\s*[,;]\s*|\s+(?:and|&)\s+|\s*\/\s+/y;
const TEAM_SEPARATORS = /\s*[,;]\s*|\s+\/\s+/y;

/** Steward cell: teams ("Group (Team)"), or a person when the cell links a user page. */
export function parseStewardCell(cell: TableCell): ParsedOwnerCell {
  return parseCell(cell, TEAM_SEPARATORS, (part) =>
    linkIn(part, cell.links) ? personFrom(part, cell.links) : teamFrom(part),
  );
}

/** Individual maintainer cell: people, named by wiki username link or by real name. */
export function parseMaintainerCell(cell: TableCell): ParsedOwnerCell {
  return parseCell(cell, LIST_SEPARATORS, (part) => personFrom(part, cell.links));
}

/**
 * Whether "(" and a later ")" enclose at least one character on one line ("Group (Team)"). A regular
 * expression for this backtracks from every "(" to the end of the text: quadratic on a cell of "( "
 * pairs, which one edit of the wiki page can produce.
 */
function hasParenthesised(text: string): boolean {
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(') {
      if (open < 0) open = i;
    } else if (ch === ')') {
      if (open >= 0 && i > open + 1) return true;
    } else if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') {
      open = -1;
    }
  }
  return false;
}

/** Consulted cell: usually teams, sometimes people. */
export function parseConsultedCell(cell: TableCell): ParsedOwnerCell {
  return parseCell(cell, TEAM_SEPARATORS, (part) => {
    if (linkIn(part, cell.links)) return personFrom(part, cell.links);
    return /\bteam\b/i.test(part) || hasParenthesised(part) ? teamFrom(part) : personFrom(part, cell.links);
  });
}

export { stripFootnotes };
