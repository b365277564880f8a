// Remarkup, Phabricator's own markup, as its simple table rule reads it (PhutilRemarkupSimpleTableBlockRule):
// one `| a | b |` line per row, and a row of `---` cells that turns the row above into a header. A cell may
// hold a `[[ url | text ]]` link; a bare `|`, a `[[` or a line break in user text would split or end the
// table, and an `@name` or `{T1}` in a title would mention someone or embed something when pasted, so
// user text is neutralised. Nothing in the export may mention an object either: Phorge records a
// "mentioned this in" transaction on every task a comment names, by monogram (T123) or by a link to its
// own /T123 URL (PhabricatorSelfHyperlinkEngineExtension), in the paster's name, and on forty tasks at
// once that is forty notifications and forty transactions that look like the paster acting. Monograms are
// broken with a zero-width space, and task links go to Maniphest's search for that id instead. Phorge also
// reads markdown-style `[text](url)` links, which would let a title or a registry name (editable by any wiki
// account) plant a link whose target the reader does not see: `](` is broken too.
export function remarkupText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/\|/g, '¦')
    .replace(/\[(?=[[|])/g, '[\u200b')
    .replace(/\](?=[\](])/g, ']\u200b')
    .replace(/([@{])(?=\S)/g, '$1\u200b')
    .replace(MONOGRAM, '$1$2\u200b$3');
}

// An object name as Phorge's remarkup rules find one: a capital letter (T, D, P, F, M, …) right before
// digits, not inside a word.
const MONOGRAM = /(^|[^A-Za-z0-9_])([A-Z])(\d)/g;

/** A task named without naming it to Phorge: the monogram broken, shown as text. */
export function taskName(id: number): string {
  return `T\u200b${id}`;
}

/**
 * A link to a task that records no mention: the instance's own /T123 URL would (it is read as naming the
 * task), Maniphest's search for that one id is not, and opens a list holding just that task.
 */
export function remarkupTaskLink(url: string, text: string): string {
  const task = /^(https?:\/\/[^/\s|\]]+(?:\/[^\s|\]]*)?)\/T(\d+)$/.exec(url);
  if (task === null) return remarkupLink(url, text);
  return remarkupLink(`${task[1]}/maniphest/?ids=${task[2]}`, text);
}

/**
 * A link cell; only http(s) URLs become links, anything else is shown as text. Phorge's link rule takes no
 * `]` at all in a link's name (PhutilRemarkupDocumentLinkRule: `[^\]]+`), so a title like "[Regression] …"
 * would leave the whole `[[ … ]]` as raw text: square brackets in the name are shown as their fullwidth
 * forms, as a pair so the title still reads as written.
 */
export function remarkupLink(url: string, text: string): string {
  if (!/^https?:\/\/[^\s|\]]+$/.test(url)) return remarkupText(text);
  const name = remarkupText(text.replace(/\[/g, '\uff3b').replace(/\]/g, '\uff3d'));
  return `[[ ${url} | ${name || url} ]]`;
}

/** Cells are already Remarkup (use remarkupText and remarkupLink for what users wrote). */
export function toRemarkupTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c) => (c.trim() === '' ? ' ' : c)).join(' | ')} |`;
  return [line(header.map(remarkupText)), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}
