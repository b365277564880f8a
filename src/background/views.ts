// From core's results to the view models of src/messages.ts. Everything the UI shows passes here, so
// this is also where links are limited to http(s) and mailto.
import type { PhabUser, TaskSnapshot, InstanceVocabulary } from '../core/model';
import { UBN_PRIORITY } from '../core/model';
import type { TaskAssessment } from '../core/escalation/assess';
import { accountState } from '../core/ownership/liveness';
import type { OwnerState } from '../core/ownership/types';
import type { StaleFinding } from '../core/escalation/staleness';
import { SEVERITY_RANK } from '../core/escalation/thresholds';
import { isClosedStatus, statusByValue } from '../phabricator/conduit/instance';
import type {
  ComponentOwnership,
  OwnerView,
  PersonView as CorePerson,
  ProcessOwnerSuggestion,
  TaskOwnership,
} from '../core/ownership/types';
import type { TeamContacts } from '../core/registry/types';
import { findingText } from './stale-text';
import { safeHref } from '../shared/safe-href';

export { safeHref };
import type {
  ComponentView,
  ContactView,
  EscalationView,
  Liveness,
  OwnerFlag,
  OwnershipView,
  PersonView,
  ProcessOwnerView,
  Severity,
  StaleView,
  SuggestionView,
  TaskView,
  TeamView,
} from '../messages';

export function livenessOfUser(user: PhabUser | null, departed: boolean, now: number): Liveness {
  const { state, until } = accountState(user, departed, now);
  return { state: livenessState(state), until };
}

/** Core's owner state as the UI names it: 'available' is 'active'; bots are marked by their own flag. */
function livenessState(state: OwnerState): Liveness['state'] {
  return state === 'available' || state === 'bot' ? 'active' : state;
}

export function personFromUser(user: PhabUser, now: number, departed = false): PersonView {
  return {
    username: user.username,
    realName: user.realName || null,
    phid: user.phid,
    liveness: livenessOfUser(user, departed, now),
    volunteer: false,
    bot: user.roles.includes('bot'),
  };
}

function personFromCore(person: CorePerson): PersonView {
  return {
    username: person.username ?? person.name,
    realName: person.name,
    phid: person.phid,
    liveness: { state: livenessState(person.state), until: person.until },
    volunteer: person.volunteer,
    bot: person.state === 'bot',
  };
}

// A team's contacts are the same object in every answer of a registry's life: their views (each href
// parsed as a URL) are worked out once per instance, not once per task of every poll. Read-only.
const keptContacts = new WeakMap<TeamContacts, Map<string, ContactView[]>>();

export function contactViews(contacts: TeamContacts, origin: string): ContactView[] {
  let byOrigin = keptContacts.get(contacts);
  if (!byOrigin) keptContacts.set(contacts, (byOrigin = new Map()));
  let views = byOrigin.get(origin);
  if (!views) byOrigin.set(origin, (views = buildContactViews(contacts, origin)));
  return views;
}

function buildContactViews(contacts: TeamContacts, origin: string): ContactView[] {
  const views: ContactView[] = [];
  if (contacts.list) {
    const href =
      contacts.list.includes('@') && !contacts.list.includes(':') ? `mailto:${contacts.list}` : contacts.list;
    views.push({ kind: 'list', label: contacts.list, href: safeHref(href) });
  }
  if (contacts.chat) views.push({ kind: 'channel', label: contacts.chat, href: safeHref(contacts.chat) });
  if (contacts.tag) {
    const slug = contacts.tag.replace(/^#/, '').trim().toLowerCase().replace(/\s+/g, '_');
    views.push({
      kind: 'tag',
      label: `#${slug}`,
      href: safeHref(`${origin}/tag/${encodeURIComponent(slug)}/`),
    });
  }
  if (contacts.url) views.push({ kind: 'url', label: contacts.url, href: safeHref(contacts.url) });
  return views;
}

function teamFromOwner(owner: OwnerView, origin: string): TeamView {
  return {
    name: owner.group ? `${owner.group} (${owner.name})` : owner.name,
    members: owner.members.map(personFromCore),
    contacts: contactViews(owner.contacts, origin),
    manager: null,
  };
}

const FLAG_MAP: Partial<Record<string, OwnerFlag>> = {
  unassigned: 'unassigned',
  departed: 'stewards-gone',
  'all-away': 'all-away',
  'volunteer-only': 'volunteer-only',
  'under-covered': 'under-covered',
};

function componentView(component: ComponentOwnership, origin: string): ComponentView {
  const flags = [...new Set(component.flags.map((f) => FLAG_MAP[f.id]).filter((f): f is OwnerFlag => !!f))];
  const source = component.provenance[0];
  return {
    name: component.name,
    critical: component.critical,
    tags: component.matchedTags.map((t) => t.name ?? t.phid),
    stewards: component.stewards.map((s) => teamFromOwner(s, origin)),
    maintainers: component.maintainers.flatMap((m) => m.members.map(personFromCore)),
    flags,
    source: source ? `${source.source}, ${source.location}` : null,
  };
}

export function ownershipView(
  ownership: TaskOwnership | null,
  origin: string,
  sources: OwnershipView['registry']['sources'],
  tagNames: { name: string; slug: string | null }[],
): OwnershipView {
  if (!ownership) {
    return {
      components: [],
      unmatchedTags: tagNames,
      lastResort: null,
      needsSingleProcessOwner: false,
      registry: { configured: false, sources },
    };
  }
  const slugOf = new Map(tagNames.map((t) => [t.name, t.slug]));
  return {
    components: ownership.components.map((c) => componentView(c, origin)),
    unmatchedTags: ownership.unmappedTags.map((t) => ({
      name: t.name ?? t.phid,
      slug: slugOf.get(t.name ?? '') ?? null,
    })),
    lastResort: ownership.lastResort
      ? {
          name: ownership.lastResort.team,
          members: ownership.lastResort.members.map(personFromCore),
          contacts: contactViews(ownership.lastResort.contacts, origin),
          manager: null,
        }
      : null,
    needsSingleProcessOwner: ownership.flags.some((f) => f.id === 'needs-single-process-owner'),
    registry: { configured: true, sources },
  };
}

export function staleViews(findings: readonly StaleFinding[]): StaleView[] {
  return findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    firedAt: f.firedAt,
    text: findingText(f),
  }));
}

export function worstSeverity(findings: readonly { severity: Severity }[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings)
    if (worst === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}

export function escalationView(assessment: TaskAssessment): EscalationView | null {
  const current = assessment.escalation.current;
  const first = assessment.escalation.escalations[0];
  if (!current || assessment.ageSeconds === null) return null;
  return {
    escalatedAt: current.at,
    ageSeconds: assessment.ageSeconds,
    recurrence: assessment.escalation.recurrence,
    firstEscalatedAt: first?.at ?? current.at,
    severity: worstSeverity(assessment.findings),
  };
}

export function processOwnerView(
  assessment: TaskAssessment,
  now: number,
  isDeparted: (user: PhabUser) => boolean,
): ProcessOwnerView | null {
  if (!assessment.escalation.current) return null;
  const owner = assessment.owner;
  const unavailable = assessment.findings.find((f) => f.rule === 'owner-unavailable');
  const silent = assessment.findings.some((f) => f.rule === 'owner-silent');
  const problem: ProcessOwnerView['problem'] = unavailable
    ? unavailable.threshold === 'disabled' ||
      unavailable.threshold === 'departed' ||
      unavailable.threshold === 'away'
      ? unavailable.threshold
      : 'away'
    : silent
      ? 'silent'
      : null;
  const person = owner.user
    ? personFromUser(owner.user, now, isDeparted(owner.user))
    : owner.username
      ? {
          username: owner.username,
          realName: null,
          phid: owner.phid,
          liveness: { state: 'unknown' as const, until: null },
          volunteer: false,
          bot: false,
        }
      : null;
  return {
    state: owner.state === 'assignee' ? 'assignee-not-declared' : owner.state,
    person: owner.state === 'none' ? null : person,
    declaredAt: owner.declaration?.at ?? null,
    acknowledgedAt: owner.acknowledgedAt?.at ?? null,
    lastActivityAt: owner.lastActivityAt,
    problem: owner.state === 'none' ? null : problem,
    released:
      owner.release === null || owner.release.at < assessment.escalation.current.at
        ? null
        : { by: owner.release.byUser?.username ?? owner.release.byPHID, at: owner.release.at },
  };
}

export function taskView(
  snapshot: TaskSnapshot,
  vocabulary: InstanceVocabulary,
  origin: string,
  assignee: PersonView | null,
): TaskView {
  return {
    id: snapshot.id,
    phid: snapshot.phid,
    title: snapshot.title,
    url: `${origin}/T${snapshot.id}`,
    status: {
      value: snapshot.status.value,
      name:
        snapshot.status.name ||
        statusByValue(vocabulary.statuses, snapshot.status.value)?.name ||
        snapshot.status.value,
      closed: isClosedStatus(vocabulary.statuses, snapshot.status.value),
    },
    priority: { value: snapshot.priority.value, name: snapshot.priority.name },
    isUbn: snapshot.priority.value === UBN_PRIORITY,
    assignee,
    dateModified: snapshot.dateModified,
  };
}

function suggestionRole(roles: string[]): SuggestionView['role'] {
  const first = roles[0] ?? '';
  if (first.startsWith('steward')) return 'steward';
  if (first.startsWith('maintainer')) return 'maintainer';
  return 'steward';
}

export function suggestionViews(
  suggestions: ProcessOwnerSuggestion[],
  extra: { assignee: PersonView | null; viewer: PersonView | null; manager: PersonView | null },
): SuggestionView[] {
  const views: SuggestionView[] = [];
  const seen = new Set<string>();
  const push = (view: SuggestionView) => {
    const key = view.person.username.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    views.push(view);
  };
  for (const s of suggestions) {
    if (!s.assignable || !s.username) continue;
    const component = /\(([^)]+)\)\s*$/.exec(s.roles[0] ?? '')?.[1] ?? null;
    push({
      person: personFromCore({
        key: s.key,
        username: s.username,
        name: s.name,
        phid: s.phid,
        state: s.state,
        until: s.until,
        volunteer: false,
      }),
      role: suggestionRole(s.roles),
      component,
      available: !s.marked,
    });
  }
  const available = (p: PersonView) => !['away', 'disabled', 'departed'].includes(p.liveness.state);
  if (extra.assignee)
    push({ person: extra.assignee, role: 'assignee', component: null, available: available(extra.assignee) });
  if (extra.manager)
    push({ person: extra.manager, role: 'manager', component: null, available: available(extra.manager) });
  if (extra.viewer) push({ person: extra.viewer, role: 'viewer', component: null, available: true });
  // Live people first, in the order ownership gave them; the marked ones last.
  return [...views.filter((v) => v.available), ...views.filter((v) => !v.available)];
}
