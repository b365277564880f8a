// The look of a severity, shared by the banner, the popup rows and the assign panel.
import type { Severity } from '../messages';

export type BoxTone = 'neutral' | 'notice' | 'warning' | 'critical';

/** A UBN! with no stale rule firing is still a notice; a task that is not UBN! stays neutral. */
export function toneOf(severity: Severity | null, isUbn: boolean): BoxTone {
  if (!isUbn) return 'neutral';
  if (severity === 'critical') return 'critical';
  if (severity === 'warning') return 'warning';
  return 'notice';
}
