// Finds "Process owner: @username" lines in a comment's remarkup. Only lines a reader sees as
// plain text count: a quoted line repeats someone else's words, and a code block shows an
// example, so neither declares anything.
import type { Epoch, TaskTransaction } from '../model';
import { currentComment, newestVersion, type HistoryPoint } from './transactions';

export type Declaration = { kind: 'declare'; username: string } | { kind: 'release' };

const TICKS = '```';
// Remarkup renders lines indented by two or more spaces (or a tab) as code.
const INDENTED_CODE = /^( {2,}|\t)/;
const QUOTE = /^\s?>/;
// Bold, italic and underline markers people wrap the label (or the value) in: **Process owner:**, //…//.
const EMPHASIS = /\*\*|__|\/\/|!!/g;
// A list item's marker before the label, as Remarkup's list rule takes them: "-", "*", "#" (runs of
// them nest), "1." or "1)", and a checkbox "[ ]" or "[x]".
const LABEL = /^(?:(?:[-*+#]+|[1-9]\d*[.)]|\[\D?\])\s+)?process[\s_-]*owner\s*:\s*(.*)$/i;
// Phabricator usernames: letters, digits and . _ -
const MENTION = /^@([A-Za-z0-9._-]+)/;
const RELEASE = /^none\b/i;

const MARKERS = ['**', '__', '//', '!!'];

/** The emphasis marker or blank that `text` starts with at `at` (or ends with before it), or ''. */
function markerAt(text: string, at: number, before: boolean): string {
  const blank = before ? text[at - 1] : text[at];
  if (blank === ' ' || blank === '\t') return blank;
  for (const marker of MARKERS) if (text.startsWith(marker, before ? at - marker.length : at)) return marker;
  return '';
}

/**
 * The text without blanks and emphasis markers at either end (a loop, not a regex: runs stay linear). A
 * marker at the end goes only when it closes one opened at the start: "@ops__" is a user, "__@ops__" is
 * @ops underlined.
 */
function trimEmphasis(text: string): string {
  let start = 0;
  let end = text.length;
  // The markers opened, as one string: no allocation per line for the usual none.
  let opened = '';
  for (let m = markerAt(text, start, false); m !== '' && start < end; m = markerAt(text, start, false)) {
    opened += m;
    start += m.length;
  }
  for (let m = markerAt(text, end, true); m !== '' && end > start; m = markerAt(text, end, true)) {
    if (m !== ' ' && m !== '\t' && !opened.includes(m)) break;
    end -= m.length;
  }
  return text.slice(start, Math.max(start, end));
}

function readValue(rest: string): Declaration | null {
  const value = rest.trim();
  const mention = MENTION.exec(value);
  if (mention?.[1] !== undefined) {
    // A trailing full stop ends the sentence, not the name: Phorge's own mention rule ends a name with a
    // letter, digit, '_' or '-' ("@ops-" is a user). Counted, as /\.+$/ rescans long runs.
    let end = mention[1].length;
    while (end > 0 && mention[1][end - 1] === '.') end--;
    const username = mention[1].slice(0, end);
    if (username !== '') return { kind: 'declare', username };
  }
  if (RELEASE.test(value)) return { kind: 'release' };
  return null;
}

/** Every declaration line in the text, in order; quoted and code lines are skipped. */
export function findDeclarations(text: string): Declaration[] {
  const found: Declaration[] = [];
  // Most comments never mention it; skip the line-by-line reading for them.
  if (!/owner/i.test(text)) return found;
  let inFence = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    // As Remarkup's code block rule reads them: a line starting with ``` opens a block, which ends at the
    // first line that ends with ``` (whatever precedes it); a line that does both is a block of its own.
    const ends = line.trimEnd().endsWith(TICKS);
    if (inFence) {
      if (ends) inFence = false;
      continue;
    }
    const opening = line.trimStart();
    if (opening.startsWith(TICKS)) {
      inFence = !(ends && opening.trimEnd().length >= 2 * TICKS.length);
      continue;
    }
    if (INDENTED_CODE.test(line) || QUOTE.test(line)) continue;
    // Emphasis is taken off the label, and only around the value: a username may hold "__" itself.
    const text = line.trim();
    const colon = text.indexOf(':');
    const label = LABEL.exec(
      colon < 0
        ? text.replace(EMPHASIS, '')
        : `${text.slice(0, colon + 1).replace(EMPHASIS, '')} ${trimEmphasis(text.slice(colon + 1))}`,
    );
    if (label?.[1] === undefined) continue;
    const declaration = readValue(label[1]);
    if (declaration !== null) found.push(declaration);
  }
  return found;
}

/** What a transaction's comment declares as it reads now (an edited comment counts as edited). */
export function currentDeclarations(tx: TaskTransaction): Declaration[] {
  const comment = currentComment(tx);
  return comment ? findDeclarations(comment.content.raw) : [];
}

/**
 * Since when a comment has said what `holds` looks for, as it reads now: from the oldest of its versions
 * after which every version says it. A typo fixed or a link added later does not move it; an older comment
 * edited to say it counts from that edit. Null when the comment does not say it now.
 */
export function heldSince(tx: TaskTransaction, holds: (text: string) => boolean): Epoch | null {
  // Most comments were never edited: one version, read once.
  if (tx.comments.length === 1) {
    const only = tx.comments[0]!;
    return only.removed || !holds(only.content.raw) ? null : Math.max(only.dateCreated, tx.dateCreated);
  }
  const newestFirst = [...tx.comments].sort((a, b) => b.version - a.version);
  let since: Epoch | null = null;
  for (const version of newestFirst) {
    if (version.removed || !holds(version.content.raw)) break;
    since = version.dateCreated;
  }
  return since === null ? null : Math.max(since, tx.dateCreated);
}

/**
 * The moment a comment's declaration (what it says now) took effect, in Phorge's order: a comment never
 * edited from when it was posted; an edited one from the oldest version after which it has said the same
 * (heldSince), so a typo fixed or a link added later moves nothing. Null when it does not say it now.
 * Both the process-owner words and the escalation timeline date declarations with it.
 */
export function declarationPoint(tx: TaskTransaction, declaration: Declaration): HistoryPoint | null {
  const at =
    tx.comments.length === 1
      ? Math.max(tx.comments[0]!.dateCreated, tx.dateCreated)
      : heldSince(tx, (text) => sameDeclaration(parseDeclaration(text), declaration));
  return at === null ? null : { at, transactionId: tx.id };
}

/** The same declaration: the same person (usernames are case-insensitive), or both a release. */
export function sameDeclaration(a: Declaration | null, b: Declaration): boolean {
  if (a === null) return false;
  if (a.kind === 'release' || b.kind === 'release') return a.kind === b.kind;
  return a.username.toLowerCase() === b.username.toLowerCase();
}

/** A comment that declares a process owner (or releases one) in some version, as it was read. */
export interface DeclaringComment {
  /** The transaction's PHID. */
  phid: string;
  /** Its newest comment version, and whether that version removed the comment. */
  version: number;
  removed: boolean;
}

/**
 * The history's comments that say who is in charge in any version: editing one can change the process
 * owner, and Phorge saves an edited comment without marking its task modified, so only asking after
 * these comments again shows such an edit.
 */
export function declaringComments(history: readonly TaskTransaction[]): DeclaringComment[] {
  const found: DeclaringComment[] = [];
  for (const tx of history) {
    if (tx.comments.length === 0) continue;
    if (!tx.comments.some((v) => !v.removed && findDeclarations(v.content.raw).length > 0)) continue;
    const newest = newestVersion(tx)!;
    found.push({ phid: tx.phid, version: newest.version, removed: newest.removed });
  }
  return found;
}

/** Whether a transaction read again says something other than its comment as it was read. */
export function commentMoved(read: DeclaringComment, again: TaskTransaction | undefined): boolean {
  const newest = again === undefined ? null : newestVersion(again);
  if (newest === null) return true;
  return newest.version !== read.version || newest.removed !== read.removed;
}

/** The declaration a comment makes: its last declaration line, or null if it has none. */
export function parseDeclaration(text: string): Declaration | null {
  const all = findDeclarations(text);
  return all[all.length - 1] ?? null;
}
