// The options tab a page's banner brings forward instead of opening another: at the section asked for, and
// never a tab the user has taken elsewhere.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Tab = { id: number; url: string; windowId: number };
const state = vi.hoisted(() => ({
  tabs: [] as Tab[],
  created: [] as string[],
  focused: null as number | null,
}));

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { getURL: (p: string) => `chrome-extension://steward-test/${p}` },
    tabs: {
      create: async ({ url }: { url: string }) => {
        state.created.push(url);
        const tab = { id: 100 + state.tabs.length, url, windowId: 1 };
        state.tabs.push(tab);
        state.focused = tab.id;
        return { ...tab };
      },
      get: async (id: number) => {
        const tab = state.tabs.find((t) => t.id === id);
        if (!tab) throw new Error(`No tab with id: ${id}.`);
        return { ...tab };
      },
      query: async () => state.tabs.map((t) => ({ ...t })),
      update: async (id: number, props: { active?: boolean; url?: string }) => {
        const tab = state.tabs.find((t) => t.id === id);
        if (!tab) throw new Error(`No tab with id: ${id}.`);
        if (props.url !== undefined) tab.url = props.url;
        if (props.active) state.focused = id;
        return { ...tab };
      },
    },
    windows: { update: async () => ({}) },
  },
}));

const OPTIONS = 'chrome-extension://steward-test/options/options.html';

async function fresh() {
  vi.resetModules();
  return (await import('../../../src/background/options-tab')).openOptions;
}

beforeEach(() => {
  state.tabs = [];
  state.created = [];
  state.focused = null;
});

describe('options tab reuse', () => {
  it('a page ask for another section shows that section in the tab brought forward', async () => {
    const openOptions = await fresh();
    // The banner's "Open Steward options" (no section), then, a few seconds later, "Set up registry".
    await openOptions(undefined, true);
    await openOptions('registry', true);
    const shown = state.tabs.find((t) => t.id === state.focused);
    expect(shown?.url).toBe(`${OPTIONS}#registry`);
  });

  it('a tab the user navigated elsewhere is not brought forward in place of the options', async () => {
    const openOptions = await fresh();
    await openOptions('instances', true);
    // The user reused that tab for something else.
    state.tabs[0]!.url = 'https://news.example/today';
    await openOptions('instances', true);
    const shown = state.tabs.find((t) => t.id === state.focused);
    expect(shown?.url).toBe(`${OPTIONS}#instances`);
    // and the user's other page was not navigated away either
    expect(state.tabs[0]!.url).toBe('https://news.example/today');
  });
});
