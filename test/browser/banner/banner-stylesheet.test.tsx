// The banner's styles come from banner.css, linked into its shadow root: before the sheet has loaded the
// banner already takes its place (nothing below it moves when the sheet arrives) and is not seen
// unstyled; a sheet that cannot load does not take the banner away.
import { afterEach, describe, expect, it } from 'vitest';
import { runBanner, textOf, waitFor, type Running } from './harness';

let running: Running | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

const styled = (r: Running) => r.shadow().querySelector('.st-root[data-styled]') !== null;
const visibility = (r: Running) => r.win.getComputedStyle(r.banner()).visibility;
const never = () => new Promise<unknown>(() => {});

describe('the banner stylesheet', () => {
  it.each([
    ['task-T13.alice.html', '/T13', 'compact'],
    ['task-T14.alice.html', '/T14', 'ubn'],
  ])('on %s, holds the %s placeholder space before the sheet loads, hidden', async (page, path, expect_) => {
    running = await runBanner(page, path, never);
    const r = running;
    // Rendered synchronously; the sheet loads in a later task.
    expect(styled(r)).toBe(false);
    expect(r.banner().dataset['expect']).toBe(expect_);
    expect(visibility(r)).toBe('hidden');
    const below = r.doc.querySelector('.phui-two-column-content')!;
    const before = below.getBoundingClientRect().top;
    const height = r.host()!.getBoundingClientRect().height;
    expect(height).toBeGreaterThan(expect_ === 'ubn' ? 220 : 60);

    await waitFor(() => styled(r));
    expect(visibility(r)).toBe('visible');
    expect(textOf(r.banner())).toContain('Steward is loading who owns this task');
    expect(Math.abs(below.getBoundingClientRect().top - before)).toBeLessThanOrEqual(1);
  });

  it('keeps an announcement out of sight when it comes before the sheet', async () => {
    running = await runBanner('task-T13.alice.html', '/T13', never, undefined, {
      stylesheetUrl: `${location.origin}/steward-no-such-sheet.css`,
    });
    const r = running;
    await waitFor(() => styled(r));
    const announcer = r.shadow().querySelector<HTMLElement>('[data-steward="announcer"]')!;
    announcer.textContent = 'Unbreak Now! for 1 hour';
    const box = announcer.getBoundingClientRect();
    expect(box.width * box.height).toBeLessThanOrEqual(1);
    expect(announcer.getAttribute('aria-live')).toBe('polite');
  });

  it('shows the banner even when the sheet cannot load', async () => {
    running = await runBanner('task-T13.alice.html', '/T13', never, undefined, {
      stylesheetUrl: `${location.origin}/steward-no-such-sheet.css`,
    });
    const r = running;
    await waitFor(() => styled(r));
    expect(visibility(r)).toBe('visible');
    expect(textOf(r.banner())).toContain('Steward is loading who owns this task');
  });
});
