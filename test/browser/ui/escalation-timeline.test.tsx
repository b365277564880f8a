// The timeline strip in a real browser: one tab stop, arrow keys between ticks, a tooltip naming who
// did what and when, a text alternative saying the same as the picture, and no size change with data.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'preact';
import { EscalationTimeline, TimelineChartRow } from '../../../src/ui/EscalationTimeline';
import { TIMELINE_CHART_CSS, TIMELINE_CSS } from '../../../src/ui/timeline-css';
import { themeCss, UI_CSS } from '../../../src/ui/ui-css';
import type { TimelineView } from '../../../src/messages';

const HOUR = 3600;
const DAY = 86400;
const T0 = 1795700668;

/** Busy for a week, nobody declared: the picture the retrospective asked for. */
function busyWeek(): TimelineView {
  const ticks: TimelineView['ticks'] = [];
  for (let i = 0; i < 200; i++)
    ticks.push({
      at: T0 + i * 3000,
      author: i % 2 ? 'bob' : 'carol',
      kind: i % 3 ? 'comment' : 'edit',
      type: i % 3 ? 'comment' : 'status',
    });
  return {
    start: T0,
    end: T0 + 7 * DAY + 2 * HOUR,
    running: true,
    segments: [{ kind: 'none', start: T0, end: T0 + 7 * DAY + 2 * HOUR, who: null }],
    ticks,
    omittedTicks: 0,
    earlier: [{ at: T0 - 30 * DAY, until: T0 - 28 * DAY }],
    thresholds: [
      { at: T0 + 2 * HOUR, label: '2h', rule: 'no-process-owner', severity: 'warning', reached: true },
      { at: T0 + 3 * DAY, label: '3d', rule: 'escalation-age', severity: 'warning', reached: true },
      { at: T0 + 7 * DAY, label: '7d', rule: 'escalation-age', severity: 'critical', reached: true },
    ],
  };
}

let host: HTMLElement | null = null;
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  host = null;
});

function mount(view: TimelineView, theme: 'light' | 'dark' = 'light') {
  const style =
    document.getElementById('tl-css') ?? document.head.appendChild(document.createElement('style'));
  style.id = 'tl-css';
  style.textContent = `${themeCss('.st-root', false)}\n${UI_CSS}\n${TIMELINE_CSS}`;
  host = document.createElement('div');
  host.className = 'st-root';
  host.dataset.theme = theme;
  host.style.width = '600px';
  document.body.append(host);
  render(<EscalationTimeline timeline={view} />, host);
  return host;
}

describe('escalation timeline strip', () => {
  it('is one tab stop; arrow keys, Home and End move between ticks and name who did what', async () => {
    const root = mount(busyWeek());
    const ticks = root.querySelectorAll<HTMLElement>('.st-tl-tick');
    expect(ticks).toHaveLength(200);
    expect([...ticks].filter((tick) => tick.tabIndex === 0)).toHaveLength(1);
    // The newest tick takes the tab stop.
    expect(ticks[199]!.tabIndex).toBe(0);
    await userEvent.tab();
    expect(document.activeElement).toBe(ticks[199]);
    expect(root.querySelector('[role="tooltip"]')?.textContent).toMatch(/^bob commented, /);
    await userEvent.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(ticks[198]);
    expect(ticks[198]!.getAttribute('aria-label')).toMatch(/^carol changed the status, /);
    await userEvent.keyboard('{Home}');
    expect(document.activeElement).toBe(ticks[0]);
    expect(ticks[0]!.tabIndex).toBe(0);
    await userEvent.keyboard('{Escape}');
    expect(root.querySelector('[role="tooltip"]')).toBeNull();
    await userEvent.keyboard('{End}');
    expect(document.activeElement).toBe(ticks[199]);
  });

  it('is one stop for a screen reader too, and keeps a tab stop when a refresh brings fewer ticks', async () => {
    const root = mount(busyWeek());
    const named = () => root.querySelectorAll('.st-tl-tick[role="img"]');
    expect(named()).toHaveLength(1);
    expect(root.querySelectorAll('.st-tl-tick[aria-hidden="true"]')).toHaveLength(199);
    await userEvent.tab();
    await userEvent.keyboard('{ArrowLeft}');
    expect(named()).toHaveLength(1);
    expect(document.activeElement).toBe(named()[0]);
    (document.activeElement as HTMLElement).blur();
    const fewer = { ...busyWeek(), ticks: busyWeek().ticks.slice(0, 5) };
    render(<EscalationTimeline timeline={fewer} />, root);
    const ticks = [...root.querySelectorAll<HTMLElement>('.st-tl-tick')];
    expect(ticks.filter((tick) => tick.tabIndex === 0)).toHaveLength(1);
    expect(named()).toHaveLength(1);
  });

  it('counts in words without adding the ticks it leaves out to the edits, in singular and plural', () => {
    const one = {
      ...busyWeek(),
      ticks: busyWeek()
        .ticks.filter((tick) => tick.kind === 'comment')
        .slice(0, 1),
      omittedTicks: 30,
    };
    const root = mount(one);
    const text = root.querySelector('.st-sr-only')!.textContent!;
    expect(text).toContain('1 comment and 0 other edits since.');
    expect(text).toContain('30 earlier comments and edits are not drawn.');
  });

  it('says in words what the picture shows', () => {
    const root = mount(busyWeek());
    const text = root.querySelector('.st-sr-only')!.textContent!;
    expect(text).toContain('No process owner for 7 days');
    expect(text).toMatch(/133 comments and 67 other edits since/);
    expect(text).toMatch(/Thresholds crossed: 2h \(.+\), 3d \(.+\), 7d \(.+\)/);
    expect(text).toMatch(/Escalated once before: /);
    expect(root.querySelector('[role="group"]')?.getAttribute('aria-label')).toMatch(/Escalation timeline/);
  });

  it('draws thresholds where they fall, and keeps its height whatever the data', () => {
    const root = mount(busyWeek());
    const strip = root.querySelector<HTMLElement>('.st-tl')!;
    const height = strip.getBoundingClientRect().height;
    const labels = [...root.querySelectorAll('.st-tl-thr')].map((el) => [
      el.textContent,
      (el as HTMLElement).style.left,
    ]);
    expect(labels.map((l) => l[0])).toEqual(['2h', '3d', '7d']);
    const left7d = parseFloat(labels[2]![1]!);
    expect(left7d).toBeGreaterThan(97);
    expect(left7d).toBeLessThan(99.5);
    render(<EscalationTimeline timeline={{ ...busyWeek(), ticks: [], thresholds: [] }} />, root);
    expect(root.querySelector<HTMLElement>('.st-tl')!.getBoundingClientRect().height).toBe(height);
  });

  it('tells the four states apart without colour, and a legend names them with the thresholds in force', () => {
    const view: TimelineView = {
      ...busyWeek(),
      segments: [
        { kind: 'none', start: T0, end: T0 + DAY, who: null },
        { kind: 'declared', start: T0 + DAY, end: T0 + 2 * DAY, who: 'bob' },
        { kind: 'acknowledged', start: T0 + 2 * DAY, end: T0 + 3 * DAY, who: 'bob' },
        { kind: 'released', start: T0 + 3 * DAY, end: T0 + 7 * DAY + 2 * HOUR, who: 'bob' },
      ],
      thresholds: busyWeek().thresholds.map((th, i) => ({ ...th, label: ['4h', '2d', '5d'][i]! })),
    };
    const root = mount(view);
    // What is left in greyscale: the pattern and the height of each bar.
    const shape = (el: Element) => {
      const style = getComputedStyle(el);
      return `${style.backgroundImage.replace(/(rgba?|oklch|color)\([^)]*\)/g, 'C')}|${style.height}`;
    };
    const shapes = [...root.querySelectorAll('.st-tl-seg')].map(shape);
    expect(new Set(shapes).size).toBe(4);
    // The legend's keys look like the strip's bars.
    const keys = [...root.querySelectorAll('.st-tl-legend .st-tl-key[data-kind]')];
    expect(keys.map((k) => k.getAttribute('data-kind'))).toEqual([
      'none',
      'declared',
      'acknowledged',
      'released',
    ]);
    keys.forEach((key, i) =>
      expect(getComputedStyle(key).backgroundImage).toBe(
        getComputedStyle(root.querySelectorAll('.st-tl-seg')[i]!).backgroundImage,
      ),
    );
    expect(root.querySelector('.st-tl-legend')?.textContent).toContain('threshold (4h, 2d, 5d)');
  });

  it('shows the segments in both themes with different colours for each state', () => {
    const view: TimelineView = {
      ...busyWeek(),
      segments: [
        { kind: 'none', start: T0, end: T0 + DAY, who: null },
        { kind: 'declared', start: T0 + DAY, end: T0 + 2 * DAY, who: 'bob' },
        { kind: 'acknowledged', start: T0 + 2 * DAY, end: T0 + 7 * DAY + 2 * HOUR, who: 'bob' },
      ],
    };
    for (const theme of ['light', 'dark'] as const) {
      const root = mount(view, theme);
      const colours = [...root.querySelectorAll('.st-tl-seg')].map(
        (el) => getComputedStyle(el).backgroundColor,
      );
      expect(new Set(colours).size).toBe(3);
      render(null, root);
      root.remove();
      host = null;
    }
  });
});

describe('escalation timeline chart row', () => {
  it('draws a few SVG elements however many ticks, and names the tick under the pointer', async () => {
    const style =
      document.getElementById('tl-css') ?? document.head.appendChild(document.createElement('style'));
    style.id = 'tl-css';
    style.textContent = `${themeCss('.st-root', false)}\n${UI_CSS}\n${TIMELINE_CSS}\n${TIMELINE_CHART_CSS}`;
    host = document.createElement('div');
    host.className = 'st-root';
    host.style.width = '700px';
    host.style.position = 'relative';
    document.body.append(host);
    const view = busyWeek();
    render(<TimelineChartRow timeline={view} range={{ start: view.start - 7 * DAY, end: view.end }} />, host);
    const svg = host.querySelector('svg')!;
    expect(svg.querySelectorAll('*').length).toBeLessThan(10);
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    // The strip starts halfway along the shared axis.
    const rect = svg.querySelector('rect')!;
    expect(Number(rect.getAttribute('x'))).toBeCloseTo(500, -1);
    const box = svg.getBoundingClientRect();
    const last = view.ticks.at(-1)!;
    const x = box.left + ((last.at - (view.start - 7 * DAY)) / (view.end - view.start + 7 * DAY)) * box.width;
    svg.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: box.top + 5, bubbles: true }));
    await vi.waitFor(() =>
      expect(host!.querySelector('[role="tooltip"]')?.textContent).toMatch(/^bob commented, /),
    );
  });
});
