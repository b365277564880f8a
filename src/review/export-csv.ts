// CSV as RFC 4180 writes it: CRLF between records, fields quoted when they hold a quote, comma or line
// break, quotes doubled. A spreadsheet runs a cell that starts with = + - @ (or a tab or CR) as a
// formula, and titles come from anyone who can file a task: such cells get a leading apostrophe.
// Excel splits a .csv on the system's list separator, `;` in much of Europe. There the commas are text and
// a quote counts only at the start of a cell, so quoting protects nothing: every `;` or line break in a
// field starts a cell of its own, which gets the apostrophe too when it would start with a formula or a
// quote (`a;=1+1` is written `a;'=1+1`), and a quoted field does not end on one, or its closing quote would
// open a cell that runs into the next record.
// The file starts with a UTF-8 byte order mark: without it Excel reads the file as the system's legacy
// code page and mangles every non-ASCII name and title.
const FORMULA_START = /^[=+\-@\t\r]/;
const CELL_IN_FIELD = /([;\r\n])(?=[=+\-@\t\r"])/g;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string') {
    if (FORMULA_START.test(text)) text = `'${text}`;
    text = text.replace(CELL_IN_FIELD, "$1'");
  }
  if (!NEEDS_QUOTES.test(text)) return text;
  if (/[;\r\n]$/.test(text)) text += "'";
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  return '\ufeff' + [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
