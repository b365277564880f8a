// Cost follows change: a watched UBN! tagged with a project the viewer cannot see. Phorge's
// maniphest.search lists every tag's PHID (the projects attachment reads edges, unfiltered by policy) while
// project.search answers only the projects the viewer may see: such a tag is asked about once per daily
// project list, not at every poll, and the project list is not stored again.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';
import { countIndexedDb, idbOps, resetIdbOps, TOKEN, ubnStandin } from './cost-support';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { pollInstance } = await import('../../../src/background/poll');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { parseSettings } = await import('../../../src/shared/settings');
const { DEMO_REGISTRY } = await import('../../../scripts/demo/settings');

/** Policy-restricted projects (e.g. a security team's ACL project): listed on the task, never by project.search. */
const HIDDEN = 'PHID-PROJ-hiddenaclproject00001';

let site: Standin;
let settings: Parameters<typeof pollInstance>[0];

function syncClock(): void {
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
}

beforeAll(async () => {
  countIndexedDb();
  site = await ubnStandin(40);
  // T5001 carries the hidden tag besides its visible ones.
  site.state.world.tasks.find((t) => t.id === 5001)!.projectPHIDs.push(HIDDEN);
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    watch: { allUbn: true },
    registry: {
      sources: [{ kind: 'inline', id: 'demo', name: 'Demo', text: readFileSync(DEMO_REGISTRY, 'utf8') }],
    },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  settings = parsed.settings;
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKEN);
  syncClock();
  await pollInstance(settings, site.url, { force: true });
});

afterAll(() => site.close());

describe('a watched task tagged with a project the viewer cannot see', () => {
  it('costs a steady poll no project.search and no rewrite of the instance record', async () => {
    const perPoll: { projectSearch: number; instanceWrites: number; requests: string[] }[] = [];
    for (let poll = 0; poll < 3; poll++) {
      site.clock.advance(300);
      syncClock();
      site.requests.clear();
      resetIdbOps();
      const { state } = await pollInstance(settings, site.url, { force: true });
      expect(state.connection).toBe('ok');
      perPoll.push({
        projectSearch: site.requests.conduitCalls('project.search').length,
        instanceWrites: idbOps()['instances.put'] ?? 0,
        requests: site.requests.conduitCalls().map((r) => r.conduitMethod!),
      });
    }
    // Nothing changed on Phorge: the two maniphest.search calls (and an account refresh when due), no
    // project.search for a tag already asked about, and no write of the cached project list.
    expect(perPoll.map((p) => p.projectSearch)).toEqual([0, 0, 0]);
    expect(perPoll.map((p) => p.instanceWrites)).toEqual([0, 0, 0]);
  });
});
