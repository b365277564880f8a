import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { badgeLook } = await import('../../../src/background/badge');

const ok = { configured: true, connection: 'ok' as const, staleCount: 0, worst: null, gateCount: 0 };

describe('toolbar badge', () => {
  it('counts stale watched UBN! tasks, coloured by the worst severity', () => {
    expect(badgeLook({ ...ok, staleCount: 3, worst: 'critical' })).toEqual({
      text: '3',
      color: '#b3261e',
      title: 'Steward: 3 stale Unbreak Now! tasks',
    });
    expect(badgeLook({ ...ok, staleCount: 1, worst: 'warning' }).color).toBe('#8a4b00');
    expect(badgeLook(ok).text).toBe('');
  });

  it('says "block the train" when a UBN! has no process owner past the rule', () => {
    const look = badgeLook({ ...ok, staleCount: 4, worst: 'critical', gateCount: 2 });
    expect(look.text).toBe('⛔2');
    expect(look.title).toBe('Steward: 2 UBN! tasks have no process owner: block the train');
  });

  it('shows when Steward cannot reach Phabricator or is not signed in', () => {
    expect(badgeLook({ ...ok, connection: 'unreachable' })).toMatchObject({
      text: '?',
      title: 'Steward: cannot reach Phabricator',
    });
    expect(badgeLook({ ...ok, connection: 'signed-out' })).toMatchObject({
      text: '!',
      title: 'Steward: sign in to Phabricator',
    });
    expect(badgeLook({ ...ok, connection: 'no-permission', gateCount: 3 }).text).toBe('!');
  });

  it('asks to be set up when no instance is configured', () => {
    expect(badgeLook({ ...ok, configured: false }).title).toBe(
      'Steward: set up your Phabricator in the options',
    );
  });
});
