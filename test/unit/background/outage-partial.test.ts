// A task never read, opened while Phabricator cannot be reached. The first answer is the part the cache can
// give (priority and status from the page, the owners of its tags from the cached registry and projects);
// when the read that should complete it fails, that part stays, marked with the problem, not a bare error.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PageFacts } from '../../../src/messages';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import { pageFactsOf } from './page-facts-of';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  const fake = createFakeBrowser();
  (globalThis as { fakeBrowser?: unknown }).fakeBrowser = fake;
  return { default: fake.browser };
});

const { answerContext } = await import('../../../src/background/context-answer');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { clientFor } = await import('../../../src/background/instance-client');
const { parseSettings } = await import('../../../src/shared/settings');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');

let site: Standin;
let settings: Parameters<typeof answerContext>[0];

const pageOf = (task: number) => pageFactsOf(site, task);

const ask = (taskId: number, page: PageFacts, settle = false) =>
  answerContext(settings, site.url, () => clientFor(settings, site.url), {
    taskId,
    refresh: false,
    settle,
    page,
  });

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  settings = parsed.settings;
  (globalThis as { fakeBrowser?: { grant(origin: string): void } }).fakeBrowser!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
  // Another task was viewed while Phabricator answered: the instance's vocabulary and projects are cached.
  const page = await pageOf(16);
  const first = await ask(16, page);
  if (first.pending) await ask(16, page, true);
});

afterAll(() => site.close());

describe('a task never read, opened during an outage', () => {
  it('the answer after the failed read still names the owners the first answer showed, marked with the problem', async () => {
    const page = await pageOf(13);
    await fetch(`${site.url}/__standin/faults`, {
      method: 'POST',
      body: JSON.stringify({ method: '*', kind: 'drop', times: 100 }),
    });
    const partial = await ask(13, page);
    expect(partial.pending).toBe('history');
    const owners = partial.ownership.components.map((c) => c.name);
    expect(owners.length).toBeGreaterThan(0);

    let settled: Awaited<ReturnType<typeof ask>> | null = null;
    let error: unknown = null;
    try {
      settled = await ask(13, page, true);
    } catch (thrown) {
      error = thrown;
    }
    expect(error, 'the settle request failed with a bare error, dropping what the cache knew').toBeNull();
    expect(settled?.outage?.kind).toBe('network');
    expect(settled?.ownership.components.map((c) => c.name)).toEqual(owners);
  });
});
