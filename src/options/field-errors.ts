// Validation problems keyed by the settings path they belong to ("instances.0.url"), so each one is
// shown beside the field that caused it.
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

export function pathKey(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}

export function fromIssues(issues: ReadonlyArray<z.core.$ZodIssue>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = pathKey(issue.path);
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The worker words its errors "path: message", one per line; anything else is kept whole under "". */
export function fromMessage(message: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const line of message.split('\n')) {
    const match = /^([A-Za-z0-9_.]+): (.+)$/.exec(line.trim());
    if (match?.[1] && match[2]) errors[match[1]] ??= match[2];
    else if (line.trim() !== '') errors[''] = errors[''] ? `${errors['']} ${line.trim()}` : line.trim();
  }
  return errors;
}

/** One problem as a line of text: its settings path first, unless it belongs to no field. */
export function errorLine(key: string, message: string): string {
  return key ? `${key}: ${message}` : message;
}

/** Errors under `prefix` (the section's part of the settings), and those no field of it claims. */
export function errorsUnder(errors: FieldErrors, prefixes: string[]): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key === '' || prefixes.some((p) => key === p || key.startsWith(`${p}.`))) out[key] = message;
  }
  return out;
}
