// Cost follows change: registry.ts keeps one registry index per project list. Two configured
// Phabricators have two project lists; their scheduled polls (run side by side) and page views on either
// must not build the other's index again when neither the registry nor either project list changed.
import type * as RegistryIndexModule from '../../../src/core/registry/registry-index';
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Standin } from '../../standin/server';
import type { FakeBrowser } from './fake-browser';
import { TOKEN, ubnStandin } from './cost-support';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});
const counted = vi.hoisted(() => ({ builds: 0 }));
vi.mock('../../../src/core/registry/registry-index', async (original) => {
  const real = await original<typeof RegistryIndexModule>();
  return {
    ...real,
    buildRegistryIndex: (...args: Parameters<typeof real.buildRegistryIndex>) => {
      counted.builds++;
      return real.buildRegistryIndex(...args);
    },
  };
});

const { pollInstance } = await import('../../../src/background/poll');
const { answerContext } = await import('../../../src/background/context-answer');
const { clientFor } = await import('../../../src/background/instance-client');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { parseSettings } = await import('../../../src/shared/settings');
const { DEMO_REGISTRY } = await import('../../../scripts/demo/settings');

let a: Standin;
let b: Standin;
let settings: Parameters<typeof pollInstance>[0];

function advance(seconds: number): void {
  a.clock.advance(seconds);
  b.clock.set(a.clock.now());
  setClockOffset(a.clock.now() - Math.floor(Date.now() / 1000));
}

beforeAll(async () => {
  a = await ubnStandin(30);
  // The second Phabricator has a project the first lacks (two instances never share a project list).
  b = await ubnStandin(30, (world) => ({
    ...world,
    projects: [...(world.projects ?? []), { name: 'Only-On-The-Second', icon: 'tag', color: 'blue' }],
  }));
  const parsed = parseSettings({
    version: 1,
    instances: [
      { url: a.url, authMode: 'token' },
      { url: b.url, authMode: 'token' },
    ],
    watch: { allUbn: true },
    registry: {
      sources: [{ kind: 'inline', id: 'demo', name: 'Demo', text: readFileSync(DEMO_REGISTRY, 'utf8') }],
    },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  settings = parsed.settings;
  for (const site of [a, b]) {
    fake.current!.grant(site.url);
    await writeToken(site.url, TOKEN);
  }
  advance(0);
  // Cold polls of both: each instance's index is built once here.
  await pollInstance(settings, a.url, { force: true });
  await pollInstance(settings, b.url, { force: true });
});

afterAll(async () => {
  await a.close();
  await b.close();
});

describe('two configured instances', () => {
  it('build no registry index in steady polls of both', async () => {
    counted.builds = 0;
    const requests: number[] = [];
    for (let poll = 0; poll < 3; poll++) {
      advance(300);
      a.requests.clear();
      b.requests.clear();
      // As pollAll() runs them: side by side.
      await Promise.all([
        pollInstance(settings, a.url, { force: true }),
        pollInstance(settings, b.url, { force: true }),
      ]);
      requests.push(a.requests.conduitCalls().length + b.requests.conduitCalls().length);
    }
    // Nothing changed on either Phabricator, nor in the registry.
    expect(counted.builds, `requests per round: ${requests.join(', ')}`).toBe(0);
  });

  it('build no registry index for a cached page view after the other instance polled', async () => {
    const view = (settle: boolean) =>
      answerContext(settings, a.url, () => clientFor(settings, a.url), {
        taskId: 5001,
        refresh: false,
        settle,
      });
    // A's task, cached by the poll, viewed once and checked (settle waits for the check to end).
    await view(true);
    advance(300);
    await pollInstance(settings, b.url, { force: true });
    counted.builds = 0;
    // The answer from the cache (contextFromCache); the check it starts is collected afterwards.
    const answer = await view(false);
    const builds = counted.builds;
    if (answer.pending) await view(true);
    expect(builds).toBe(0);
  });
});
