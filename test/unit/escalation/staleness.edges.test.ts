// Each rule's threshold, severity, firing time and sentence on hand-built histories.
import { describe, expect, it } from 'vitest';
import { assessTask } from '../../../src/core/escalation/assess';
import type { StalenessSettings } from '../../../src/core/escalation/thresholds';
import {
  DEFAULT_STALENESS_SETTINGS,
  parseStalenessSettings,
  thresholdLabel,
} from '../../../src/core/escalation/thresholds';
import type { PhabUser } from '../../../src/core/model';
import { DAY, HOUR, HistoryBuilder, PHID, fixtureUsers, fixtureVocabulary, userMap } from './support';

const vocabulary = fixtureVocabulary();
const users = userMap();
const ESC = DAY; // every history below escalates at t0 + 1 day

function escalated(): HistoryBuilder {
  return new HistoryBuilder().create(0, 'erin', 50).priority(ESC, 'alice', 50, 100);
}

function findings(
  h: HistoryBuilder,
  at: number,
  extra: {
    settings?: StalenessSettings;
    isDeparted?: (u: PhabUser) => boolean;
    users?: Map<string, PhabUser>;
  } = {},
) {
  return assessTask({
    history: h.newestFirst(),
    vocabulary,
    users: extra.users ?? users,
    now: h.t0 + at,
    ...extra,
  }).findings;
}

function only(h: HistoryBuilder, at: number, rule: string, extra = {}) {
  return findings(h, at, extra).filter((f) => f.rule === rule);
}

describe('rule 1: no process owner declared', () => {
  it.each([
    [ESC + 2 * HOUR - 1, 0],
    [ESC + 2 * HOUR, 1],
    [ESC + 6 * DAY, 1],
  ])('at t0 + %i s fires %i time(s)', (at, count) => {
    expect(only(escalated(), at, 'no-process-owner')).toHaveLength(count);
  });

  it('fires at escalation + 2 h and says for how long', () => {
    const h = escalated();
    const [f] = only(h, ESC + 6 * DAY, 'no-process-owner');
    expect(f).toMatchObject({ severity: 'warning', threshold: '2h', firedAt: h.t0 + ESC + 2 * HOUR });
    expect(f?.text).toBe('No process owner for 6 days since escalation');
  });

  it('after a release it still counts from the escalation: a released role is no process owner', () => {
    const h = escalated()
      .comment(ESC + HOUR, 'alice', 'Process owner: @bob')
      .comment(ESC + 10 * HOUR, 'bob', 'Process owner: none');
    // Released 10 h after the escalation: stale at once, not 2 h later.
    const [f] = only(h, ESC + 10 * HOUR + 60, 'no-process-owner');
    expect(f).toMatchObject({
      firedAt: h.t0 + ESC + 10 * HOUR,
      occurrence: `released@${h.t0 + ESC + 10 * HOUR}`,
    });
    expect(f?.text).toBe(
      'No process owner for 10 hours since escalation; @bob released the role 1 minute ago',
    );
  });

  it('a UBN! escalated 25 h ago and released 69 minutes ago is stale', () => {
    const h = escalated()
      .comment(ESC + HOUR, 'alice', 'Process owner: @bob')
      .comment(ESC + 25 * HOUR - 69 * 60, 'alice', 'Process owner: none');
    const [f] = only(h, ESC + 25 * HOUR, 'no-process-owner');
    expect(f?.message).toMatchObject({
      key: 'stale.noProcessOwner.released',
      params: { releasedBy: 'alice', releasedFor: 69 * 60, duration: 25 * HOUR },
    });
  });

  it('a release before the 2 h mark fires at escalation + 2 h', () => {
    const h = escalated()
      .comment(ESC + 10 * 60, 'alice', 'Process owner: @bob')
      .comment(ESC + HOUR, 'bob', 'Process owner: none');
    expect(only(h, ESC + 2 * HOUR - 1, 'no-process-owner')).toHaveLength(0);
    const [f] = only(h, ESC + 2 * HOUR, 'no-process-owner');
    expect(f?.firedAt).toBe(h.t0 + ESC + 2 * HOUR);
  });

  it('does not fire once someone is declared', () => {
    const h = escalated().comment(ESC + HOUR, 'alice', 'Process owner: @bob');
    expect(only(h, ESC + 5 * DAY, 'no-process-owner')).toHaveLength(0);
  });
});

describe('rule 2: declared but not acknowledged', () => {
  const h = escalated().comment(ESC + HOUR, 'alice', 'Process owner: @bob');
  it.each([
    [ESC + 5 * HOUR - 1, 0],
    [ESC + 5 * HOUR, 1],
  ])('at t0 + %i s fires %i time(s)', (at, count) => {
    expect(only(h, at, 'not-acknowledged')).toHaveLength(count);
  });

  it('names the person and the wait', () => {
    const [f] = only(h, ESC + 7 * HOUR, 'not-acknowledged');
    expect(f).toMatchObject({ severity: 'warning', threshold: '4h', firedAt: h.t0 + ESC + 5 * HOUR });
    expect(f?.text).toBe('Process owner @bob has not acknowledged in 6 hours since being declared');
  });

  it('stops once the person acts', () => {
    const acked = escalated()
      .comment(ESC + HOUR, 'alice', 'Process owner: @bob')
      .touch(ESC + 6 * HOUR, 'bob');
    expect(only(acked, ESC + 7 * HOUR, 'not-acknowledged')).toHaveLength(0);
  });

  it('a declared username that is no account is no process owner in force: rule 1, not rule 2', () => {
    const typo = escalated().comment(ESC + HOUR, 'alice', 'Process owner: @bobb');
    expect(only(typo, ESC + 6 * HOUR, 'not-acknowledged')).toHaveLength(0);
    const [f] = only(typo, ESC + 6 * HOUR, 'no-process-owner');
    expect(f?.message.key).toBe('stale.noProcessOwner.unknownUser');
    expect(f?.firedAt).toBe(typo.t0 + ESC + 2 * HOUR);
    expect(f?.text).toBe(
      'No process owner for 6 hours since escalation; the declared @bobb is not an account on this instance',
    );
  });
});

describe('rule 3: the process owner has gone quiet', () => {
  const h = escalated()
    .comment(ESC + HOUR, 'bob', 'Process owner: @bob')
    .touch(ESC + 10 * HOUR, 'bob');
  it.each([
    [ESC + 34 * HOUR - 1, 0],
    [ESC + 34 * HOUR, 1],
  ])('at t0 + %i s fires %i time(s)', (at, count) => {
    expect(only(h, at, 'owner-silent')).toHaveLength(count);
  });

  it('counts from their last transaction, and a new silence is a new occurrence', () => {
    const [first] = only(h, ESC + 2 * DAY, 'owner-silent');
    expect(first).toMatchObject({
      firedAt: h.t0 + ESC + 34 * HOUR,
      occurrence: `silent@${h.t0 + ESC + 10 * HOUR}:bob`,
    });
    expect(first?.text).toBe('Process owner @bob has written nothing on the task for 38 hours');
    h.touch(ESC + 3 * DAY, 'bob');
    const [second] = only(h, ESC + 5 * DAY, 'owner-silent');
    expect(second?.occurrence).toBe(`silent@${h.t0 + ESC + 3 * DAY}:bob`);
  });

  it('other people talking does not count as the owner acting', () => {
    const busy = escalated().comment(ESC, 'bob', 'Process owner: @bob');
    for (let i = 1; i < 40; i++) busy.comment(ESC + i * HOUR, 'alice', 'any news?');
    expect(only(busy, ESC + 40 * HOUR, 'owner-silent')).toHaveLength(1);
  });

  it('a newly declared owner gets the full 24 h from the declaration', () => {
    const fresh = escalated().comment(ESC + 3 * DAY, 'bob', 'Process owner: @bob');
    expect(only(fresh, ESC + 3 * DAY + 23 * HOUR, 'owner-silent')).toHaveLength(0);
  });
});

describe('rule 4: the process owner cannot act', () => {
  const account = (name: string, change: Partial<PhabUser>): Map<string, PhabUser> =>
    userMap(fixtureUsers().map((u) => (u.username === name ? { ...u, ...change } : u)));

  it('a disabled account is critical', () => {
    const h = escalated().comment(ESC + HOUR, 'alice', 'Process owner: @dave');
    const [f] = only(h, ESC + 2 * HOUR, 'owner-unavailable');
    expect(f).toMatchObject({ severity: 'critical', threshold: 'disabled', firedAt: h.t0 + ESC + HOUR });
    expect(f?.text).toBe('Process owner @dave has a disabled account');
  });

  it('away fires only until the away time ends', () => {
    const h = escalated().comment(ESC + HOUR, 'alice', 'Process owner: @carol');
    const until = h.t0 + ESC + 3 * DAY;
    const map = account('carol', { availability: { value: 'away', until } });
    expect(only(h, ESC + 2 * DAY, 'owner-unavailable', { users: map })).toEqual([
      expect.objectContaining({
        severity: 'warning',
        threshold: 'away',
        occurrence: `${PHID.carol}@${h.t0 + ESC + HOUR}@${until}`,
      }),
    ]);
    expect(only(h, ESC + 3 * DAY, 'owner-unavailable', { users: map })).toHaveLength(0);
    const open = account('carol', { availability: { value: 'away', until: null } });
    expect(only(h, ESC + 9 * DAY, 'owner-unavailable', { users: open })[0]?.text).toBe(
      'Process owner @carol is away',
    );
  });

  it('busy is not unavailable', () => {
    const h = escalated().comment(ESC + HOUR, 'alice', 'Process owner: @erin');
    const map = account('erin', { availability: { value: 'busy', until: h.t0 + ESC + DAY } });
    expect(only(h, ESC + 2 * HOUR, 'owner-unavailable', { users: map })).toHaveLength(0);
  });

  it('departed according to the registry is critical', () => {
    const h = escalated().comment(ESC + HOUR, 'alice', 'Process owner: @bob');
    const [f] = only(h, ESC + 2 * HOUR, 'owner-unavailable', {
      isDeparted: (u: PhabUser) => u.username === 'bob',
    });
    expect(f).toMatchObject({ severity: 'critical', threshold: 'departed' });
    expect(f?.text).toBe('Process owner @bob has left, according to the owners registry');
  });

  it('applies to the assignee when nobody is declared', () => {
    const h = escalated().owner(ESC, 'alice', null, PHID.dave);
    expect(only(h, ESC + HOUR, 'owner-unavailable')[0]?.text).toBe(
      'Assignee @dave (not declared) has a disabled account',
    );
  });
});

describe('rule 5: escalation age', () => {
  it.each([
    [3 * DAY - 1, []],
    [3 * DAY, ['3d:warning']],
    [7 * DAY - 1, ['3d:warning']],
    [7 * DAY, ['7d:critical']],
    [40 * DAY, ['7d:critical']],
  ])('at escalation + %i s: %j', (age, expected) => {
    const h = escalated().comment(ESC, 'bob', 'Process owner: @bob');
    // Lots of activity: age fires however busy the task looks.
    for (let i = 1; i * 6 * HOUR < age; i++) h.touch(ESC + i * 6 * HOUR, 'bob');
    expect(only(h, ESC + age, 'escalation-age').map((f) => `${f.threshold}:${f.severity}`)).toEqual(expected);
  });

  it('the critical finding replaces the warning and says the age', () => {
    const h = escalated();
    const [f] = only(h, ESC + 8 * DAY, 'escalation-age');
    expect(f).toMatchObject({
      supersedes: ['3d'],
      firedAt: h.t0 + ESC + 7 * DAY,
      occurrence: `escalated@${h.t0 + ESC}`,
    });
    expect(f?.text).toBe('Unbreak Now! for 8 days');
  });
});

describe('no findings without an open UBN!', () => {
  it.each([
    ['lowered', escalated().priority(ESC + HOUR, 'alice', 100, 80)],
    ['closed', escalated().status(ESC + HOUR, 'alice', 'open', 'resolved')],
    ['never escalated', new HistoryBuilder().create(0, 'erin', 50)],
  ])('%s', (_what, h) => {
    expect(findings(h, ESC + 30 * DAY)).toEqual([]);
  });
});

describe('configurable thresholds', () => {
  it('uses the configured thresholds and severities', () => {
    const parsed = parseStalenessSettings({
      noDeclarationSeconds: 30 * 60,
      escalationAgeWarningSeconds: DAY,
      escalationAgeCriticalSeconds: 2 * DAY,
      severities: { noProcessOwner: 'critical' },
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const h = escalated();
    expect(only(h, ESC + 30 * 60, 'no-process-owner', { settings: parsed.settings })[0]).toMatchObject({
      threshold: '30m',
      severity: 'critical',
    });
    expect(only(h, ESC + 2 * DAY, 'escalation-age', { settings: parsed.settings })[0]).toMatchObject({
      threshold: '2d',
      supersedes: ['1d'],
    });
    expect(parsed.settings.ownerSilentSeconds).toBe(DEFAULT_STALENESS_SETTINGS.ownerSilentSeconds);
  });

  it.each([
    [
      { noDeclarationSeconds: -5 },
      'noDeclarationSeconds: noDeclarationSeconds (rule 1: no process owner declared) must be more than zero seconds',
    ],
    [
      { ownerSilentSeconds: '24h' },
      'ownerSilentSeconds: ownerSilentSeconds (rule 3: process owner silent) must be a number of seconds, for example 7200 for two hours',
    ],
    [{ noDeclaration: 7200 }, 'staleness settings: unknown setting "noDeclaration"'],
    [
      { severities: { ownerSilent: 'loud' } },
      'severities.ownerSilent: severity must be one of "info", "warning" or "critical"',
    ],
    [
      { escalationAgeWarningSeconds: 8 * DAY },
      'escalationAgeCriticalSeconds (604800) must be longer than escalationAgeWarningSeconds (691200)',
    ],
  ])('refuses %j with a message saying what to fix', (input, message) => {
    const parsed = parseStalenessSettings(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toContain(message);
  });

  it('labels thresholds compactly for dedupe keys', () => {
    expect([7200, 14400, 86400, 259200, 1800, 45].map(thresholdLabel)).toEqual([
      '2h',
      '4h',
      '1d',
      '3d',
      '30m',
      '45s',
    ]);
  });
});
