// The banner's styles come with the content script: banner-style.js, injected just before it, hands over
// banner.css's text, and the banner's first render carries it, so the banner is seen styled in its first
// frame and nothing is loaded after it. Without that text (a registration made by an older release), the
// file is linked: until it loads the banner already takes its place (nothing below it moves when the
// sheet arrives) and is not seen unstyled, and a sheet that cannot load does not take the banner away.
import { afterEach, describe, expect, it } from 'vitest';
import { BANNER_STYLESHEET } from '../../../src/content/banner-stylesheet';
import { bannerStyleScript } from '../../../src/content/banner-style-script';
import { bannerStylesheet } from '../../../src/content/stylesheet';
import { t14 } from '../../fixtures/contexts/task-contexts';
import { ok, runBanner, stylesheetUrl, textOf, waitFor, type Running } from './harness';

let running: Running | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

const styled = (r: Running) => r.shadow().querySelector('.st-root[data-styled]') !== null;
const visibility = (r: Running) => r.win.getComputedStyle(r.banner()).visibility;
// Only banner.css rounds the box's corners: the inline critical styles do not.
const corner = (r: Running) =>
  r.win.getComputedStyle(r.shadow().querySelector('.st-box')!).borderTopRightRadius;
const never = () => new Promise<unknown>(() => {});
const linked = (url = stylesheetUrl) => ({ text: null, url });
const missing = linked(`${location.origin}/steward-no-such-sheet.css`);

describe('the banner stylesheet', () => {
  it('is what banner-style.js hands over, read back as the same text', () => {
    const scope: Record<string, unknown> = {};
    new Function(bannerStyleScript(BANNER_STYLESHEET).replace('globalThis.', 'this.')).call(scope);
    expect(bannerStylesheet('u', scope)).toEqual({ text: BANNER_STYLESHEET, url: 'u' });
    // A sheet with quotes, backslashes and a closing script tag is still one string.
    const awkward = '.a::before{content:"\\"</script>\\u2028"}';
    new Function(bannerStyleScript(awkward).replace('globalThis.', 'this.')).call(scope);
    expect(bannerStylesheet('u', scope).text).toBe(awkward);
    // Nothing handed over, or not a string: banner.css is linked instead.
    expect(bannerStylesheet('u', {}).text).toBeNull();
    expect(bannerStylesheet('u', { stewardBannerStyle: 42 }).text).toBeNull();
  });

  it('styles the banner in its first render, with nothing to load', async () => {
    running = await runBanner('task-T14.alice.html', '/T14', () => ok(t14()), undefined, { parsing: true });
    const r = running;
    r.finishParsing();
    // Drawn synchronously at DOMContentLoaded: styled, visible, with banner.css's own rules applied.
    expect(styled(r)).toBe(true);
    expect(visibility(r)).toBe('visible');
    expect(corner(r)).not.toBe('0px');
    // No <link>: the page's load event waits for nothing of ours.
    expect(r.shadow().querySelector('link')).toBeNull();
  });

  it.each([
    ['task-T13.alice.html', '/T13', 'compact'],
    ['task-T14.alice.html', '/T14', 'ubn'],
  ])(
    'linked, on %s, holds the %s placeholder space before the sheet loads, hidden',
    async (page, path, expect_) => {
      running = await runBanner(page, path, never, undefined, { stylesheet: linked() });
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
      expect(corner(r)).not.toBe('0px');
      expect(textOf(r.banner())).toContain('Steward is loading who owns this task');
      expect(Math.abs(below.getBoundingClientRect().top - before)).toBeLessThanOrEqual(1);
    },
  );

  it('keeps an announcement out of sight when it comes before the sheet', async () => {
    running = await runBanner('task-T13.alice.html', '/T13', never, undefined, { stylesheet: missing });
    const r = running;
    await waitFor(() => styled(r));
    const announcer = r.shadow().querySelector<HTMLElement>('[data-steward="announcer"]')!;
    announcer.textContent = 'Unbreak Now! for 1 hour';
    const box = announcer.getBoundingClientRect();
    expect(box.width * box.height).toBeLessThanOrEqual(1);
    expect(announcer.getAttribute('aria-live')).toBe('polite');
  });

  it('shows the banner even when the linked sheet cannot load', async () => {
    running = await runBanner('task-T13.alice.html', '/T13', never, undefined, { stylesheet: missing });
    const r = running;
    await waitFor(() => styled(r));
    expect(visibility(r)).toBe('visible');
    expect(textOf(r.banner())).toContain('Steward is loading who owns this task');
  });
});
