// The five staleness rules of DESIGN.md, evaluated at a given moment. Each finding says which rule
// fired, how badly, since when, and carries a message key with parameters plus an English sentence.
import type { Epoch, PhabUser } from '../model';
import type { StaleRule } from './stale-rules';
import type { EscalationHistory } from './escalation';
import type { Message } from './messages';
import { englishMessage } from './messages';
import type { ProcessOwner } from './process-owner';
import type { Severity, StalenessSettings } from './thresholds';
import { DEFAULT_STALENESS_SETTINGS, SEVERITY_RANK, thresholdLabel } from './thresholds';

export type { StaleRule };

/** The rule's number in DESIGN.md. */
export const RULE_NUMBER: Record<StaleRule, 1 | 2 | 3 | 4 | 5> = {
  'no-process-owner': 1,
  'not-acknowledged': 2,
  'owner-silent': 3,
  'owner-unavailable': 4,
  'escalation-age': 5,
};

export interface StaleFinding {
  rule: StaleRule;
  severity: Severity;
  /** Which threshold of the rule was crossed: "2h", "3d", "7d", "disabled", "away", "departed". */
  threshold: string;
  /** Lower thresholds of the same rule that this one replaces (rule 5: "3d" when "7d" fires). */
  supersedes: string[];
  /**
   * What the finding is about, so that a new escalation, declaration or silence is a new
   * occurrence that may remind again: e.g. "escalated@1795527868".
   */
  occurrence: string;
  /** When the rule started to fire (for rule 4, when the person took charge: Phabricator does not say when an account changed). */
  firedAt: Epoch;
  message: Message;
  /** English sentence for logs, the CLI and as a fallback. */
  text: string;
}

export interface StalenessInput {
  escalation: EscalationHistory;
  owner: ProcessOwner;
  now: Epoch;
  settings?: StalenessSettings;
  /** The owners registry's verdict; without a registry nobody counts as departed. */
  isDeparted?: (user: PhabUser) => boolean;
}

function finding(
  rule: StaleRule,
  severity: Severity,
  threshold: string,
  occurrence: string,
  firedAt: Epoch,
  message: Message,
  supersedes: string[] = [],
): StaleFinding {
  return {
    rule,
    severity,
    threshold,
    supersedes,
    occurrence,
    firedAt,
    message,
    text: englishMessage(message),
  };
}

export function isDisabled(user: PhabUser): boolean {
  return user.roles.includes('disabled') || user.availability.value === 'disabled';
}

/** Away now: an away status whose end is unknown or still ahead. */
export function isAway(user: PhabUser, now: Epoch): boolean {
  return (
    user.availability.value === 'away' && (user.availability.until === null || user.availability.until > now)
  );
}

export function evaluateStaleness(input: StalenessInput): StaleFinding[] {
  const { escalation, owner, now } = input;
  const settings = input.settings ?? DEFAULT_STALENESS_SETTINGS;
  const current = escalation.current;
  if (current === null) return [];
  const found: StaleFinding[] = [];
  const subject = owner.declaration === null ? 'assignee' : 'processOwner';

  // Rule 1: no declaration in force, counted from the escalation whatever happened since: a role
  // released with "Process owner: none" leaves nobody driving the task, so a release long after the
  // escalation is stale at once (the deploy gate exists for exactly that moment). A declaration naming
  // no account on the instance (a typo, a renamed user) puts nobody in charge either: no process owner
  // is in force, and the gate, badge and banner all say so, with the name that failed.
  const nobody =
    owner.declaration === null ? null : owner.declaration.user === null ? owner.declaration : null;
  if (owner.declaration === null || nobody !== null) {
    const released = owner.release !== null && owner.release.at >= current.at ? owner.release : null;
    const due = current.at + settings.noDeclarationSeconds;
    if (now >= due) {
      const params = { duration: now - current.at, escalatedAt: current.at };
      const message: Message =
        nobody !== null
          ? { key: 'stale.noProcessOwner.unknownUser', params: { ...params, username: nobody.username } }
          : released !== null
            ? {
                key: 'stale.noProcessOwner.released',
                params: {
                  ...params,
                  releasedBy: released.byUser?.username ?? released.byPHID,
                  releasedAt: released.at,
                  releasedFor: now - released.at,
                },
              }
            : owner.state === 'assignee' && owner.username !== null
              ? { key: 'stale.noProcessOwner.assignee', params: { ...params, assignee: owner.username } }
              : { key: 'stale.noProcessOwner', params };
      found.push(
        finding(
          'no-process-owner',
          settings.severities.noProcessOwner,
          thresholdLabel(settings.noDeclarationSeconds),
          // A release (or a declaration of nobody) is a new occurrence: it reminds again even if the
          // escalation already did.
          nobody !== null
            ? `unknown@${nobody.at}:${nobody.username.toLowerCase()}`
            : released !== null
              ? `released@${released.at}`
              : `escalated@${current.at}`,
          nobody !== null ? Math.max(due, nobody.at) : released !== null ? Math.max(due, released.at) : due,
          message,
        ),
      );
    }
  }

  // Rule 2: a declaration nobody answered (one naming no account is rule 1's).
  const declaration = owner.declaration;
  if (owner.state === 'declared' && declaration !== null && declaration.user !== null) {
    const due = declaration.at + settings.notAcknowledgedSeconds;
    if (now >= due) {
      const params = { username: owner.username ?? declaration.username, duration: now - declaration.at };
      found.push(
        finding(
          'not-acknowledged',
          settings.severities.notAcknowledged,
          thresholdLabel(settings.notAcknowledgedSeconds),
          `declared@${declaration.at}:${declaration.username.toLowerCase()}`,
          due,
          { key: 'stale.notAcknowledged', params },
        ),
      );
    }
  }

  // Rule 3: the person in charge has gone quiet. A declaration still waiting for its answer is
  // rule 2's business, so it is not counted twice.
  if ((owner.state === 'acknowledged' || owner.state === 'assignee') && owner.username !== null) {
    const start = Math.max(owner.lastActivityAt ?? current.at, owner.inChargeSince ?? current.at, current.at);
    const due = start + settings.ownerSilentSeconds;
    if (now >= due) {
      found.push(
        finding(
          'owner-silent',
          settings.severities.ownerSilent,
          thresholdLabel(settings.ownerSilentSeconds),
          `silent@${start}:${owner.username.toLowerCase()}`,
          due,
          { key: 'stale.ownerSilent', params: { username: owner.username, subject, duration: now - start } },
        ),
      );
    }
  }

  // Rule 4: the person in charge cannot act. The gravest reason is reported.
  const user = owner.user;
  if (user !== null && owner.state !== 'none') {
    const since = Math.max(current.at, owner.inChargeSince ?? current.at);
    const params = { username: user.username, subject };
    // This person in charge of this escalation: declared again after the task was lowered and raised,
    // they are a new occurrence that reminds again.
    const occurrence = `${user.phid}@${since}`;
    if (isDisabled(user)) {
      found.push(
        finding('owner-unavailable', settings.severities.ownerGone, 'disabled', occurrence, since, {
          key: 'stale.ownerUnavailable.disabled',
          params,
        }),
      );
    } else if (input.isDeparted?.(user) === true) {
      found.push(
        finding('owner-unavailable', settings.severities.ownerGone, 'departed', occurrence, since, {
          key: 'stale.ownerUnavailable.departed',
          params,
        }),
      );
    } else if (isAway(user, now)) {
      const until = user.availability.until;
      found.push(
        finding(
          'owner-unavailable',
          settings.severities.ownerAway,
          'away',
          `${occurrence}@${until ?? 'open'}`,
          since,
          until === null
            ? { key: 'stale.ownerUnavailable.awayUnknownEnd', params }
            : { key: 'stale.ownerUnavailable.away', params: { ...params, until } },
        ),
      );
    }
  }

  // Rule 5: age alone, however busy the task looks.
  const age = now - current.at;
  const warning = settings.escalationAgeWarningSeconds;
  const critical = settings.escalationAgeCriticalSeconds;
  if (age >= warning) {
    const isCritical = age >= critical;
    found.push(
      finding(
        'escalation-age',
        isCritical ? 'critical' : 'warning',
        thresholdLabel(isCritical ? critical : warning),
        `escalated@${current.at}`,
        current.at + (isCritical ? critical : warning),
        { key: 'stale.escalationAge', params: { duration: age, escalatedAt: current.at } },
        isCritical ? [thresholdLabel(warning)] : [],
      ),
    );
  }

  return found.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || RULE_NUMBER[a.rule] - RULE_NUMBER[b.rule],
  );
}
