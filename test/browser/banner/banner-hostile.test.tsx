// Task titles, user names and registry text are untrusted: markup renders as text, and links go only to
// http(s) (and mailto for lists).
import { afterEach, describe, expect, it } from 'vitest';
import { HOSTILE, hostileT14, t14, t7 } from '../../fixtures/contexts/task-contexts';
import { RLO_NAME, readsLeftToRight } from '../support/bidi';
import { answering, fail, runBanner, textOf, type Running } from './harness';

let running: Running | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

describe('hostile input', () => {
  it('renders markup from the task, people and the registry as text, and links only to http(s)/mailto', async () => {
    const r = (running = await runBanner('task-T14.alice.html', '/T14', answering(hostileT14())));
    await r.until('ready');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const shadow = r.shadow();
    expect(shadow.querySelectorAll('img, script, b, iframe, object, embed')).toHaveLength(0);
    expect((r.win as unknown as { __stewardPwned?: number }).__stewardPwned).toBeUndefined();
    const text = textOf(r.banner());
    expect(text).toContain(`${HOSTILE}Bob`);
    expect(text).toContain('<script>window.__stewardPwned=2</script>Auth');
    expect(text).toContain('<a href="javascript:alert(1)">Team</a>');
    // Contacts with javascript:, data: and vbscript: addresses are shown, but as plain text.
    expect(text).toContain('list: javascript list');
    expect(text).toContain('page: data page');
    expect(text).toContain('tag: vbscript');
    const hrefs = Array.from(shadow.querySelectorAll('a'), (a) => a.getAttribute('href') ?? '');
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:)/);
    expect(hrefs).toContain('https://chat.example.org/#fine');
    expect(Array.from(shadow.querySelectorAll('a')).some((a) => a.textContent === 'javascript list')).toBe(
      false,
    );
  });

  it('shows an error message with markup as text', async () => {
    const r = (running = await runBanner('task-T14.alice.html', '/T14', () =>
      fail({ kind: 'conduit', message: HOSTILE }),
    ));
    await r.until('error');
    expect(r.shadow().querySelector('img')).toBeNull();
    expect(textOf(r.banner())).toContain(HOSTILE);
  });
});

describe('bidi controls and long strings', () => {
  it('a right-to-left override in a real name does not reverse the rest of the process-owner line', async () => {
    const context = t7();
    context.processOwner!.person = { ...context.processOwner!.person!, realName: RLO_NAME };
    const r = (running = await runBanner('task-T7.alice.html', '/T7', answering(context)));
    await r.until('ready');
    const po = r.shadow().querySelector('[data-po]')!;
    expect(textOf(po)).toContain('not acknowledged yet');
    expect(readsLeftToRight(po, 'acknowledged')).toBe(true);
    expect(readsLeftToRight(po, 'disabled')).toBe(true);
  });

  it('overrides in component, team and contact names stay inside them', async () => {
    const context = hostileT14();
    const component = context.ownership.components[0]!;
    component.name = `Auth ${'\u202E'}`;
    component.stewards[0]!.name = `Team ${'\u202E'}`;
    const r = (running = await runBanner('task-T14.alice.html', '/T14', answering(context)));
    await r.until('ready');
    const row = r.shadow().querySelector('.st-component')!;
    expect(readsLeftToRight(row, 'Stewards')).toBe(true);
    expect(readsLeftToRight(row, 'Maintainers')).toBe(true);
  });

  it('a long unbroken name or component wraps inside the banner instead of overflowing the page', async () => {
    const context = t14();
    const long = 'x'.repeat(600);
    context.ownership.components[0]!.name = long;
    context.ownership.components[0]!.stewards[0]!.members[0]!.realName = `Alice${long}`;
    const r = (running = await runBanner('task-T14.alice.html', '/T14', answering(context)));
    await r.until('ready');
    const host = r.host()!;
    const column = host.parentElement!;
    expect(host.getBoundingClientRect().right).toBeLessThanOrEqual(column.getBoundingClientRect().right + 1);
    const box = r.shadow().querySelector('.st-box') as HTMLElement;
    expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth);
  });
});
