// A history a page view reads keeps Phorge's clock, so the 2-minute timeline-group rule (freshness.ts)
// holds for it too: a page first viewed seconds after an escalation, then showing a declaration that
// joined the escalation's timeline group, is not answered whole from the earlier read.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PageFacts } from '../../../src/messages';
import { editAs } from '../../standin/edits';
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
const { viewedTask } = await import('../../../src/background/tasks');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');

let site: Standin;
let settings: Parameters<typeof answerContext>[0];
const connect = () => clientFor(settings, site.url);
const ask = (taskId: number, page: PageFacts, settle = false) =>
  answerContext(settings, site.url, connect, { taskId, refresh: false, settle, page });
const syncClock = () => setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));

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
  syncClock();
});
afterAll(() => site.close());

describe('a page first viewed seconds after an escalation, then a declaration joins its timeline group', () => {
  it('the reload whose group shows the declaration is not answered whole from the earlier read', async () => {
    // alice raises T4 to UBN!; the page is viewed 10 s later (the task was never seen by this worker).
    await editAs(site, 'alice', 'T4', [{ type: 'priority', value: 'unbreak' }]);
    site.clock.advance(10);
    syncClock();
    const raised = await pageFactsOf(site, 4);
    const first = await ask(4, raised);
    const settled = first.pending ? await ask(4, raised, true) : first;
    expect(settled.processOwner?.declaredAt ?? null).toBeNull();
    const stored = await viewedTask(site.url, 4);
    // 50 s later alice declares herself in a comment: Phorge draws it inside the raise's group, whose
    // anchor stays the raise (the strongest transaction), so the reloaded page's newest anchor is unchanged.
    site.clock.advance(50);
    await editAs(site, 'alice', 'T4', [{ type: 'comment', value: 'Process owner: @alice' }]);
    site.clock.advance(10);
    syncClock();
    const reloaded = { ...(await pageFactsOf(site, 4)), newestTransaction: raised.newestTransaction };
    const again = await ask(4, reloaded);
    const shown = again.pending ? await ask(4, reloaded, true) : again;
    expect
      .soft(stored?.historyReadAt ?? null, 'the page view stored its history without Phorge’s clock')
      .not.toBeNull();
    // The page shows "Process owner: @alice"; the banner must not say nobody is declared.
    expect(shown.processOwner?.person?.username, 'declared on the page').toBe('alice');
  });
});
