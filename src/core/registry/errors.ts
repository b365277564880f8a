// Problems found while reading a registry source, written for the person who has to fix the file.

export interface RegistryProblem {
  /** What is wrong, in words. */
  message: string;
  /** Dotted path of the field ("components[3].stewards[0]"), when the problem is in one field. */
  path?: string;
  /** What would have been accepted. */
  expected?: string;
  /** What to do about it. */
  hint?: string;
  /** 1-based position in the source text, when known. */
  line?: number;
  column?: number;
}

export type ReadResult<T> =
  | { ok: true; value: T; warnings: RegistryProblem[] }
  | { ok: false; errors: RegistryProblem[]; warnings: RegistryProblem[] };

/** Render as `file:line:col: path: message (expected ...). hint` for terminals and the options page. */
export function formatProblem(problem: RegistryProblem, sourceLabel?: string): string {
  let where = sourceLabel ?? '';
  if (problem.line !== undefined) {
    where += `${where ? ':' : 'line '}${problem.line}`;
    if (problem.column !== undefined) where += `:${problem.column}`;
  }
  let text = where ? `${where}: ` : '';
  if (problem.path) text += `${problem.path}: `;
  text += problem.message;
  if (problem.expected) text += ` (expected ${problem.expected})`;
  if (problem.hint) text += `. ${problem.hint}`;
  return text;
}

export function pathToString(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(document)';
}
