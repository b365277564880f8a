// What the instance calls closed. Instances add and rename statuses, so closed-ness is always
// looked up in maniphest.status.search's answer, never assumed.
import type { InstanceVocabulary } from '../model';

/**
 * A status the instance does not list counts as open: a task we cannot classify keeps being
 * watched rather than silently dropped.
 */
export function isClosedStatus(vocabulary: InstanceVocabulary, value: string): boolean {
  return closedValues(vocabulary).has(value);
}

/**
 * The status a merge sets ("closed as a duplicate"): Phorge writes no status transaction for it. The
 * instance's duplicate status, else its closed status named "duplicate", else its first closed one.
 */
export function mergedStatus(vocabulary: InstanceVocabulary): string | null {
  const closed = vocabulary.statuses.filter((level) => level.closed);
  return (
    closed.find((level) => level.special === 'duplicate')?.value ??
    closed.find((level) => level.value === 'duplicate')?.value ??
    closed[0]?.value ??
    null
  );
}

// Asked for every status step of every task of a poll: the answer is built once per vocabulary.
const closedSets = new WeakMap<InstanceVocabulary, ReadonlySet<string>>();

function closedValues(vocabulary: InstanceVocabulary): ReadonlySet<string> {
  let closed = closedSets.get(vocabulary);
  if (closed === undefined) {
    closed = new Set(vocabulary.statuses.filter((level) => level.closed).map((level) => level.value));
    closedSets.set(vocabulary, closed);
  }
  return closed;
}
