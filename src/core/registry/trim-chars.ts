// Trimming a set of characters from the ends of outside text. A regex such as /[)."]+$/ retries
// from every character of a long run and turns quadratic; these loops look at each character once.

export function trimStartChars(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text[start] ?? '')) start++;
  return start === 0 ? text : text.slice(start);
}

export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1] ?? '')) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** The text without a leading U+FEFF (a byte order mark, as Notepad saves): JSON.parse refuses it. */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
