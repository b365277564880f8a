// An instance's address and its own vocabulary of priorities and statuses. Instances rename and
// add levels (Wikimedia has "Needs Triage", "Lowest"), so these are always read, never assumed.
import { UBN_PRIORITY } from '../../core/model';
import type { PriorityLevel, StatusLevel } from '../../core/model';

export class InvalidInstanceUrlError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`"${input}" is not a usable Phabricator address: ${reason}`);
    this.name = 'InvalidInstanceUrlError';
  }
}

export type InstanceUrlCheck = { ok: true; baseUrl: string } | { ok: false; message: string };

/**
 * The instance's base URL: scheme, host and port only. Phabricator and Phorge only run at the root
 * of their host, so a pasted task or page URL (`https://host/T123`) yields its instance.
 */
export function parseInstanceUrl(input: string): InstanceUrlCheck {
  const text = input.trim();
  if (text === '')
    return {
      ok: false,
      message: 'enter the address of your Phabricator, like https://phabricator.example.org',
    };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      message: 'it is not a URL; write it with its scheme, like https://phabricator.example.org',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    // "user:password@host" without a scheme parses with the user name as its scheme: never repeat it.
    return {
      ok: false,
      message: text.includes('@')
        ? 'only http and https addresses are allowed, without a user name or password, like https://phabricator.example.org'
        : `only http and https addresses are allowed, not ${url.protocol.replace(/:$/, '')}`,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'remove the user name and password from the address' };
  }
  return { ok: true, baseUrl: url.origin };
}

export function normalizeBaseUrl(input: string): string {
  const check = parseInstanceUrl(input);
  if (!check.ok) throw new InvalidInstanceUrlError(input, check.message);
  return check.baseUrl;
}

/** Statuses this instance does not list count as open: a missed UBN reminder costs more than a spare one. */
export function isClosedStatus(statuses: readonly StatusLevel[], value: string): boolean {
  return statuses.find((s) => s.value === value)?.closed ?? false;
}

export function openStatusValues(statuses: readonly StatusLevel[]): string[] {
  return statuses.filter((s) => !s.closed).map((s) => s.value);
}

export function statusByValue(statuses: readonly StatusLevel[], value: string): StatusLevel | undefined {
  return statuses.find((s) => s.value === value);
}

export function priorityByValue(
  priorities: readonly PriorityLevel[],
  value: number,
): PriorityLevel | undefined {
  return priorities.find((p) => p.value === value);
}

export function priorityByKeyword(
  priorities: readonly PriorityLevel[],
  keyword: string,
): PriorityLevel | undefined {
  const wanted = keyword.toLowerCase();
  return priorities.find((p) => p.keywords.some((k) => k.toLowerCase() === wanted));
}

/**
 * The keyword maniphest.edit needs to set a priority: it rejects numbers and names
 * ("Use a priority keyword to choose a task priority: unbreak, triage, ...").
 */
export function priorityKeyword(priorities: readonly PriorityLevel[], value: number): string | undefined {
  return priorityByValue(priorities, value)?.keywords[0];
}

/** The instance's name for Unbreak Now! (value 100), if it has that level. */
export function ubnPriority(priorities: readonly PriorityLevel[]): PriorityLevel | undefined {
  return priorityByValue(priorities, UBN_PRIORITY);
}

/** Display name of a priority value, falling back to the number when the instance lacks it. */
export function priorityName(priorities: readonly PriorityLevel[], value: number): string {
  return priorityByValue(priorities, value)?.name ?? `Priority ${value}`;
}
