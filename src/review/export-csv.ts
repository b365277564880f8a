// CSV as RFC 4180 writes it: CRLF between records, fields quoted when they hold a quote, comma or line
// break, quotes doubled. A spreadsheet runs a cell that starts with = + - @ (or a tab or CR) as a
// formula, and titles come from anyone who can file a task: such cells get a leading apostrophe. The file
// starts with a UTF-8 byte order mark: without it Excel reads the file as the system's legacy code page and
// mangles every non-ASCII name and title.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  return '\ufeff' + [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
