// The worker in Firefox against the stand-in: Firefox's background script sends the user's Phabricator
// session cookie with credentials:'include' (DESIGN.md asks for proof in both browsers), polls, and
// reports an expired session clearly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { standinClock, storeInExtension } from './support/extension-storage';
import { launchFirefox, openExtensionPage, type FirefoxSession } from './support/firefox';
import { control, settingsFor, standin, type Standin } from './support/standin';
import { TOKENS } from '../standin/accounts';

let site: Standin;
let session: FirefoxSession;
let extensionPage: Page;

type Poll = {
  ok: boolean;
  data: { connection: string; viewer: { username: string } | null; rows: { task: { id: number } }[] };
};

function send<T>(message: unknown): Promise<T> {
  return extensionPage.evaluate(
    (m) =>
      (
        globalThis as unknown as { browser: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }
      ).browser.runtime.sendMessage(m),
    message,
  ) as Promise<T>;
}

beforeAll(async () => {
  site = await standin();
  session = await launchFirefox();
  const login = await session.browser.newPage();
  await login.goto(`${site.url}/__standin/login?user=alice&next=/T14`);
  await login.close();
  extensionPage = await openExtensionPage(session, 'options/options.html', site.url);
  await extensionPage.evaluate(storeInExtension, { settings: settingsFor(site.url), ...standinClock(site) });
  await send({ type: 'registry/refresh' });
});

afterAll(async () => {
  await session?.close();
  await site?.close();
});

describe('worker in Firefox', () => {
  it('polls with the session cookie and lists the watched UBN! tasks', async () => {
    const view = await send<Poll>({ type: 'poll/now' });
    expect(view.data.connection).toBe('ok');
    expect(view.data.viewer?.username).toBe('alice');
    expect(view.data.rows.map((r) => r.task.id).sort((a, b) => a - b)).toEqual([1, 6, 7, 11, 14, 15, 16]);
  });

  it('says when the session expired, and recovers after signing in again', async () => {
    await control(site, 'expire-sessions', {});
    expect((await send<Poll>({ type: 'poll/now' })).data.connection).toBe('signed-out');
    const login = await session.browser.newPage();
    await login.goto(`${site.url}/__standin/login?user=alice&next=/T14`);
    await login.close();
    expect((await send<Poll>({ type: 'poll/now' })).data.connection).toBe('ok');
  });

  it('a single sign-on redirect to a login page reads as signed out, and recovers when it stops', async () => {
    await control(site, 'faults', { method: '*', kind: 'sso-redirect', times: 1000 });
    expect((await send<Poll>({ type: 'poll/now' })).data.connection).toBe('signed-out');
    await control(site, 'faults', { clear: true });
    expect((await send<Poll>({ type: 'poll/now' })).data.connection).toBe('ok');
  });

  it('lets the extension send a long Conduit body gzipped, as the worker does for a Phorge that offers it', async () => {
    // The worker's steady poll names every kept task; over 1 KB it goes with Content-Encoding: gzip,
    // through CompressionStream. Firefox must allow both from an extension context, and Phorge (the
    // stand-in, as PhabricatorStartup does) reads the body as if it were plain.
    const ids = Array.from({ length: 400 }, (_, i) => i + 1);
    const found = await extensionPage.evaluate(
      async (url, token, asked) => {
        const form = new URLSearchParams();
        form.set('params', JSON.stringify({ constraints: { ids: asked }, __conduit__: { token } }));
        form.set('output', 'json');
        const text = form.toString();
        const gzipped = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
        const body = new Uint8Array(await new Response(gzipped).arrayBuffer());
        const reply = await fetch(`${url}/api/maniphest.search`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Encoding': 'gzip' },
          body,
          credentials: 'omit',
        });
        const json = (await reply.json()) as {
          result: { data: { id: number }[] } | null;
          error_info: string;
        };
        return {
          sent: body.length,
          plain: text.length,
          offered: reply.headers.get('X-Conduit-Capabilities'),
          ids: json.result ? json.result.data.map((t) => t.id) : json.error_info,
        };
      },
      site.url,
      TOKENS.alice,
      ids,
    );
    expect(found.offered).toBe('gzip');
    expect(found.sent).toBeLessThan(found.plain / 2);
    expect(Array.isArray(found.ids) && found.ids.length).toBeGreaterThan(10);
    expect((found.ids as number[]).every((id) => ids.includes(id))).toBe(true);
  });
});
