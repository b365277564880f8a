// Retry (or the Retry over an outage notice) on a never-seen task while Phabricator cannot be reached is one
// attempt to read it: the answer is the partial context marked with the outage, and the banner
// (use-task-context.ts) asks nothing more for it, as a settle ask carrying `refresh: true` would read
// Phabricator a second time for that one click.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PageFacts, TaskContext } from '../../../src/messages';
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

const ask = (taskId: number, page: PageFacts, refresh: boolean, settle = false) =>
  answerContext(settings, site.url, () => clientFor(settings, site.url), {
    taskId,
    refresh,
    settle,
    page,
    tab: 1,
  });

/**
 * What the banner's load() does (use-task-context.ts): the ask, then a settle ask if the answer is pending
 * and not marked with an outage.
 */
async function bannerLoad(taskId: number, page: PageFacts, refresh: boolean): Promise<TaskContext> {
  const first = await ask(taskId, page, refresh);
  return first.pending === undefined || first.outage ? first : ask(taskId, page, refresh, true);
}

async function outage(): Promise<void> {
  await fetch(`${site.url}/__standin/faults`, {
    method: 'POST',
    body: JSON.stringify({ method: '*', kind: 'drop', times: 1000 }),
  });
}

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
  // Another task was viewed while Phabricator answered: vocabulary and projects are cached.
  const page = await pageOf(16);
  await bannerLoad(16, page, false);
});

afterAll(() => site.close());

describe('Retry on a never-seen task during an outage', () => {
  it('one click on Retry is one attempt to read Phabricator, not two', async () => {
    const page = await pageOf(13);
    await outage();
    // One attempt, as the worker makes it for a Retry (the refresh ask alone).
    site.requests.clear();
    const once = await ask(13, page, true);
    expect(once.outage?.kind).toBe('network');
    const oneAttempt = site.requests.conduitCalls().length;
    expect(oneAttempt).toBeGreaterThan(0);

    // The same click as the banner makes it.
    site.requests.clear();
    const shown = await bannerLoad(13, page, true);
    expect(shown.outage?.kind).toBe('network');
    expect(
      site.requests.conduitCalls().length,
      // Not two attempts: a call or so either way is the background's own (a retry's timing).
      `Conduit calls for one Retry (one attempt is ${oneAttempt})`,
    ).toBeLessThan(oneAttempt * 1.5);
  }, 30_000);
});
