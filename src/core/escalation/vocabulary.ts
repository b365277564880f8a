// What the instance calls its priorities and statuses. Instances rename priorities and add
// statuses, so names and closed-ness are always looked up, never assumed.
import type { InstanceVocabulary } from '../model';

export function priorityName(vocabulary: InstanceVocabulary, value: number): string {
  return vocabulary.priorities.find((level) => level.value === value)?.name ?? `priority ${value}`;
}

export function statusName(vocabulary: InstanceVocabulary, value: string): string {
  return vocabulary.statuses.find((level) => level.value === value)?.name ?? value;
}

/**
 * A status the instance does not list counts as open: a task we cannot classify keeps being
 * watched rather than silently dropped.
 */
export function isClosedStatus(vocabulary: InstanceVocabulary, value: string): boolean {
  return vocabulary.statuses.find((level) => level.value === value)?.closed ?? false;
}
