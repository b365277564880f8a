// When a task's assessment next changes on the clock alone, with no new transaction: a staleness
// threshold falls due, a duration shown in a finding moves to its next whole unit, or someone's "away
// until" ends. A poll keeps this time per task and evaluates the task again only then (or when its
// history or people change), so watching a thousand quiet tasks costs nothing between those moments.
import type { Epoch, PhabUser } from '../model';
import type { TaskAssessment } from './assess';
import type { StalenessSettings } from './thresholds';
import { DEFAULT_STALENESS_SETTINGS } from './thresholds';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/**
 * The next moment after `now` at which a duration counted from `start` reads differently at a glance
 * (core/time/durations glanceParts: seconds, minutes, hours up to two days, then days).
 */
export function nextGlanceChange(start: Epoch, now: Epoch): Epoch {
  const elapsed = Math.max(0, now - start);
  const unit = elapsed < MINUTE ? 1 : elapsed < HOUR ? MINUTE : elapsed < 2 * DAY ? HOUR : DAY;
  return start + (Math.floor(elapsed / unit) + 1) * unit;
}

/** When `count` runs from `start`: its threshold while still ahead, else the next change of its duration. */
function clockEvent(start: Epoch, threshold: number, now: Epoch): Epoch {
  const due = start + threshold;
  return now < due ? due : nextGlanceChange(start, now);
}

/**
 * The earliest moment after `now` at which assessing the same history again could give another
 * answer; null when nothing on the clock can change it. `users` are every account the evaluation
 * looked at (owner, authors, declared and registry people): an away status ending changes liveness.
 */
export function nextChangeAt(
  assessment: TaskAssessment,
  now: Epoch,
  users: Iterable<PhabUser>,
  settings: StalenessSettings = DEFAULT_STALENESS_SETTINGS,
): Epoch | null {
  let next = Number.POSITIVE_INFINITY;
  const consider = (at: Epoch) => {
    if (at > now && at < next) next = at;
  };
  for (const user of users) {
    const until = user.availability.until;
    if (until !== null) consider(until);
  }
  const current = assessment.escalation.current;
  if (current !== null) {
    const owner = assessment.owner;
    if (owner.declaration === null || owner.declaration.user === null) {
      // Counted from the escalation, as staleness.ts counts it, release or not; once due, a release's
      // "released … ago" moves on its own clock too.
      consider(clockEvent(current.at, settings.noDeclarationSeconds, now));
      const released = owner.release !== null && owner.release.at >= current.at ? owner.release : null;
      if (released !== null && now >= current.at + settings.noDeclarationSeconds)
        consider(nextGlanceChange(released.at, now));
    }
    if (owner.state === 'declared' && owner.declaration !== null && owner.declaration.user !== null)
      consider(clockEvent(owner.declaration.at, settings.notAcknowledgedSeconds, now));
    if ((owner.state === 'acknowledged' || owner.state === 'assignee') && owner.username !== null) {
      const start = Math.max(
        owner.lastActivityAt ?? current.at,
        owner.inChargeSince ?? current.at,
        current.at,
      );
      consider(clockEvent(start, settings.ownerSilentSeconds, now));
    }
    consider(clockEvent(current.at, settings.escalationAgeWarningSeconds, now));
    consider(current.at + settings.escalationAgeCriticalSeconds);
  }
  return Number.isFinite(next) ? next : null;
}
