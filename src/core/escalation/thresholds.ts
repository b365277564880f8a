// The configurable side of the staleness rules. Settings come from the options page or a file, so
// they are validated here with messages that say which setting is wrong and how to fix it.
import { z } from 'zod';

export type Severity = 'info' | 'warning' | 'critical';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export interface StalenessSettings {
  /** Rule 1: no process owner declared this long after the escalation. */
  noDeclarationSeconds: number;
  /** Rule 2: declared but not acknowledged this long after the declaration. */
  notAcknowledgedSeconds: number;
  /** Rule 3: the process owner has authored nothing on the task for this long. */
  ownerSilentSeconds: number;
  /** Rule 5: escalation age thresholds. */
  escalationAgeWarningSeconds: number;
  escalationAgeCriticalSeconds: number;
  severities: {
    noProcessOwner: Severity;
    notAcknowledged: Severity;
    ownerSilent: Severity;
    ownerAway: Severity;
    /** Disabled account, or departed according to the registry. */
    ownerGone: Severity;
  };
}

export const DEFAULT_STALENESS_SETTINGS: StalenessSettings = {
  noDeclarationSeconds: 2 * 3600,
  notAcknowledgedSeconds: 4 * 3600,
  ownerSilentSeconds: 24 * 3600,
  escalationAgeWarningSeconds: 3 * 86400,
  escalationAgeCriticalSeconds: 7 * 86400,
  severities: {
    noProcessOwner: 'warning',
    notAcknowledged: 'warning',
    ownerSilent: 'warning',
    ownerAway: 'warning',
    ownerGone: 'critical',
  },
};

const seconds = (what: string) =>
  z
    .number({ error: `${what} must be a number of seconds, for example 7200 for two hours` })
    .int({ error: `${what} must be a whole number of seconds` })
    .positive({ error: `${what} must be more than zero seconds` });

const severity = z.enum(['info', 'warning', 'critical'], {
  error: 'severity must be one of "info", "warning" or "critical"',
});

const settingsSchema = z
  .object({
    noDeclarationSeconds: seconds('noDeclarationSeconds (rule 1: no process owner declared)'),
    notAcknowledgedSeconds: seconds('notAcknowledgedSeconds (rule 2: declaration not acknowledged)'),
    ownerSilentSeconds: seconds('ownerSilentSeconds (rule 3: process owner silent)'),
    escalationAgeWarningSeconds: seconds('escalationAgeWarningSeconds (rule 5 warning)'),
    escalationAgeCriticalSeconds: seconds('escalationAgeCriticalSeconds (rule 5 critical)'),
    severities: z
      .object({
        noProcessOwner: severity,
        notAcknowledged: severity,
        ownerSilent: severity,
        ownerAway: severity,
        ownerGone: severity,
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

export type StalenessSettingsResult =
  { ok: true; settings: StalenessSettings } | { ok: false; errors: string[] };

/**
 * Reads partial settings over the defaults. Unknown keys are refused rather than ignored, so a
 * typo does not silently leave a default in place.
 */
export function parseStalenessSettings(input: unknown): StalenessSettingsResult {
  const parsed = settingsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const where = issue.path.length > 0 ? issue.path.join('.') : 'staleness settings';
        if (issue.code === 'unrecognized_keys') {
          return `${where}: unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')}; known settings are ${Object.keys(DEFAULT_STALENESS_SETTINGS).join(', ')}`;
        }
        return `${where}: ${issue.message}`;
      }),
    };
  }
  const value = parsed.data;
  const d = DEFAULT_STALENESS_SETTINGS;
  const settings: StalenessSettings = {
    noDeclarationSeconds: value.noDeclarationSeconds ?? d.noDeclarationSeconds,
    notAcknowledgedSeconds: value.notAcknowledgedSeconds ?? d.notAcknowledgedSeconds,
    ownerSilentSeconds: value.ownerSilentSeconds ?? d.ownerSilentSeconds,
    escalationAgeWarningSeconds: value.escalationAgeWarningSeconds ?? d.escalationAgeWarningSeconds,
    escalationAgeCriticalSeconds: value.escalationAgeCriticalSeconds ?? d.escalationAgeCriticalSeconds,
    severities: { ...d.severities, ...value.severities },
  };
  if (settings.escalationAgeCriticalSeconds <= settings.escalationAgeWarningSeconds) {
    return {
      ok: false,
      errors: [
        `escalationAgeCriticalSeconds (${settings.escalationAgeCriticalSeconds}) must be longer than escalationAgeWarningSeconds (${settings.escalationAgeWarningSeconds})`,
      ],
    };
  }
  return { ok: true, settings };
}

/** A short stable label for a threshold, used in dedupe keys: 7200 -> "2h", 259200 -> "3d". */
export function thresholdLabel(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
