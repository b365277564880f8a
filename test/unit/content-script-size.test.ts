// The content script runs on every task page the user opens: it is held to a size budget, built exactly as
// the store build builds it (scripts/vite-shared.ts). Past the budget, look at what it imports: the worker's
// libraries (zod, idb, yaml, the polyfill) must stay out of it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classicScript, sharedConfig } from '../../scripts/vite-shared';

/**
 * The banner's script is part of every page load. Issue 12 aims at 12 KB. Without zod and the polyfill,
 * minified, it was 20.3 KB; 17.4 KB once its styles moved to banner.css. What is left is the banner itself:
 * Preact and its hooks (about 5.5 KB), reading the task page for the cache check and the placeholder
 * (about 3.5 KB: task-page, selectors, insertion, navigation, theme, page facts), the banner's components
 * and the timeline strip, and time formatting; `npx tsx scripts/content-size.ts` lists them. Asking for
 * the cached answer before the page is parsed and naming the page's people added 0.3 KB (18.1 KB).
 * Redrawing once a minute, so that a page left open does not go on showing the age it had when it was
 * answered, took the budget from 18,432 to 18,496 bytes (it measured 18,469). Checking that the page on
 * screen is the task of the address before asking (Quicksand changes the address before the page), a
 * placeholder height per width (desktop, tablet, phone) and a Reload notice for a script orphaned by an
 * update took it to 18,517 (measured exactly, after about 70 bytes of savings in the same code). Reading
 * only the task's header and curtain (not subscribers, viewer and CSRF token, which it never used) brought
 * it to 18,357, Retry over an outage or a failed refresh to 18,397, and a banner shown when Quicksand
 * draws a task from a page with no place for one, and Reload over a failed refresh of an orphaned
 * script, to 18,490: the budget is 18,496 again, where this session found it. Ignoring the page's
 * scripted clicks on the options and assign buttons, and reading the assignee of a Phorge shown in another
 * UI language (its curtain's first panel), took it to 18,499: the budget is 18,504. It fails when a worker
 * library or the stylesheet creeps back.
 */
const GZIP_BUDGET = 18_504;

describe('the content script', () => {
  let out: string;
  let code: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'steward-content-size-'));
    await build(classicScript(sharedConfig(false), 'src/content/index.tsx', 'content', out));
    code = readFileSync(join(out, 'content.js'), 'utf8');
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it(`is at most ${GZIP_BUDGET} bytes gzipped`, () => {
    const gzip = gzipSync(code, { level: 9 }).length;
    expect(gzip, `content.js is ${code.length} bytes raw, ${gzip} gzip`).toBeLessThanOrEqual(GZIP_BUDGET);
  });

  it("carries none of the worker's libraries", () => {
    // Each library's own identifiers, which survive bundling unminified.
    expect(code).not.toMatch(/\$ZodType|ZodMini/);
    expect(code).not.toContain('webextension-polyfill');
    expect(code).not.toMatch(/openDB|IDBPDatabase/);
    expect(code).not.toMatch(/yaml|YAML/);
  });

  it("leaves the banner's styles to banner.css", () => {
    // Colours, the timeline strip and the theme palettes: none of them in the script.
    expect(code).not.toContain('--st-notice-bg');
    expect(code).not.toContain('.st-tl-seg');
  });
});
