// Remarkup, Phabricator's own markup, as its simple table rule reads it (PhutilRemarkupSimpleTableBlockRule):
// one `| a | b |` line per row, and a row of `---` cells that turns the row above into a header. A cell may
// hold a `[[ url | text ]]` link; a bare `|`, a `[[` or a line break in user text would split or end the
// table, and an `@name` or `{T1}` in a title would mention someone or embed something when pasted, so
// user text is neutralised. Task monograms (T123) render as task links by themselves.
export function remarkupText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/\|/g, '¦')
    .replace(/\[(?=[[|])/g, '[\u200b')
    .replace(/\](?=\])/g, ']\u200b')
    .replace(/([@{])(?=\S)/g, '$1\u200b');
}

/** A link cell; only http(s) URLs become links, anything else is shown as text. */
export function remarkupLink(url: string, text: string): string {
  if (!/^https?:\/\/[^\s|\]]+$/.test(url)) return remarkupText(text);
  return `[[ ${url} | ${remarkupText(text) || url} ]]`;
}

/** Cells are already Remarkup (use remarkupText and remarkupLink for what users wrote). */
export function toRemarkupTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c) => (c.trim() === '' ? ' ' : c)).join(' | ')} |`;
  return [line(header.map(remarkupText)), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}
