// Open task pages are told to ask again when what answers them changed without their task moving: a
// registry refresh that brings another document (a scheduled one too, which is no settings save), but not
// one that brings the same document again. A poll's moved tasks reach only the pages of those tasks.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { forgetRememberedRegistry, refreshRegistry } = await import('../../../src/background/registry');
const { tellOpenPages } = await import('../../../src/background/open-pages');
const { parseSettings } = await import('../../../src/shared/settings');
const { db } = await import('../../../src/background/db');

const ORIGIN = 'https://phabricator.example.org';
const example = readFileSync(new URL('../../fixtures/registry/example.yaml', import.meta.url), 'utf8');
const edited = example.replace('CentralAuth', 'CentralAuth (renamed)');

function settingsWith(text: string) {
  const result = parseSettings({
    version: 1,
    instances: [{ url: ORIGIN, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'team', name: 'Team registry', text }] },
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.settings;
}

const sent: { tabId: number; message: unknown }[] = [];
beforeEach(async () => {
  await (await db()).clear('registry');
  forgetRememberedRegistry();
  const tabs = fake.current!.browser.tabs as unknown as Record<string, unknown>;
  tabs.query = async () => [
    { id: 1, url: `${ORIGIN}/T14` },
    { id: 2, url: `${ORIGIN}/T11?x=1#c` },
    { id: 3, url: `${ORIGIN}/maniphest/` },
    { id: 4, url: 'https://other.example.org/T14' },
  ];
  tabs.sendMessage = async (tabId: number, message: unknown) => {
    sent.push({ tabId, message });
  };
  sent.length = 0;
});

describe('a registry refresh', () => {
  it('that brings another document tells every open task page of the instances, with its own task', async () => {
    await refreshRegistry(settingsWith(example));
    sent.length = 0;
    await refreshRegistry(settingsWith(edited));
    expect(sent).toEqual([
      { tabId: 1, message: { type: 'task/changed', taskId: 14 } },
      { tabId: 2, message: { type: 'task/changed', taskId: 11 } },
    ]);
  });

  it('that brings the same document again tells nobody', async () => {
    await refreshRegistry(settingsWith(example));
    sent.length = 0;
    await refreshRegistry(settingsWith(example), true);
    expect(sent).toEqual([]);
  });

  it('made by a settings save leaves the telling to the save (one message per page, not two)', async () => {
    await refreshRegistry(settingsWith(example));
    sent.length = 0;
    let told = 0;
    await refreshRegistry(settingsWith(edited), false, () => told++);
    expect(sent).toEqual([]);
    expect(told).toBe(1);
  });
});

describe("a poll's moved tasks", () => {
  it('reach the open pages of those tasks only', async () => {
    await tellOpenPages(ORIGIN, [11, 99]);
    expect(sent).toEqual([{ tabId: 2, message: { type: 'task/changed', taskId: 11 } }]);
  });
});
