// What the commands print comes partly from outside (registry names, task titles, Conduit messages):
// every line goes through core's one sanitizer, so an escape sequence in a registry cannot drive the
// terminal or a CI log.
import { printable } from '../core/escalation/ubn-report';

/** One field (a title, a name) made printable on one line: a line break in it becomes a space. */
export { printable };

/** Each line made printable; the line breaks themselves are kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

// JSON.stringify escapes C0 controls only; DEL, C1 (a lone U+009B starts an escape sequence on some
// terminals) and bidi overrides are escaped too, which keeps the data identical for a JSON reader.
const JSON_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Indented JSON with a final newline that is safe to print on a terminal. */
export function printableJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    JSON_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${text}\n`;
}

/**
 * An address as a message may quote it: whatever comes before its last "@" (a user name and password,
 * however they are written, even with an unencoded "#", "/" or "?" that keeps the address from parsing)
 * is left out. A CI log keeps what it is shown.
 */
export function withoutUserinfo(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const scheme = /^\s*[a-z][a-z0-9+.-]*:\/\//i.exec(address)?.[0] ?? '';
  return `${scheme}…@${address.slice(at + 1)}`;
}
