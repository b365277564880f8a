// "Open Steward options" from a task page. A content script runs on every granted site (also one that is
// no configured instance), and whatever drives it can send 'ui/open-options' as often as it likes: one
// page must not get a tab per ask. A page's ask brings forward the tab opened for a page before, while it
// is open; the popup's and options page's asks open the page as asked.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  // Tabs the fake opened, so a fix that looks for an open options tab (and focuses it) can find it.
  const opened: { id: number; url: string; active: boolean; windowId: number }[] = [];
  const tabs = fake.current.browser.tabs as Record<string, unknown>;
  const patternToRegExp = (pattern: string) =>
    new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  tabs.create = async ({ url }: { url: string }) => {
    fake.current!.tabsCreated.push(url);
    const tab = { id: opened.length + 100, url, active: true, windowId: 1 };
    opened.push(tab);
    return tab;
  };
  tabs.query = async (query: { url?: string | string[] } = {}) => {
    const patterns = query.url === undefined ? null : [query.url].flat();
    return opened.filter(
      (tab) =>
        patterns === null || patterns.some((p) => patternToRegExp(p).test(tab.url) || tab.url.startsWith(p)),
    );
  };
  tabs.get = async (id: number) => {
    const tab = opened.find((t) => t.id === id);
    if (!tab) throw new Error(`No tab with id: ${id}.`);
    return tab;
  };
  tabs.update = async (id: number) => {
    const tab = opened.find((t) => t.id === id);
    if (!tab) throw new Error(`No tab with id: ${id}.`);
    return tab;
  };
  (tabs as { closeAll?: () => void }).closeAll = () => void opened.splice(0);
  tabs.highlight = async () => undefined;
  (fake.current.browser as Record<string, unknown>).windows = { update: async () => undefined };
  return { default: fake.current.browser };
});

const { createRouter } = await import('../../../src/background/router');
const { handlers } = await import('../../../src/background/handlers');

const ID = 'steward-test';
const route = createRouter({ extensionId: ID, extensionBaseUrl: `chrome-extension://${ID}/`, handlers });

describe('the options tab a page asks for', () => {
  it('a content script (here on a granted site that is no configured instance) cannot open options tabs without limit', async () => {
    const sender = { id: ID, url: 'https://granted-not-configured.example/T1', tab: { id: 9 }, frameId: 0 };
    for (let i = 0; i < 25; i++) {
      const reply = await route({ type: 'ui/open-options', section: 'instances' }, sender as never);
      // Refusing later asks is fine too; what must not happen is a tab per ask.
      expect(reply.ok === true || reply.ok === false).toBe(true);
    }
    expect(fake.current!.tabsCreated.length).toBeLessThanOrEqual(1);
  });

  it('opens a new tab once the one it opened was closed', async () => {
    const sender = { id: ID, url: 'https://granted-not-configured.example/T1', tab: { id: 9 }, frameId: 0 };
    const before = fake.current!.tabsCreated.length;
    (fake.current!.browser.tabs as unknown as { closeAll(): void }).closeAll();
    await route({ type: 'ui/open-options', section: 'instances' }, sender as never);
    await route({ type: 'ui/open-options', section: 'instances' }, sender as never);
    expect(fake.current!.tabsCreated.slice(before)).toEqual([
      `chrome-extension://${ID}/options/options.html#instances`,
    ]);
  });
});
