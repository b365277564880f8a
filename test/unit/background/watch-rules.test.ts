// The banner's "Watch" button on a fresh setup: the watch rules are evaluated for the task being viewed,
// so a task they cover reads as watched before the first poll ran, and an explicit choice still wins.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TOKENS } from '../../standin/accounts';
import { startStandin, type Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { taskContext } = await import('../../../src/background/context');
const { clientFor } = await import('../../../src/background/instance-client');
const { setWatched } = await import('../../../src/background/watch');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { parseSettings } = await import('../../../src/shared/settings');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');

let site: Standin;

function settings(watch: Record<string, unknown>) {
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
    watch: { allUbn: false, projects: [], myComponents: false, ...watch },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.settings;
}

async function watchedOnBanner(taskId: number, watch: Record<string, unknown>): Promise<boolean> {
  const s = settings(watch);
  return (await taskContext(s, site.url, await clientFor(s, site.url), taskId, false)).watched;
}

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});

afterAll(() => site.close());

describe('watched, as the banner shows it before any poll', () => {
  it('"all UBN!" covers an open UBN! task at once', async () => {
    expect(await watchedOnBanner(14, { allUbn: true })).toBe(true);
  });

  it("a rule naming one of the task's projects covers it; another project does not", async () => {
    expect(await watchedOnBanner(11, { projects: ['release-engineering-team'] })).toBe(true);
    expect(await watchedOnBanner(14, { projects: ['release-engineering-team'] })).toBe(false);
  });

  it('"my components" covers a UBN! of a component the viewer stewards', async () => {
    // alice is in Platform Team, steward of MediaWiki-Authentication (T14) in the example registry.
    expect(await watchedOnBanner(14, { myComponents: true })).toBe(true);
  });

  it('the rules do not cover a task that is not an open UBN!', async () => {
    expect(await watchedOnBanner(8, { allUbn: true })).toBe(false);
  });

  it('an explicit unwatch wins over the rules, and an explicit watch over no rule', async () => {
    await setWatched(site.url, 16, false);
    expect(await watchedOnBanner(16, { allUbn: true })).toBe(false);
    await setWatched(site.url, 6, true);
    expect(await watchedOnBanner(6, {})).toBe(true);
  });
});
