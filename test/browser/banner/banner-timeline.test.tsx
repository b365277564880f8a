// The escalation timeline inside the banner of a UBN! task: drawn under the age line, one tab stop,
// the tick tooltips in the banner's shadow root, and its words for screen readers.
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskContext } from '../../../src/messages';
import { SEEDED_AT, t14 } from '../../fixtures/contexts/task-contexts';
import { ok, runBanner, waitFor, type Running } from './harness';

const HOUR = 3600;
const DAY = 86400;

let running: Running | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

/** T14 busy for a week with nobody declared. */
function busyT14(): TaskContext {
  const start = SEEDED_AT - 7 * DAY - 3 * HOUR;
  const ticks = Array.from({ length: 60 }, (_, i) => ({
    at: start + (i + 1) * 10000,
    author: i % 2 ? 'bob' : 'carol',
    kind: 'comment' as const,
    type: 'comment',
  }));
  return {
    ...t14(),
    timeline: {
      start,
      end: SEEDED_AT,
      running: true,
      segments: [{ kind: 'none', start, end: SEEDED_AT, who: null }],
      ticks,
      omittedTicks: 0,
      earlier: [],
      thresholds: [
        { at: start + 2 * HOUR, label: '2h', rule: 'no-process-owner', severity: 'warning', reached: true },
        { at: start + 3 * DAY, label: '3d', rule: 'escalation-age', severity: 'warning', reached: true },
        { at: start + 7 * DAY, label: '7d', rule: 'escalation-age', severity: 'critical', reached: true },
      ],
    },
  };
}

describe('escalation timeline in the banner', () => {
  it('shows the strip under the age, with one tab stop and its text alternative', async () => {
    running = await runBanner('task-T14.alice.html', '/T14', () => ok(busyT14()));
    await running.until('ready');
    const strip = running.shadow().querySelector<HTMLElement>('.st-tl')!;
    expect(strip).not.toBeNull();
    expect(strip.getBoundingClientRect().height).toBe(40);
    const ticks = strip.querySelectorAll<HTMLElement>('.st-tl-tick');
    expect(ticks).toHaveLength(60);
    expect([...ticks].filter((tick) => tick.tabIndex === 0)).toHaveLength(1);
    expect(strip.querySelector('.st-sr-only')?.textContent).toContain('No process owner for 7 days');
    // The strip sits between the age line and the process owner line.
    const age = running.shadow().querySelector('.st-escalation')!;
    expect(age.compareDocumentPosition(strip) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    ticks[59]!.focus();
    await waitFor(() => strip.querySelector('[role="tooltip"]') !== null);
    expect(strip.querySelector('[role="tooltip"]')?.textContent).toMatch(/^bob commented, /);
  });

  it('a context without a timeline (an older worker) shows the banner as before', async () => {
    running = await runBanner('task-T14.alice.html', '/T14', () => ok(t14()));
    await running.until('ready');
    expect(running.shadow().querySelector('.st-tl')).toBeNull();
  });
});
