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
