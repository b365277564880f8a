// Typed readers for Conduit parameters with Phorge's strictness: JSON `params` are strictly typed; flat form
// fields (constraints[ids][0]=14) arrive as strings and are coerced, as Phorge does for them.
import { ConduitFailure, MESSAGES, readError } from './errors';

export interface ReadOptions {
  strict: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list, or a PHP array with keys 0..n-1 (flat form fields). */
function asList(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value)) {
    const keys = Object.keys(value);
    if (keys.every((item, index) => item === String(index))) return keys.map((item) => value[item]);
    throw readError(key, 'Expected a list, but value is an object.');
  }
  throw readError(key, 'Expected a list, but value is not a list.');
}

export function readInt(value: unknown, key: string, options: ReadOptions): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (!options.strict && typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw readError(key, 'Expected integer, got something else.');
}

export function readIntList(value: unknown, key: string, options: ReadOptions): number[] {
  return asList(value, key).map((item, index) => readInt(item, `${key}[${index}]`, options));
}

export function readString(value: unknown, key: string): string {
  if (typeof value === 'string') return value;
  throw readError(key, 'Expected string, got something else.');
}

export function readStringList(value: unknown, key: string): string[] {
  return asList(value, key).map((item, index) => readString(item, `${key}[${index}]`));
}

export function readEpoch(value: unknown, key: string, options: ReadOptions): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (!options.strict && typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  throw readError(key, 'Expected epoch timestamp as integer, got something else.');
}

export function readBool(value: unknown, key: string, options: ReadOptions): boolean {
  if (typeof value === 'boolean') return value;
  if (!options.strict && typeof value === 'string') {
    if (['1', 'true'].includes(value.toLowerCase())) return true;
    if (['0', 'false', ''].includes(value.toLowerCase())) return false;
  }
  throw readError(key, 'Expected boolean (true or false), got something else.');
}

export function readRecord(value: unknown, key: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (isRecord(value)) return value;
  // PHP decodes an empty JSON object and an empty list to the same empty array.
  if (Array.isArray(value) && value.length === 0) return {};
  throw readError(key, 'Expected a map, got something else.');
}

/** Truthiness as PHP sees an attachment flag: true, 1, "1", "true". */
export function isTruthy(value: unknown): boolean {
  if (typeof value === 'string') return value !== '' && value !== '0' && value.toLowerCase() !== 'false';
  return Boolean(value);
}

/** A *.search method refuses a constraints or attachments map that names a key it does not know. */
export function refuseUnknownKeys(
  map: Record<string, unknown>,
  known: readonly string[],
  field: 'constraints' | 'attachments',
): void {
  if (Object.keys(map).every((key) => known.includes(key))) return;
  throw field === 'constraints'
    ? new ConduitFailure('ERR-INVALID-CONSTRAINT', MESSAGES.badConstraint)
    : new ConduitFailure('ERR-INVALID-ATTACHMENT', MESSAGES.badAttachment);
}
