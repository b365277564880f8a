// The instance's token replaced by another account's: who "you" are is forgotten with the old token, so the
// banner (from the cache or read again), Retry and the popup name the new account at once, not an hour later.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TaskContext, WatchlistView } from '../../../src/messages';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import { pageFactsOf } from './page-facts-of';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  const fake = createFakeBrowser();
  (globalThis as { fakeBrowser?: unknown }).fakeBrowser = fake;
  return { default: fake.browser };
});

const { setClockOffset } = await import('../../../src/background/clock');
const { writeSettings } = await import('../../../src/background/settings-store');
const { handlers } = await import('../../../src/background/handlers');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');

let site: Standin;
const options = {
  kind: 'extension-page' as const,
  url: 'chrome-extension://steward-test/options/options.html',
  framedIn: null,
};
const contentScript = () => ({ kind: 'content-script' as const, origin: site.url, tabId: 1, frameId: 0 });

const pageOf = (task: number) => pageFactsOf(site, task);

async function view(taskId: number) {
  const page = await pageOf(taskId);
  const ask = (settle: boolean) =>
    handlers['task/context'](
      { type: 'task/context', taskId, page, ...(settle ? { settle } : {}) },
      contentScript() as never,
    ) as Promise<TaskContext>;
  const first = await ask(false);
  return first.pending ? ask(true) : first;
}

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  (globalThis as { fakeBrowser?: { grant(origin: string): void } }).fakeBrowser!.grant(site.url);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
  const saved = await writeSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
  });
  if (!saved.ok) throw new Error(saved.errors.join('\n'));
  await handlers['token/set'](
    { type: 'token/set', instance: site.url, token: TOKENS.alice },
    options as never,
  );
});

afterAll(() => site.close());

describe('the token replaced by another account’s', () => {
  it('the banner names the new account as the viewer, not the one whose token was removed', async () => {
    const before = await view(14);
    expect(before.viewer?.username).toBe('alice');
    // The user replaces the token in the options page with bob's (a shared machine, a wrong token fixed).
    await handlers['token/set'](
      { type: 'token/set', instance: site.url, token: TOKENS.bob },
      options as never,
    );
    // A minute later the user opens the task again.
    site.clock.advance(60);
    setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
    const after = await view(14);
    expect(after.viewer?.username, 'the account Steward now acts as').toBe('bob');
    // "I'll drive this" is offered for the viewer: it must name the account that will post the declaration.
    const you = after.suggestions.find((s) => s.role === 'viewer');
    if (you) expect(you.person.username).toBe('bob');
  });

  it('even Retry (ask Phabricator, not the cache) names the new account', async () => {
    const page = await pageOf(14);
    const retried = (await handlers['task/context'](
      { type: 'task/context', taskId: 14, page, refresh: true },
      contentScript() as never,
    )) as TaskContext;
    expect(retried.viewer?.username).toBe('bob');
  });

  it('the popup, which offers Drive as the signed-in account, names the new account', async () => {
    const list = (await handlers['watchlist/get'](
      { type: 'watchlist/get' },
      options as never,
    )) as WatchlistView;
    expect(list.viewers?.[site.url]?.username ?? list.viewer?.username).toBe('bob');
  });
});
