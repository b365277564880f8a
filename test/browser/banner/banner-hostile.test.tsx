// Task titles, user names and registry text are untrusted: markup renders as text, and links go only to
// http(s) (and mailto for lists).
import { afterEach, describe, expect, it } from 'vitest';
import { HOSTILE, hostileT14 } from '../../fixtures/contexts/task-contexts';
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
