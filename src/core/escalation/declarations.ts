// Finds "Process owner: @username" lines in a comment's remarkup. Only lines a reader sees as
// plain text count: a quoted line repeats someone else's words, and a code block shows an
// example, so neither declares anything.
import type { TaskTransaction } from '../model';
import { currentComment } from './transactions';

export type Declaration = { kind: 'declare'; username: string } | { kind: 'release' };

const FENCE = /^\s*```/;
// Remarkup renders lines indented by two or more spaces (or a tab) as code.
const INDENTED_CODE = /^( {2,}|\t)/;
const QUOTE = /^\s?>/;
// Bold, italic and underline markers people wrap the label in: **Process owner:**, //…//, __…__.
const EMPHASIS = /\*\*|__|\/\/|!!/g;
const LABEL = /^(?:[-*+]\s+)?process[\s_-]*owner\s*:\s*(.*)$/i;
// Phabricator usernames: letters, digits and . _ -
const MENTION = /^@([A-Za-z0-9._-]+)/;
const RELEASE = /^none\b/i;

function readValue(rest: string): Declaration | null {
  const value = rest.trim();
  const mention = MENTION.exec(value);
  if (mention?.[1] !== undefined) {
    // Trailing punctuation ends the sentence, not the name; counted, as /[.-]+$/ rescans long runs.
    let end = mention[1].length;
    while (end > 0 && (mention[1][end - 1] === '.' || mention[1][end - 1] === '-')) end--;
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
    const fences = line.match(/```/g)?.length ?? 0;
    if (inFence) {
      // Remarkup closes a fenced block at the first ``` even when text precedes it on the line.
      if (fences > 0) inFence = fences % 2 === 0;
      continue;
    }
    if (FENCE.test(line)) {
      // A fence that opens and closes on one line (```x```) leaves the state unchanged.
      inFence = fences % 2 === 1;
      continue;
    }
    if (INDENTED_CODE.test(line) || QUOTE.test(line)) continue;
    const label = LABEL.exec(line.trim().replace(EMPHASIS, ''));
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

/** The declaration a comment makes: its last declaration line, or null if it has none. */
export function parseDeclaration(text: string): Declaration | null {
  const all = findDeclarations(text);
  return all[all.length - 1] ?? null;
}
