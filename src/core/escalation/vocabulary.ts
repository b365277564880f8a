// What the instance calls closed. Instances add and rename statuses, so closed-ness is always
// looked up in maniphest.status.search's answer, never assumed.
import type { InstanceVocabulary } from '../model';

/**
 * A status the instance does not list counts as open: a task we cannot classify keeps being
 * watched rather than silently dropped.
 */
export function isClosedStatus(vocabulary: InstanceVocabulary, value: string): boolean {
  return vocabulary.statuses.find((level) => level.value === value)?.closed ?? false;
}
