// The people the assign panel offers, in order: reachable stewards, maintainers and others first, then the
// team managers to escalate to, then everyone away, disabled or departed (offered last and marked).
import { stripBidiControls } from '../../shared/bidi-controls';
import type { PersonView, SuggestionView } from '../../messages';
import { t } from '../i18n';
import { USERNAME_PATTERN } from '../../core/model';

export interface Choice {
  username: string;
  person: PersonView;
  /** Why they are suggested, already worded: "steward of CentralAuth, maintainer of Echo". */
  reasons: string[];
  available: boolean;
  manager: boolean;
}

function reason(s: SuggestionView): string {
  // Joined into one plain string with the other reasons, so a component name cannot be isolated there.
  const c = s.component === null ? null : stripBidiControls(s.component);
  switch (s.role) {
    case 'steward':
      return c ? t('assign_role_steward', c) : t('assign_role_steward_any');
    case 'maintainer':
      return c ? t('assign_role_maintainer', c) : t('assign_role_maintainer_any');
    case 'assignee':
      return t('assign_role_assignee');
    case 'viewer':
      return t('assign_role_viewer');
    case 'manager':
      return c ? t('assign_role_manager', c) : t('assign_role_manager_any');
  }
}

function rank(choice: Choice): number {
  if (!choice.available) return 2;
  return choice.manager ? 1 : 0;
}

/**
 * One choice per username (the worker may suggest someone once per component and role), leaving out the
 * current process owner, whom a hand-off moves away from, and bots.
 */
export function orderChoices(suggestions: SuggestionView[], currentOwner: string | null): Choice[] {
  const byName = new Map<string, Choice>();
  for (const s of suggestions) {
    const username = s.person.username;
    if (username === currentOwner || s.person.bot || username === '') continue;
    const existing = byName.get(username);
    const text = reason(s);
    if (existing) {
      if (!existing.reasons.includes(text)) existing.reasons.push(text);
      existing.available &&= s.available;
      // Someone who is both a steward and a manager is offered as a steward.
      existing.manager &&= s.role === 'manager';
      continue;
    }
    byName.set(username, {
      username,
      person: s.person,
      reasons: [text],
      available: s.available,
      manager: s.role === 'manager',
    });
  }
  const list = [...byName.values()];
  // Array.prototype.sort is stable: within a rank the worker's order (its own ranking) stays.
  return list.sort((a, b) => rank(a) - rank(b));
}

/** What someone typed, as a username: "@carol " → "carol"; null when it cannot be one. */
export function typedUsername(raw: string): string | null {
  const value = raw.trim().replace(/^@/, '');
  return USERNAME_PATTERN.test(value) ? value : null;
}

/** A fresh id for one confirm intent, so a double click or a retry after a lost reply posts once. */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
