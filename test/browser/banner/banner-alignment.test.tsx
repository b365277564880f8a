// Where the banner's box sits under Phorge's own header styles: in line with the task title and the
// description below, not from one window edge to the other. The captures do not carry Phorge's CSS, so
// its rules for the two-column view are written out here.
import { afterEach, describe, expect, it } from 'vitest';
import { t14 } from '../../fixtures/contexts/task-contexts';
import { runBanner, type Running } from './harness';

let running: Running | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

// webroot/rsrc/css/phui/phui-two-column-view.css (phorgeit/phorge; core.pkg.css on the captured instance).
// JX.Device adds `device device-tablet` or `device device-phone` to the body at 920px and below.
const PHORGE_TWO_COLUMN_CSS = `
.phui-two-column-view .phui-two-column-header { background-color: #fff; border-bottom: 1px solid rgba(55,55,55,.12); margin-bottom: 24px; }
.phui-two-column-view .phui-two-column-header .phui-header-shell { padding: 24px 32px 28px; border: none; }
.device .phui-two-column-view .phui-two-column-header .phui-header-shell { padding: 12px 12px 12px; }
.device-desktop .phui-two-column-content { padding: 0 32px; }
.device .phui-two-column-content { padding: 0 12px; }
`;

async function banner(width: number, device: string, prepare: (doc: Document) => void = () => {}) {
  const r = (running = await runBanner(
    'task-T14.alice.html',
    '/T14',
    () => ({ ok: true, data: t14() }),
    (doc) => {
      const style = doc.createElement('style');
      style.textContent = PHORGE_TWO_COLUMN_CSS;
      doc.head.append(style);
      doc.body.className = `${device} phui-theme-blindigo`;
      prepare(doc);
    },
  ));
  r.frame.style.width = `${width}px`;
  await r.until('ready');
  const box = r.shadow().querySelector('.st-box')!.getBoundingClientRect();
  const content = r.doc.querySelector('.phui-two-column-content')!;
  const contentLeft =
    content.getBoundingClientRect().left + parseFloat(getComputedStyle(content).paddingLeft);
  return { r, box, contentLeft, frameWidth: r.doc.documentElement.clientWidth };
}

describe("the banner under Phorge's header styles", () => {
  it('lines up with the task title and the content column instead of touching the window edges', async () => {
    const { r, box, contentLeft, frameWidth } = await banner(1200, 'device-desktop');
    const title = r.doc.querySelector('.phui-two-column-header .phui-header-header')!.getBoundingClientRect();
    // The title starts 32px in; so does the description below.
    expect(title.left).toBeGreaterThanOrEqual(30);
    expect(Math.abs(box.left - title.left)).toBeLessThanOrEqual(4);
    expect(Math.abs(box.left - contentLeft)).toBeLessThanOrEqual(4);
    expect(box.right).toBeLessThan(frameWidth - 16);
  });

  it.each([
    [800, 'device device-tablet'],
    [400, 'device device-phone'],
  ])('at %ipx (%s) keeps to the 12px sides of the tablet and phone layouts', async (width, device) => {
    const { r, box, contentLeft, frameWidth } = await banner(width, device);
    const title = r.doc.querySelector('.phui-two-column-header .phui-header-header')!.getBoundingClientRect();
    expect(Math.abs(box.left - title.left)).toBeLessThanOrEqual(4);
    expect(Math.abs(box.left - contentLeft)).toBeLessThanOrEqual(4);
    // As far from the right edge as the title is from the left one.
    expect(Math.abs(frameWidth - box.right - title.left)).toBeLessThanOrEqual(4);
  });

  it("in the main column (a header without its shell), adds no sides of its own to the column's", async () => {
    const { r, box } = await banner(1200, 'device-desktop', (doc) =>
      doc.querySelector('.phui-two-column-header > .phui-header-shell')!.remove(),
    );
    const main = r.doc.querySelector('.phui-main-column')!.getBoundingClientRect();
    expect(r.host()!.parentElement!.matches('.phui-main-column')).toBe(true);
    expect(Math.abs(box.left - main.left)).toBeLessThanOrEqual(1);
    expect(Math.abs(box.right - main.right)).toBeLessThanOrEqual(1);
  });
});
