// A released role is no process owner: the worker's poll, against the stand-in, counts a UBN! whose
// process owner wrote "Process owner: none" in the deploy gate as soon as rule 1's 2 h since the
// escalation have passed, however long after the escalation the release came.
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

const { pollInstance } = await import('../../../src/background/poll');
const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { parseSettings } = await import('../../../src/shared/settings');

const REGISTRY = readFileSync(resolve(import.meta.dirname, '../../fixtures/registry/example.yaml'), 'utf8');

let site: Standin;

function settings() {
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: site.url, authMode: 'token' }],
    registry: { sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: REGISTRY }] },
    watch: { allUbn: true },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.settings;
}

async function comment(task: string, as: string, text: string): Promise<void> {
  const params = {
    objectIdentifier: task,
    transactions: [{ type: 'comment', value: text }],
    __conduit__: { token: as },
  };
  const reply = await fetch(`${site.url}/api/maniphest.edit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `params=${encodeURIComponent(JSON.stringify(params))}`,
  });
  expect(((await reply.json()) as { error_code: unknown }).error_code).toBeNull();
}

beforeAll(async () => {
  site = await startStandin({ port: 0 });
  fake.current!.grant(site.url);
  await writeToken(site.url, TOKENS.alice);
  setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
});

afterAll(() => site.close());

describe('the deploy gate after "Process owner: none"', () => {
  it('counts T16 (escalated 3 h ago, erin declared) the moment its role is released', async () => {
    await comment('T16', TOKENS.alice, 'Process owner: @erin');
    site.clock.advance(60);
    setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
    const before = await pollInstance(settings(), site.url, { force: true });
    const t16 = () => before.state.rows.find((r) => r.task.id === 16);
    expect(t16()?.stale.some((s) => s.rule === 'no-process-owner')).toBe(false);

    await comment('T16', TOKENS.alice, 'Stepping back.\n\nProcess owner: none');
    site.clock.advance(60);
    setClockOffset(site.clock.now() - Math.floor(Date.now() / 1000));
    const after = await pollInstance(settings(), site.url, { force: true });
    expect(after.state.gateCount).toBe(before.state.gateCount + 1);
    const row = after.state.rows.find((r) => r.task.id === 16)!;
    expect(row.processOwner?.released).toEqual({ by: 'alice', at: site.clock.now() - 60 });
    const rule1 = row.stale.find((s) => s.rule === 'no-process-owner');
    expect(rule1?.text).toMatch(
      /^No process owner for 3 hours since escalation; @alice released the role 1 minute ago$/,
    );
  });
});
