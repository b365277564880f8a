// The UBN! review page end to end in Chromium against the stand-in's demo world: every open UBN! in the
// chart and the table (fetched on a first load with nothing cached), the resolved weeks, and the
// Remarkup export rendered by the stand-in's remarkup.process as Phorge renders it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { standinClock, storeInExtension } from './support/extension-storage';
import { DEMO_WORLD, OPEN_UBN, RESOLVED_IN_12_WEEKS, reviewSettings, reviewState } from './support/review';
import { apiTokenFor } from '../standin/ids';
import { standin, type Standin } from './support/standin';

let site: Standin;
let session: ChromiumSession;
let page: Page;

beforeAll(async () => {
  site = await standin(DEMO_WORLD);
  session = await launchChromium();
  const worker = await session.worker();
  await worker.evaluate(storeInExtension, { settings: reviewSettings(site.url), ...standinClock(site) });
  const login = await session.context.newPage();
  await login.goto(`${site.url}/__standin/login?user=alice&next=/`);
  await login.close();
});

afterAll(async () => {
  await session?.close();
  await site?.close();
});

describe('the UBN! review page in Chromium', () => {
  it('lists every open UBN!, watched or not, in the chart and the sortable table', async () => {
    page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/review/review.html`);
    await expect
      .poll(() => page.evaluate(reviewState), { timeout: 30_000 })
      .toMatchObject({ rows: expect.arrayContaining(OPEN_UBN), busy: false, error: null });
    const state = await page.evaluate(reviewState);
    expect(state.rows).toHaveLength(OPEN_UBN.length);
    expect(state.chart).toBe(OPEN_UBN.length);
    // T1001: busy for nine days, nobody declared: first by age, no process owner.
    expect(state.rows[0]).toBe(1001);
    expect(state.owner1001).toBe('none');
    await page.getByRole('button', { name: 'Task' }).click();
    await expect.poll(async () => (await page.evaluate(reviewState)).rows).toEqual([...OPEN_UBN].sort());
  });

  it('shows the UBN!s resolved in the last 12 weeks, week by week', async () => {
    await page.getByRole('button', { name: 'Resolved, last 12 weeks' }).click();
    // The histories are read in batches: the caption counts every task once the last batch is in.
    await expect
      .poll(async () => (await page.evaluate(reviewState)).resolvedCaption, { timeout: 30_000 })
      .toContain(`${RESOLVED_IN_12_WEEKS} Unbreak Now! tasks resolved`);
    expect((await page.evaluate(reviewState)).resolvedWeeks).toBe(12);
  });

  it('copies the open tasks as Remarkup that Phorge renders as a table with links', async () => {
    await page.getByRole('button', { name: 'Open now' }).click();
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => undefined);
    await page.getByRole('button', { name: 'Copy as Remarkup' }).click();
    await expect.poll(async () => (await page.evaluate(reviewState)).status).toMatch(/Copied|could not use/);
    const state = await page.evaluate(reviewState);
    const text = state.manualCopy ?? (await page.evaluate(() => navigator.clipboard.readText()));
    expect(text.split('\n')[1]).toMatch(/^\| --- \|/);
    // As alice, with the token the stand-in derives for her in a world that names none.
    const reply = (await fetch(`${site.url}/api/remarkup.process`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        params: JSON.stringify({
          context: 'maniphest',
          contents: [text],
          __conduit__: { token: apiTokenFor('alice') },
        }),
      }).toString(),
    }).then((r) => r.json())) as { result: { content: string }[]; error_info: string | null };
    expect(reply.error_info).toBeNull();
    const html = reply.result[0]!.content;
    expect(html).toContain('<table class="remarkup-table">');
    expect(html.match(/<th>/g)).toHaveLength(7);
    // Links go to the search for the one task, not to /T1001, and no monogram is left whole: pasted into
    // a task, the table mentions none of the tasks it lists.
    expect(html).toContain(
      `<a href="${site.url}/maniphest/?ids=1001" class="remarkup-link remarkup-link-ext"`,
    );
    expect(html).not.toMatch(/href="[^"]*\/T\d/);
    expect(html).toContain('<td>T\u200b1001</td>');
  });
});
